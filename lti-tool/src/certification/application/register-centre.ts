import { conflict } from '../../platform/errors.js';
import type { CertificationCentre } from '../infrastructure/centres.repository.js';
import type { CertificationDeps } from './dependencies.js';

/** Makes a school (by UAI) a certification centre of an academy. */
export async function registerCentre(
  input: { uai: string; name: string; academyId: string },
  deps: Pick<CertificationDeps, 'centres' | 'clock'>,
): Promise<CertificationCentre> {
  const centre = { uai: input.uai, name: input.name, academyId: input.academyId, createdAt: deps.clock() };
  if (!(await deps.centres.insert(centre))) {
    throw conflict('CENTRE_EXISTS', `The school ${input.uai} is already a certification centre.`, { uai: input.uai });
  }
  return centre;
}
