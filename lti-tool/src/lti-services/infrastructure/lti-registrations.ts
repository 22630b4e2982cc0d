import type { Registration } from '../../lti/registrations/domain/registration.js';
import { tenantIdOf } from '../../lti/session/identifiers.js';
import type { PlatformEndpoints, RegistrationDirectory } from '../domain/platform-endpoints.js';

/**
 * The LTI module's registrations as this context reads them: endpoints, status, the
 * assertion audience, and the tenant ids of the registration's deployments (a grade
 * must name one of them). Unknown ids are undefined rather than an HTTP 404.
 */
export function registrationDirectoryOf(registrations: { find(id: string): Promise<Registration | undefined> }): RegistrationDirectory {
  return {
    async platformEndpoints(id: string): Promise<PlatformEndpoints | undefined> {
      const r = await registrations.find(id);
      if (!r) return undefined;
      return {
        issuer: r.issuer,
        clientId: r.clientId,
        tokenUrl: r.tokenUrl,
        jwksUrl: r.jwksUrl,
        authLoginUrl: r.authLoginUrl,
        status: r.status,
        authServer: r.authServer,
        tenantIds: r.deploymentIds.map((deploymentId) => tenantIdOf({ issuer: r.issuer, clientId: r.clientId, deploymentId })),
      };
    },
  };
}
