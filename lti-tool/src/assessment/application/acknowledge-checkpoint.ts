import type * as C from '@pix-lti/web-components/contract';
import { conflict } from '../../platform/errors.js';
import { checkpointAfter, checkpointNumberOf, currentStep } from '../domain/assessment-step.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { nextStepOf } from './step-views.js';

/**
 * The learner read a checkpoint and goes on. Idempotent: acknowledging one already
 * acknowledged answers the current step; another id than the due one is 409.
 * Acknowledging the final one leads to the results (`completed`).
 */
export async function acknowledgeCheckpoint(input: { owner: Owner; assessmentId: string; checkpointId: string }, deps: AssessmentDeps): Promise<C.AcknowledgeCheckpointResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const number = checkpointNumberOf(input.checkpointId);
  const due = checkpointAfter(state.facts);
  const alreadyDone = number !== undefined && number <= state.assessment.acknowledged;
  if (!alreadyDone) {
    if (number === undefined || !due || due.number !== number) {
      throw conflict('CHECKPOINT_NOT_CURRENT', 'This checkpoint is not the one due.', due && state.assessment.acknowledged < due.number ? { currentCheckpointId: `cp${due.number}` } : undefined);
    }
    await deps.assessments.acknowledge(state.assessment.id, number, deps.clock());
    state.assessment.acknowledged = number;
  }
  const facts = { ...state.facts, acknowledged: state.assessment.acknowledged };
  return { next: nextStepOf(deps, { ...state, facts, step: currentStep(facts) }) };
}
