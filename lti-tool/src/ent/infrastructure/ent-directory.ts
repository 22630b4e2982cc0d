import type { AdminModule } from '../../admin/admin.module.js';
import type { AdminPrincipal } from '../../admin/domain/admin-principal.js';
import { AppError } from '../../platform/errors.js';
import type { EntDirectory } from '../application/ent-connectors.js';

/**
 * The academies and schools of the admin module, read for a connector's academy. Schools
 * are read through the admin module's scope rules, as a read-only principal of that
 * academy: a school of another academy is simply not found.
 */
export function entDirectoryOf(admin: Pick<AdminModule, 'academies' | 'schools'>): EntDirectory {
  return {
    academyExists: async (code) => (await admin.academies.find(code)) !== undefined,
    async schoolsOf(academy, uais) {
      const reader: AdminPrincipal = { id: 'system:ent', email: 'ent@system', displayName: 'ENT connectors', role: 'auditor', academy };
      const found = await Promise.all(
        uais.map((uai) =>
          admin.schools.get(reader, uai).then(
            (s) => s.uai,
            (err: unknown) => {
              if (err instanceof AppError && err.code === 'SCHOOL_NOT_FOUND') return undefined;
              throw err;
            },
          ),
        ),
      );
      return found.filter((uai): uai is string => uai !== undefined);
    },
  };
}
