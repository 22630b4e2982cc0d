import type { LaunchSession, NewLaunchSession } from './launch-session.js';
import type { LaunchSessions } from './launch-sessions.js';

/**
 * A launch session as a verified launch would create it, for tests of modules that sit
 * behind `requireLaunch` (they need a bearer token, not a whole OIDC flow).
 */
export async function createTestLaunch(
  sessions: LaunchSessions,
  overrides: Partial<Omit<NewLaunchSession, 'roles' | 'user'>> & {
    roles?: Partial<LaunchSession['roles']>;
    user?: Partial<NewLaunchSession['user']>;
  } = {},
): Promise<{ token: string; session: LaunchSession }> {
  const { roles, user, ...rest } = overrides;
  return sessions.create({
    tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '1' },
    registrationId: 'registration-test',
    messageType: 'LtiResourceLinkRequest',
    context: { id: 'course-1', label: '3E-B', title: '3e B — Numérique' },
    resourceLink: { id: 'link-1', title: 'Évaluation Pix' },
    ...rest,
    user: { sub: 'moodle-user-42', ...user },
    roles: { learner: true, instructor: false, administrator: false, raw: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'], ...roles },
  });
}
