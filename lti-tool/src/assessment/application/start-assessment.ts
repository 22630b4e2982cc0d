import type * as C from '@pix-lti/web-components/contract';
import type { Activity } from '../../campaigns/campaigns.module.js';
import { initialParticipationStatus } from '../../campaigns/domain/participation.js';
import type { ActivityRef as LaunchActivityRef } from '../../lti/session/launch-session.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadState, type Owner } from './assessment-state.js';
import { createParticipation, ensureAssessment, latestParticipation, launchPlaceOf, type LaunchFacts } from './open-participation.js';
import { nextStepOf, summaryOf } from './step-views.js';

export interface StartAssessmentInput {
  owner: Owner;
  /** The launch's activity (deep linking's custom parameter). */
  activity?: LaunchActivityRef;
  /** On ENT pages: the campaign code typed by the learner. */
  campaignCode?: string;
  launch: LaunchFacts;
}

/**
 * Starts the learner's participation in the launch's activity, or resumes it where it
 * stands (idempotent: the same request again returns the same assessment, `resumed`).
 * A finished one is returned as it is (`next.kind = completed` once acknowledged).
 */
export async function startAssessment(input: StartAssessmentInput, deps: AssessmentDeps): Promise<C.StartAssessmentResponse> {
  const activity = await activityToStart(input, deps);
  const { owner } = input;
  let participation = await latestParticipation(deps, owner, activity.key);
  const resumed = participation !== undefined;
  if (!participation) {
    if (activity.archived) throw conflict('CAMPAIGN_ARCHIVED', 'This campaign is closed: it no longer accepts participants.');
    participation = await createParticipation(deps, { owner, activity, attempt: 1, status: initialParticipationStatus(activity.campaignType), launch: input.launch, isImproving: false });
  } else {
    await ensureAssessment(deps, { participation, activity, run: participation.assessmentRuns, launch: input.launch, isImproving: participation.attempt > 1 || participation.assessmentRuns > 1 });
    await deps.participations.recordLaunch(participation.id, launchPlaceOf(input.launch, activity), deps.clock());
  }
  const state = await loadState(deps, owner, participation.assessmentId);
  return { assessment: summaryOf(deps, state), resumed, next: nextStepOf(deps, state) };
}

async function activityToStart(input: StartAssessmentInput, deps: AssessmentDeps): Promise<Activity> {
  const { activity: ref, campaignCode } = input;
  if (ref) {
    if (ref.type === 'certification') throw badRequest('ACTIVITY_NOT_SUPPORTED', 'This link opens a certification, which is taken elsewhere.');
    const activity = await deps.activities.resolve(input.launch.registrationId, { type: ref.type, id: ref.id });
    if (!activity) {
      throw ref.type === 'campaign'
        ? notFound('CAMPAIGN_NOT_FOUND', 'This activity’s campaign does not exist or is not open to your school.')
        : notFound('ACTIVITY_NOT_FOUND', 'This activity does not exist (any more).');
    }
    if (campaignCode !== undefined && activity.code !== campaignCode) {
      throw badRequest('ACTIVITY_MISMATCH', 'This link opens another activity than the campaign code given.', { activity: { type: ref.type, id: ref.id } });
    }
    return activity;
  }
  if (campaignCode !== undefined) return deps.activities.byCode(input.launch.registrationId, campaignCode);
  throw badRequest('ACTIVITY_NOT_SPECIFIED', 'Open the activity from your course, or give a campaign code.');
}
