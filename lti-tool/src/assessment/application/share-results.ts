import type * as C from '@pix-lti/web-components/contract';
import { sharedStatus } from '../../campaigns/domain/participation.js';
import { conflict } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { computeResults } from './compute-results.js';
import { sendGrade } from './send-grade.js';

/**
 * The learner sends their results to the teacher (TO_SHARE → SHARED): the results and
 * the knowledge elements behind them are frozen — the first share's snapshot is the one
 * kept — and the grade is queued. Idempotent: sharing again answers the same `sharedAt`
 * (and queues the grade if an interruption kept it from being queued).
 */
export async function shareResults(input: { owner: Owner; assessmentId: string }, deps: AssessmentDeps): Promise<C.ShareResultsResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const { assessment, participation, activity } = state;
  if (assessment.state !== 'completed') throw conflict('ASSESSMENT_NOT_COMPLETED', 'Finish the test before sharing your results.');
  if (participation.assessmentId !== assessment.id) throw conflict('SHARING_NOT_ALLOWED', 'These results were replaced by a newer attempt: share that one.');
  sharedStatus(participation.status);

  let snapshot = participation.status === 'SHARED' ? await deps.shared.find(participation.id) : undefined;
  if (!snapshot) {
    const { facts, knowledgeElements } = await computeResults(deps, state);
    snapshot = await deps.shared.insertOrGet({
      participationId: participation.id,
      tenantId: participation.tenantId,
      learnerId: participation.learnerId,
      assessmentId: assessment.id,
      sharedAt: deps.clock(),
      results: facts,
      knowledgeElements,
    });
    await deps.participations.markShared(participation.id, { sharedAt: snapshot.sharedAt, sharedResults: snapshot.results, masteryRate: snapshot.results.masteryRate, pixScore: snapshot.results.pixScore });
    Object.assign(participation, { status: 'SHARED', sharedAt: snapshot.sharedAt, sharedResults: snapshot.results });
  }
  if (!participation.gradeId && !participation.gradeError) await sendGrade(deps, { participation, activity, results: snapshot.results });
  return { sharing: { status: 'SHARED', sharedAt: snapshot.sharedAt.toISOString() } };
}
