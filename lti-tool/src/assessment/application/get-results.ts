import type * as C from '@pix-lti/web-components/contract';
import { conflict } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { computeResults, resultsView } from './compute-results.js';
import { nextAttemptOf } from './participation-rules.js';
import { activityView, sharingOf } from './step-views.js';

/**
 * `GET /api/assessments/:id/results`: once the test is over. Shared results are the
 * frozen ones; before sharing they are computed now (the learner's knowledge elements
 * may have grown in another activity, as in Pix).
 */
export async function getResults(input: { owner: Owner; assessmentId: string }, deps: AssessmentDeps): Promise<C.AssessmentResults> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const { assessment, participation } = state;
  if (assessment.state !== 'completed' || !assessment.completedAt) throw conflict('ASSESSMENT_NOT_COMPLETED', 'The test is not finished yet.');
  const frozen = participation.status === 'SHARED' && participation.assessmentId === assessment.id ? await deps.shared.find(participation.id) : undefined;
  const facts = frozen?.results ?? (await computeResults(deps, state)).facts;
  const results: C.AssessmentResults = {
    assessmentId: assessment.id,
    activity: activityView(state.activity),
    completedAt: assessment.completedAt.toISOString(),
    ...resultsView(facts, state.snapshot),
    sharing: sharingOf(participation, assessment),
  };
  const next = nextAttemptOf(deps, state);
  if (next.kind !== 'none') results.nextAttempt = { kind: next.kind, availableAt: next.availableAt.toISOString() };
  return results;
}
