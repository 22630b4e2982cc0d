import type { AdminPrincipal } from '../../admin/domain/admin-principal.js';
import type { LaunchPlaces } from '../application/launch-places.js';

/**
 * `LaunchPlaces` from the lti module's registrations (their academy) and the admin
 * module's schools (those linked to the registration). Reading schools goes through the
 * admin module's scope rules with a read-only principal of the registration's academy.
 */
export function registrationPlaces(deps: {
  registrations: { find(id: string): Promise<{ academy?: string } | undefined> };
  schools: () => { linkedTo(principal: AdminPrincipal, platformId: string): Promise<Array<{ uai: string }>> };
}): LaunchPlaces {
  return {
    async placeOf(registrationId) {
      const academy = (await deps.registrations.find(registrationId))?.academy;
      if (!academy) return { registrationId, schools: [] };
      const reader: AdminPrincipal = { id: 'system:campaigns', email: 'campaigns@system', displayName: 'Campaign audience', role: 'auditor', academy };
      const schools = await deps.schools().linkedTo(reader, registrationId);
      return { registrationId, academy, schools: schools.map((s) => s.uai) };
    },
  };
}
