import { createHash } from 'node:crypto';
import { challengeMatchesLocale } from '../../adaptive/index.js';
import type { Activity, Participation } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import type { AssessmentRecord } from '../domain/assessment.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { Owner } from './assessment-state.js';
import { learnerKnowledge } from './learner-knowledge.js';

const digest = (...parts: Array<string | number>) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 24);

/** Ids derived from what they are, so that two concurrent starts create one thing and the other finds it. */
export const participationIdOf = (owner: Owner, activityKey: string, attempt: number) => `p_${digest(owner.tenantId, activityKey, owner.learnerId, attempt)}`;
export const assessmentIdOf = (participationId: string, run: number) => `a_${digest(participationId, run)}`;

/**
 * The learner's latest attempt at an activity, found by its derived ids (attempt 1, 2…):
 * lookups by `_id`, which FerretDB v1 does without scanning the collection.
 */
export async function latestParticipation(deps: Pick<AssessmentDeps, 'participations'>, owner: Owner, activityKey: string): Promise<Participation | undefined> {
  let latest: Participation | undefined;
  for (let attempt = 1; ; attempt++) {
    const next = await deps.participations.findById(participationIdOf(owner, activityKey, attempt));
    if (!next || next.tenantId !== owner.tenantId || next.learnerId !== owner.learnerId) return latest;
    latest = next;
  }
}

/** Where the learner launched from this time. */
export interface LaunchFacts {
  registrationId: string;
  contextId?: string;
  resourceLinkId?: string;
  /** Where this launch's grade for an activity goes (undefined without AGS). */
  gradeTargetFor?(activity: Activity): unknown;
  /** The launch's locale (`fr-FR`). */
  locale?: string;
}

/** A new participation (attempt n) with its first assessment; the existing one if a concurrent request made it. */
export async function createParticipation(
  deps: AssessmentDeps,
  input: { owner: Owner; activity: Activity; attempt: number; status: Participation['status']; launch: LaunchFacts; isImproving: boolean },
): Promise<Participation> {
  const now = deps.clock();
  const id = participationIdOf(input.owner, input.activity.key, input.attempt);
  const participation: Participation = {
    id,
    tenantId: input.owner.tenantId,
    learnerId: input.owner.learnerId,
    registrationId: input.launch.registrationId,
    activityKey: input.activity.key,
    activity: input.activity.ref,
    attempt: input.attempt,
    status: input.status,
    improved: false,
    contextIds: input.launch.contextId ? [input.launch.contextId] : [],
    resourceLinkIds: input.launch.resourceLinkId ? [input.launch.resourceLinkId] : [],
    assessmentId: assessmentIdOf(id, 1),
    assessmentRuns: 1,
    createdAt: now,
    updatedAt: now,
    ...gradeTargetOfLaunch(input.launch, input.activity),
  };
  const created = await deps.participations.insert(participation);
  const stored = created ? participation : await deps.participations.findById(id);
  if (!stored) throw new Error(`participation ${id} vanished after a duplicate insert`);
  await ensureAssessment(deps, { participation: stored, activity: input.activity, run: stored.assessmentRuns, launch: input.launch, isImproving: input.isImproving });
  return stored;
}

/**
 * The participation's assessment for `run`, created if missing (the participation may
 * have been written just before a crash) with the engine's first step.
 */
export async function ensureAssessment(
  deps: AssessmentDeps,
  input: { participation: Participation; activity: Activity; run: number; launch: Pick<LaunchFacts, 'locale'>; isImproving: boolean },
): Promise<AssessmentRecord> {
  const id = assessmentIdOf(input.participation.id, input.run);
  const existing = await deps.assessments.findById(id);
  if (existing) return existing;
  const snapshot = await deps.content.snapshot();
  const now = deps.clock();
  const owner = { tenantId: input.participation.tenantId, learnerId: input.participation.learnerId };
  const { activity } = input;
  const base = {
    id,
    method: activity.method,
    locale: contentLocale(activity, snapshot, input.launch.locale),
    isImproving: input.isImproving,
    ...(activity.flashLength !== undefined ? { flashLength: activity.flashLength } : {}),
  };
  const knowledgeElements = activity.method === 'SMART_RANDOM' ? await learnerKnowledge(deps, owner, [], deps.knowledge.recentForLearner(owner.tenantId, owner.learnerId)) : [];
  const first = deps.engine.next({ assessment: base, activity, snapshot, answers: [], knowledgeElements, now });
  const assessment: AssessmentRecord = {
    ...base,
    ...owner,
    participationId: input.participation.id,
    activityKey: activity.key,
    activity: activity.ref,
    checkpoints: activity.checkpoints,
    run: input.run,
    first,
    log: [],
    answered: 0,
    ended: first.ended,
    acknowledged: 0,
    challengeStarts: [],
    focusLost: [],
    state: 'started',
    createdAt: now,
    updatedAt: now,
  };
  if (await deps.assessments.insert(assessment)) return assessment;
  const raced = await deps.assessments.findById(id);
  if (!raced) throw new Error(`assessment ${id} vanished after a duplicate insert`);
  return raced;
}

/**
 * The language the questions are asked in: the launch's when the activity has questions in
 * it, else French (the bank's language; a learner with an English LMS still gets a test).
 */
export function contentLocale(activity: Pick<Activity, 'targetSkillIds'>, snapshot: ContentSnapshot, wanted: string | undefined): string {
  const fallback = 'fr-fr';
  const locale = (wanted ?? fallback).toLowerCase();
  if (locale === fallback) return fallback;
  const offered = activity.targetSkillIds.some((id) => snapshot.challengesOfSkill(id).some((c) => c.status === 'validated' && challengeMatchesLocale(c, locale)));
  return offered ? locale : fallback;
}

/** The launch's grade target for the activity, as a participation field. */
export function gradeTargetOfLaunch(launch: Pick<LaunchFacts, 'gradeTargetFor'>, activity: Activity): { gradeTarget?: unknown } {
  const target = launch.gradeTargetFor?.(activity);
  return target === undefined ? {} : { gradeTarget: target };
}

/** What `recordLaunch` stores about this launch. */
export function launchPlaceOf(launch: LaunchFacts, activity: Activity) {
  return { contextId: launch.contextId, resourceLinkId: launch.resourceLinkId, ...gradeTargetOfLaunch(launch, activity) };
}
