import type { Response } from 'express';
import type { Activity } from '../../campaigns/campaigns.module.js';
import { gradeTargetOf } from '../../grading/grading.module.js';
import { formatActivityParam } from '../../lti/launch/domain/activity-param.js';
import { launchOf } from '../../lti/session/require-launch.js';
import type { Owner } from '../application/assessment-state.js';
import type { LaunchFacts } from '../application/open-participation.js';

/** The learner of the launch: every assessment route acts for them only. */
export function ownerOf(res: Response): Owner {
  const session = launchOf(res);
  return { tenantId: session.tenantId, learnerId: session.user.id };
}

/**
 * Where the launch comes from and where its grades go: the gradebook column deep linking
 * created for the activity (same label, maximum, resource id and tag), found or created
 * by the grading module.
 */
export function launchFactsOf(res: Response): LaunchFacts {
  const session = launchOf(res);
  return {
    registrationId: session.registrationId,
    ...(session.context ? { contextId: session.context.id } : {}),
    ...(session.resourceLink ? { resourceLinkId: session.resourceLink.id } : {}),
    ...(session.locale ? { locale: session.locale } : {}),
    gradeTargetFor: (activity: Activity) =>
      gradeTargetOf(session, { label: activity.title, scoreMaximum: activity.grade.scoreMaximum, resourceId: formatActivityParam(activity.ref), tag: 'pix' }),
  };
}
