import type { Registration } from '../../registrations/domain/registration.js';
import type { NewLaunchSession } from '../../session/launch-session.js';
import { ACTIVITY_PARAM, parseActivityParam } from './activity-param.js';
import type { VerifiedLaunch } from './launch-claims.js';
import { mapRoles } from './roles.js';

/**
 * What the tool keeps of a verified launch: the tenant, the platform's user id, the
 * signed roles, the context and resource link, the services' endpoints — and names or
 * e-mail only when the registration opted in (students are minors). Custom parameters
 * only say which activity to open.
 */
export function launchSessionOf(launch: VerifiedLaunch, registration: Pick<Registration, 'id' | 'privacy'>): NewLaunchSession {
  const user: NewLaunchSession['user'] = { sub: launch.sub };
  if (registration.privacy.sendNames) {
    if (launch.person.givenName) user.givenName = launch.person.givenName;
    if (launch.person.familyName) user.familyName = launch.person.familyName;
    if (launch.person.name) user.name = launch.person.name;
  }
  if (registration.privacy.sendEmail && launch.person.email) user.email = launch.person.email;

  const session: NewLaunchSession = {
    tenant: { issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId },
    registrationId: registration.id,
    messageType: launch.messageType,
    user,
    roles: mapRoles(launch.roles),
  };
  if (launch.context) session.context = stripUndefined(launch.context);
  if (launch.resourceLink) session.resourceLink = stripUndefined(launch.resourceLink);
  const activity = parseActivityParam(launch.custom[ACTIVITY_PARAM]);
  if (activity) session.activity = activity;
  if (launch.ags) session.ags = stripUndefined(launch.ags);
  if (launch.nrps) session.nrps = launch.nrps;
  if (launch.deepLinking) {
    const dl = launch.deepLinking;
    session.deepLinking = stripUndefined({
      returnUrl: dl.returnUrl,
      data: dl.data,
      acceptMultiple: dl.acceptMultiple,
      acceptTypes: dl.acceptTypes,
      acceptPresentationDocumentTargets: dl.acceptPresentationDocumentTargets,
      acceptLineItem: dl.acceptLineItem,
    });
  }
  if (launch.locale) session.locale = launch.locale;
  if (launch.returnUrl) session.returnUrl = launch.returnUrl;
  return session;
}

/** MongoDB stores `undefined` as null on some paths; keep documents free of it. */
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
