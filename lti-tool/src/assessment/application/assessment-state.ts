import type { Activity, Participation } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { notFound } from '../../platform/errors.js';
import type { AnswerRecord, AssessmentRecord } from '../domain/assessment.js';
import { currentStep, type CurrentStep, type StepFacts } from '../domain/assessment-step.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { completeAssessment } from './complete-assessment.js';

/** Who acts: the launch's tenant and pseudonymous learner. Only they may see or touch their assessments. */
export interface Owner {
  tenantId: string;
  learnerId: string;
}

/** An assessment with everything needed to answer about it. */
export interface AssessmentState {
  assessment: AssessmentRecord;
  participation: Participation;
  answers: AnswerRecord[];
  activity: Activity;
  snapshot: ContentSnapshot;
  facts: StepFacts;
  step: CurrentStep;
}

/**
 * An assessment's state as the answer path loads it: the participation is read only if the
 * test ends (`completeAssessment` reads it then), one round trip less per answer.
 */
export type AnswerState = Omit<AssessmentState, 'participation'> & { participation?: Participation };

export const assessmentNotFound = () => notFound('ASSESSMENT_NOT_FOUND', 'No such assessment for you: open the activity again from your course.');

/** The assessment if it is this learner's, else 404 (another learner's id is answered the same way). */
export async function loadOwnedAssessment(deps: Pick<AssessmentDeps, 'assessments'>, owner: Owner, id: string): Promise<AssessmentRecord> {
  const assessment = await deps.assessments.findById(id);
  if (!assessment || assessment.tenantId !== owner.tenantId || assessment.learnerId !== owner.learnerId) throw assessmentNotFound();
  return assessment;
}

export function stepFactsOf(assessment: AssessmentRecord, answers: readonly AnswerRecord[]): StepFacts {
  const last = answers.at(-1);
  const next = last ? last.next : assessment.first;
  const facts: StepFacts = { checkpoints: assessment.checkpoints, answered: answers.length, ended: next.ended, acknowledged: assessment.acknowledged };
  if (next.challengeId !== undefined) facts.nextChallengeId = next.challengeId;
  return facts;
}

/**
 * Loads an assessment of this learner and where it stands. Repairs on the way what a
 * crash may have left half done after an answer was stored: the test is over but the
 * assessment or the participation was not told.
 *
 * `probeNext: false` skips the lookup of an answer committed after the last one copied:
 * for a submit, whose insert of that same answer number fails if it exists and then
 * reads again with the lookup (`lostRace`). On FerretDB that lookup scans every answer
 * of every learner (ADR 0062).
 */
export async function loadState(deps: AssessmentDeps, owner: Owner, id: string, options: { probeNext?: boolean } = {}): Promise<AssessmentState> {
  const assessment = await loadOwnedAssessment(deps, owner, id);
  const [participation, answers, snapshot, activity] = await Promise.all([
    deps.participations.findById(assessment.participationId),
    answersOf(deps, assessment, options),
    deps.content.snapshot(),
    deps.activities.existing(assessment.activity),
  ]);
  if (!participation || !activity) throw assessmentNotFound();
  return withStep(deps, { assessment, participation, answers, activity, snapshot });
}

/** `loadState` for a submit: without the participation (see `AnswerState`). */
export async function loadAnswerState(deps: AssessmentDeps, owner: Owner, id: string, options: { probeNext?: boolean } = {}): Promise<AnswerState> {
  const assessment = await loadOwnedAssessment(deps, owner, id);
  const [answers, snapshot, activity] = await Promise.all([answersOf(deps, assessment, options), deps.content.snapshot(), deps.activities.existing(assessment.activity)]);
  if (!activity) throw assessmentNotFound();
  return withStep(deps, { assessment, answers, activity, snapshot });
}

/**
 * The assessment's answers, in order: those copied into it, checked against the answers
 * collection (the commit point) by `_id` — any gap in the numbers, and the next number, in
 * case an answer was committed but not copied (a crash, or a submit still in flight).
 * Answers found that way are copied now. Costs one lookup by `_id` when nothing is missing.
 */
export async function answersOf(deps: Pick<AssessmentDeps, 'answers' | 'assessments' | 'clock'>, assessment: AssessmentRecord, options: { probeNext?: boolean } = {}): Promise<AnswerRecord[]> {
  const byNumber = new Map<number, AnswerRecord>();
  for (const answer of assessment.log) if (!byNumber.has(answer.number)) byNumber.set(answer.number, answer);
  const highest = Math.max(0, ...byNumber.keys());
  const gaps = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !byNumber.has(n));
  const found = (await Promise.all(gaps.map((n) => deps.answers.findAt(assessment.id, n)))).filter((a): a is AnswerRecord => a !== undefined);
  for (let n = highest + 1; options.probeNext !== false; n++) {
    const next = await deps.answers.findAt(assessment.id, n);
    if (!next) break;
    found.push(next);
  }
  if (found.length > 0) {
    await deps.assessments.appendAnswers(assessment.id, found, deps.clock());
    for (const answer of found) byNumber.set(answer.number, answer);
    assessment.log.push(...found);
  }
  return [...byNumber.values()].sort((x, y) => x.number - y.number);
}

/** Derives the step and finishes a completion a crash interrupted. */
export async function withStep<P extends Omit<AnswerState, 'facts' | 'step'>>(deps: AssessmentDeps, parts: P): Promise<P & Pick<AssessmentState, 'facts' | 'step'>> {
  const facts = stepFactsOf(parts.assessment, parts.answers);
  const state = { ...parts, facts, step: currentStep(facts) };
  if (facts.ended && (state.assessment.state !== 'completed' || !state.assessment.finalizedAt)) await completeAssessment(deps, state);
  return state;
}
