import type * as C from '@pix-lti/web-components/contract';
import { checkAttempt, initialParticipationStatus } from '../../campaigns/domain/participation.js';
import { conflict } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { assessmentIdOf, createParticipation, ensureAssessment, latestParticipation, launchPlaceOf, type LaunchFacts } from './open-participation.js';
import { nextAttemptOf, underRules } from './participation-rules.js';
import { nextStepOf, summaryOf } from './step-views.js';

/**
 * `POST /api/assessments/:id/retry`: take the test again, when the activity allows it
 * (pix-domain.md §3a.7):
 * - *improve* a finished, unshared test (not EXAM, not a profiles collection), on the same
 *   participation: a new assessment where failures older than the delay are asked again;
 * - *retry* a shared one (multiple sendings, mastery below 100 %): a new participation,
 *   the older one kept as improved; its grade will be replaced when the new one is shared.
 * Concurrent requests create one new assessment (derived ids).
 */
export async function retryAssessment(input: { owner: Owner; assessmentId: string; launch: LaunchFacts }, deps: AssessmentDeps): Promise<C.StartAssessmentResponse> {
  const state = await loadState(deps, input.owner, input.assessmentId);
  const { participation, activity, assessment } = state;
  const latest = await latestParticipation(deps, input.owner, activity.key);
  if (latest && latest.id !== participation.id) throw conflict('RETRY_NOT_ALLOWED', 'A newer attempt exists: continue that one.', { reason: 'SUPERSEDED' });
  const { kind } = underRules(() => checkAttempt(nextAttemptOf(deps, state), deps.clock()));
  if (activity.archived) throw conflict('CAMPAIGN_ARCHIVED', 'This campaign is closed: it no longer accepts participants.');
  const now = deps.clock();

  let assessmentId: string;
  if (kind === 'improve') {
    const run = participation.assessmentRuns + 1;
    await ensureAssessment(deps, { participation, activity, run, launch: input.launch, isImproving: true });
    assessmentId = assessmentIdOf(participation.id, run);
    await deps.participations.restart(participation.id, { assessmentId: assessment.id }, { assessmentId, assessmentRuns: run }, now);
  } else {
    const next = await createParticipation(deps, {
      owner: input.owner,
      activity,
      attempt: participation.attempt + 1,
      status: initialParticipationStatus(activity.campaignType),
      launch: input.launch,
      isImproving: true,
    });
    await deps.participations.markImproved(participation.id, now);
    assessmentId = next.assessmentId;
  }
  await deps.participations.recordLaunch((await deps.assessments.findById(assessmentId))!.participationId, launchPlaceOf(input.launch, activity), now);
  const started = await loadState(deps, input.owner, assessmentId);
  deps.log.info({ assessmentId, kind, activity: activity.key }, 'a learner takes an activity again');
  return { assessment: summaryOf(deps, started), resumed: false, next: nextStepOf(deps, started) };
}
