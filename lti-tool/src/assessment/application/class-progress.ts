import type * as C from '@pix-lti/web-components/contract';
import type { Activity, Participation } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { competenceRefOf } from '../../content/domain/challenge-view.js';
import type { LaunchSession } from '../../lti/session/launch-session.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import type { RosterMember } from '../../rosters/domain/member.js';
import type { ActivityResultFacts } from '../domain/activity-results.js';
import type { AssessmentRecord } from '../domain/assessment.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { activityView } from './step-views.js';

/** The rosters module as the dashboard uses it: the launch's course members (NRPS), cached. */
export interface RosterSource {
  members(session: LaunchSession): Promise<{ members: RosterMember[] }>;
}

/** One learner's row, with what the CSV export adds (shared results in full). */
export interface LearnerRow {
  progress: C.LearnerProgress;
  member?: RosterMember;
  participation?: Participation;
  shared?: ActivityResultFacts;
}

export interface ClassView {
  progress: C.ClassProgress;
  rows: LearnerRow[];
  activity: Activity;
  snapshot: ContentSnapshot;
}

/**
 * `GET /api/teacher/progress`: the learners of the launch's course on the launch's
 * activity. The course roster (NRPS, learners only) gives who has not started and the
 * names the platform shares; participations launched from this course give the rest.
 * Results only for learners who shared them. Scoped to the tenant and the course.
 */
export async function classProgress(input: { session: LaunchSession }, deps: AssessmentDeps & { rosters?: RosterSource }): Promise<ClassView> {
  const { session } = input;
  const ref = session.activity;
  if (!ref || ref.type === 'certification') throw badRequest('ACTIVITY_NOT_SPECIFIED', 'Open the dashboard from the activity’s link in your course.');
  const contextId = session.context?.id;
  if (!contextId) throw badRequest('CONTEXT_REQUIRED', 'The launch did not say which course it came from.');
  const activity = await deps.activities.resolve(session.registrationId, { type: ref.type, id: ref.id });
  if (!activity) throw notFound('ACTIVITY_NOT_FOUND', 'This activity does not exist or is not open to your school.');

  const [all, roster, snapshot] = await Promise.all([
    deps.participations.listForContext(session.tenantId, activity.key, contextId),
    rosterOf(deps, session),
    deps.content.snapshot(),
  ]);
  const latest = latestPerLearner(all);
  const assessments = new Map((await deps.assessments.findByIds([...latest.values()].map((p) => p.assessmentId))).map((a) => [a.id, a]));

  const rows: LearnerRow[] = [];
  const seen = new Set<string>();
  for (const member of roster?.filter((m) => m.roles.learner) ?? []) {
    seen.add(member.learnerId);
    const participation = latest.get(member.learnerId);
    rows.push(rowOf(deps, { member, participation, assessment: participation && assessments.get(participation.assessmentId), activity, snapshot }));
  }
  for (const [learnerId, participation] of latest) {
    if (!seen.has(learnerId)) rows.push(rowOf(deps, { participation, assessment: assessments.get(participation.assessmentId), activity, snapshot }));
  }
  rows.sort(byName);
  const context: C.ClassProgress['context'] = { id: contextId, ...(session.context?.title ? { title: session.context.title } : {}) };
  return {
    activity,
    snapshot,
    rows,
    progress: {
      activity: activityView(activity),
      context,
      competences: activity.competenceIds.map((id) => competenceRefOf(snapshot, id)),
      rosterSource: roster ? 'roster' : 'participants',
      generatedAt: deps.clock().toISOString(),
      learners: rows.map((r) => r.progress),
    },
  };
}

/** The roster, or undefined when the platform offers none (or fails now: the dashboard still shows participants). */
async function rosterOf(deps: Pick<AssessmentDeps, 'log'> & { rosters?: RosterSource }, session: LaunchSession): Promise<RosterMember[] | undefined> {
  if (!deps.rosters || !session.nrps) return undefined;
  try {
    return (await deps.rosters.members(session)).members;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    deps.log.warn({ code: err.code, contextId: session.context?.id }, 'the course roster is unavailable: showing participants only');
    return undefined;
  }
}

function latestPerLearner(participations: readonly Participation[]): Map<string, Participation> {
  const latest = new Map<string, Participation>();
  for (const p of participations) {
    const seen = latest.get(p.learnerId);
    if (!seen || p.attempt > seen.attempt) latest.set(p.learnerId, p);
  }
  return latest;
}

function rowOf(
  deps: Pick<AssessmentDeps, 'engine'>,
  input: { member?: RosterMember; participation?: Participation; assessment?: AssessmentRecord; activity: Activity; snapshot: ContentSnapshot },
): LearnerRow {
  const { member, participation, assessment } = input;
  const learnerId = member?.learnerId ?? participation!.learnerId;
  const progress: C.LearnerProgress = { learnerId, displayName: displayNameOf(member), status: 'NOT_STARTED', answered: 0 };
  if (!participation) return { progress, member };
  progress.status = participation.status === 'STARTED' ? 'IN_PROGRESS' : participation.status;
  progress.answered = assessment?.answered ?? 0;
  progress.startedAt = participation.createdAt.toISOString();
  if (assessment) {
    const total = deps.engine.flashTotal({ assessment, activity: input.activity, snapshot: input.snapshot });
    if (total) progress.progress = participation.status === 'STARTED' ? Math.min(1, assessment.answered / total) : 1;
  }
  if (participation.completedAt) progress.completedAt = participation.completedAt.toISOString();
  const shared = participation.status === 'SHARED' ? (participation.sharedResults as ActivityResultFacts | undefined) : undefined;
  if (participation.sharedAt) progress.sharedAt = participation.sharedAt.toISOString();
  if (shared) {
    progress.results = {
      pixScore: shared.pixScore,
      masteryRate: Math.round(shared.masteryRate * 10000) / 10000,
      certifiable: shared.certifiable,
      competences: shared.competences.map((c) => ({ code: input.snapshot.competence(c.competenceId)?.code ?? c.competenceId, level: c.level, pixScore: c.pixScore })),
    };
  }
  return { progress, member, participation, ...(shared ? { shared } : {}) };
}

/** Names only as the platform sent them (its privacy settings decide); null otherwise. */
function displayNameOf(member: RosterMember | undefined): string | null {
  if (!member) return null;
  const composed = [member.givenName, member.familyName].filter(Boolean).join(' ');
  return member.name ?? (composed || null);
}

function byName(x: LearnerRow, y: LearnerRow): number {
  const a = x.member?.familyName ?? x.progress.displayName ?? '\uffff';
  const b = y.member?.familyName ?? y.progress.displayName ?? '\uffff';
  return a.localeCompare(b, 'fr') || x.progress.learnerId.localeCompare(y.progress.learnerId);
}
