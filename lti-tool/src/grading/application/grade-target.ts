import type { LaunchSession } from '../../lti/session/launch-session.js';
import type { EnqueueGradeInput } from './enqueue-grade.js';

export type GradeTarget = Pick<EnqueueGradeInput, 'registrationId' | 'tenantId' | 'contextId' | 'resourceLinkId' | 'lineItem' | 'userSub' | 'learnerId'>;

/**
 * Where a learner's result for this launch goes, from the launch's verified claims: the
 * `lineitem` claim when Moodle gave one (the link has exactly one column), else the
 * line items container with what is needed to find the link's column or create it.
 * Undefined when the platform offered no AGS for the launch (grades off for the tool)
 * or the launch has no course or resource link. Callers that grade later (after a
 * jury, a review) store this with the result and pass it to `enqueue`.
 */
export function gradeTargetOf(
  session: Pick<LaunchSession, 'registrationId' | 'tenantId' | 'context' | 'resourceLink' | 'ags' | 'user'>,
  column: { label: string; scoreMaximum: number; resourceId?: string; tag?: string },
): GradeTarget | undefined {
  const { ags, context, resourceLink } = session;
  if (!ags || !context || !resourceLink) return undefined;
  const lineItem = ags.lineItemUrl ? { url: ags.lineItemUrl } : ags.lineItemsUrl ? { lineItemsUrl: ags.lineItemsUrl, ...column } : undefined;
  if (!lineItem) return undefined;
  return {
    registrationId: session.registrationId,
    tenantId: session.tenantId,
    contextId: context.id,
    resourceLinkId: resourceLink.id,
    lineItem,
    userSub: session.user.sub,
    learnerId: session.user.id,
  };
}
