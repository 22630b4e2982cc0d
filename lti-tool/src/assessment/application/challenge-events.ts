import type * as C from '@pix-lti/web-components/contract';
import { conflict } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type AssessmentState, type Owner } from './assessment-state.js';
import { challengeOf, challengeStateOf, startOf } from './step-views.js';

export interface ChallengeEventInput {
  owner: Owner;
  assessmentId: string;
  challengeId: string;
}

/** The challenge being asked, or 409: only the current challenge has a timer to start or a focus to lose. */
function current(state: AssessmentState, challengeId: string): { number: number } {
  const { facts } = state;
  if (state.assessment.state === 'completed' || facts.ended) throw conflict('ASSESSMENT_COMPLETED', 'This test is over.');
  if (facts.nextChallengeId !== challengeId) {
    throw conflict('CHALLENGE_NOT_CURRENT', 'This is not the question being asked now.', facts.nextChallengeId ? { currentChallengeId: facts.nextChallengeId } : undefined);
  }
  return { number: state.answers.length + 1 };
}

/**
 * `…/challenges/:id/start`: the learner pressed "Commencer la question". The server's
 * clock starts the timer; a second call keeps the first start, so reloading gives no
 * extra time.
 */
export async function startChallenge(input: ChallengeEventInput, deps: AssessmentDeps): Promise<C.StartChallengeResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const { number } = current(state, input.challengeId);
  if (!startOf(state.assessment, number)) {
    const start = { number, challengeId: input.challengeId, startedAt: deps.clock() };
    await deps.assessments.recordStart(state.assessment.id, start);
    state.assessment.challengeStarts.push(start);
  }
  return { state: challengeStateOf(deps, state.assessment, number, challengeOf(deps, state.snapshot, input.challengeId)) };
}

/** `…/challenges/:id/focus-lost`: the page lost focus during a focused challenge (Pix's `focusedout`). */
export async function recordFocusLost(input: ChallengeEventInput, deps: AssessmentDeps): Promise<C.FocusLostResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const { number } = current(state, input.challengeId);
  const challenge = challengeOf(deps, state.snapshot, input.challengeId);
  // Leaving the page is allowed on other challenges: only focus-mode ones record it.
  if (challenge.focused && !state.assessment.focusLost.includes(number)) {
    await deps.assessments.recordFocusLost(state.assessment.id, number, deps.clock());
    state.assessment.focusLost.push(number);
  }
  return { state: challengeStateOf(deps, state.assessment, number, challenge) };
}
