import type * as C from '@pix-lti/web-components/contract';
import type { Activity, Participation } from '../../campaigns/campaigns.module.js';
import type { Challenge } from '../../content/domain/challenge.js';
import { competenceRefOf, toChallengeView } from '../../content/domain/challenge-view.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { toCorrectionView } from '../../content/domain/correction-view.js';
import { AppError } from '../../platform/errors.js';
import { remainingSeconds } from '../domain/answer-timing.js';
import type { AssessmentRecord } from '../domain/assessment.js';
import { checkpointId, type CurrentStep } from '../domain/assessment-step.js';
import { describeAnswer } from '../domain/describe-answer.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { AnswerState, AssessmentState } from './assessment-state.js';

/** The activity as the learner sees it. */
export function activityView(activity: Activity): C.ActivityView {
  const view: C.ActivityView = { type: activity.ref.type, id: activity.ref.id, title: activity.title };
  if (activity.description) view.description = activity.description;
  if (activity.code) view.code = activity.code;
  return view;
}

export function sharingOf(participation: Participation, assessment: AssessmentRecord): C.SharingState {
  // An older run (before an improvement) has nothing left to share.
  if (participation.assessmentId !== assessment.id || participation.status === 'STARTED') return { status: 'NOT_SHAREABLE' };
  if (participation.status === 'SHARED') return { status: 'SHARED', ...(participation.sharedAt ? { sharedAt: participation.sharedAt.toISOString() } : {}) };
  return { status: 'TO_SHARE' };
}

export function progressOf(deps: Pick<AssessmentDeps, 'engine'>, state: Pick<AssessmentState, 'assessment' | 'activity' | 'snapshot' | 'answers'>): C.AssessmentProgress {
  const total = deps.engine.flashTotal(state);
  return { answered: state.answers.length, ...(total !== undefined ? { total: Math.max(total, state.answers.length) } : {}) };
}

export function summaryOf(deps: Pick<AssessmentDeps, 'engine'>, state: AssessmentState): C.AssessmentSummary {
  const { assessment } = state;
  const summary: C.AssessmentSummary = {
    id: assessment.id,
    status: assessment.state,
    activity: activityView(state.activity),
    checkpoints: assessment.checkpoints,
    progress: progressOf(deps, state),
    startedAt: assessment.createdAt.toISOString(),
    sharing: sharingOf(state.participation, assessment),
  };
  if (assessment.completedAt) summary.completedAt = assessment.completedAt.toISOString();
  return summary;
}

/** The current step as the player shows it; never a solution outside a checkpoint. */
export function nextStepOf(deps: AssessmentDeps, state: AnswerState, step: CurrentStep = state.step): C.NextStep {
  const progress = progressOf(deps, state);
  if (step.kind === 'completed') return { kind: 'completed', progress };
  if (step.kind === 'checkpoint') return { kind: 'checkpoint', checkpoint: checkpointOf(deps, state, step), progress };
  const challenge = challengeOf(deps, state.snapshot, step.challengeId);
  return { kind: 'challenge', challenge: challengeViewOf(deps, state, challenge), state: challengeStateOf(deps, state.assessment, step.number, challenge), progress };
}

export function challengeOf(deps: Pick<AssessmentDeps, 'log'>, snapshot: ContentSnapshot, id: string): Challenge {
  const challenge = snapshot.challenge(id);
  if (!challenge) {
    // Only if a new bank version dropped a challenge a learner has on screen (ids are stable across versions).
    deps.log.error({ challengeId: id }, 'the current challenge is missing from the active item bank');
    throw new AppError('CHALLENGE_UNAVAILABLE', 'This question is no longer available; the item bank changed. Tell your teacher.', { status: 503 });
  }
  return challenge;
}

export function challengeViewOf(deps: Pick<AssessmentDeps, 'settings'>, state: Pick<AssessmentState, 'assessment' | 'snapshot'>, challenge: Challenge): C.ChallengeView {
  return toChallengeView(challenge, {
    competence: competenceRefOf(state.snapshot, challenge.competenceId),
    shuffleSeed: state.assessment.id,
    assetBaseUrl: deps.settings.assetBaseUrl,
  }) as C.ChallengeView;
}

/** Seconds this learner is allowed on a timed challenge (no extra time is granted yet: the challenge's own timer). */
export const allowedSecondsOf = (challenge: Pick<Challenge, 'timer'>): number | undefined => (challenge.timer && challenge.timer > 0 ? challenge.timer : undefined);

export function challengeStateOf(deps: Pick<AssessmentDeps, 'clock'>, assessment: AssessmentRecord, number: number, challenge: Challenge): C.ChallengeState {
  const state: C.ChallengeState = { number, focusedOut: challenge.focused && assessment.focusLost.includes(number) };
  const allowed = allowedSecondsOf(challenge);
  if (allowed !== undefined) state.allowedSeconds = allowed;
  const start = startOf(assessment, number);
  if (start) {
    state.startedAt = start.toISOString();
    if (allowed !== undefined) state.remainingSeconds = remainingSeconds(allowed, start, deps.clock());
  }
  return state;
}

/** When the learner pressed "start" on question `number` (the first time counts). */
export function startOf(assessment: AssessmentRecord, number: number): Date | undefined {
  const starts = assessment.challengeStarts.filter((s) => s.number === number).map((s) => s.startedAt.getTime());
  return starts.length > 0 ? new Date(Math.min(...starts)) : undefined;
}

function checkpointOf(deps: AssessmentDeps, state: AnswerState, step: Extract<CurrentStep, { kind: 'checkpoint' }>): C.Checkpoint {
  const answers = state.answers.filter((a) => a.number >= step.fromAnswer && a.number <= step.toAnswer);
  return {
    id: checkpointId(step.number),
    number: step.number,
    final: step.final,
    answers: answers.map((answer) => {
      const challenge = challengeOf(deps, state.snapshot, answer.challengeId);
      const skill = state.snapshot.skill(challenge.skillId);
      const correction = toCorrectionView(challenge);
      return {
        answerId: answer.id,
        challengeId: answer.challengeId,
        number: answer.number,
        instructionHtml: challengeViewOf(deps, state, challenge).instructionHtml,
        status: answer.result,
        givenAnswer: describeAnswer(challenge, answer.value ?? { kind: 'skip' }),
        correction: { solutionHtml: correction.solutionHtml, ...(correction.explanationHtml ? { explanationHtml: correction.explanationHtml } : {}) },
        // As Pix: tutorials for what went wrong, to learn it.
        tutorials: answer.result === 'ok' ? [] : [...(skill?.tutorials ?? [])],
      };
    }),
  };
}
