import type * as C from '@pix-lti/web-components/contract';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { nextStepOf, summaryOf } from './step-views.js';

/** `GET /api/assessments/:id`: the learner's assessment as it stands. */
export async function getAssessment(input: { owner: Owner; assessmentId: string }, deps: AssessmentDeps): Promise<C.GetAssessmentResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  return { assessment: summaryOf(deps, state) };
}

/** `GET /api/assessments/:id/next`: the current step again (after a reload or a lost response). */
export async function getNextStep(input: { owner: Owner; assessmentId: string }, deps: AssessmentDeps): Promise<C.GetNextStepResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  return { next: nextStepOf(deps, state) };
}
