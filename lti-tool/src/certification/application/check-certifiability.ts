import { AppError } from '../../platform/errors.js';
import { certifiableCompetenceCount, isCertifiable, MINIMUM_CERTIFIABLE_COMPETENCES } from '../domain/certifiability.js';
import type { CompetenceProfiles } from './dependencies.js';

/**
 * What eligibility rests on for a learner (docs/guides/certification.md §Eligibility):
 * - `profile`: the tool holds their knowledge profile, which is certifiable;
 * - `attested`: the tool holds none (a profile built on Pix or elsewhere) and the caller
 *   accepts the centre's attestation (a list entry the learner joins);
 * - `unchecked`: no profile source is wired (a tool without the assessment module).
 */
export type Eligibility = 'profile' | 'attested' | 'unchecked';

/**
 * Refuses a learner who is not certifiable (Pix: ≥ 5 competences at level ≥ 1), with how
 * many competences they have reached. A learner the tool has no profile of is refused
 * unless `unknown` is `'attested'`.
 */
export async function checkCertifiable(learnerId: string, profiles: CompetenceProfiles | undefined, unknown: 'refuse' | 'attested'): Promise<Eligibility> {
  if (!profiles) return 'unchecked';
  const levels = await profiles.levelsOf(learnerId);
  if (!levels && unknown === 'attested') return 'attested';
  if (levels && isCertifiable(levels)) return 'profile';
  const reached = certifiableCompetenceCount(levels ?? []);
  throw new AppError(
    'CANDIDATE_NOT_CERTIFIABLE',
    `This learner is not certifiable yet: ${reached} competence(s) at level 1 or more, ${MINIMUM_CERTIFIABLE_COMPETENCES} needed.`,
    { status: 422, details: { certifiableCompetences: reached, required: MINIMUM_CERTIFIABLE_COMPETENCES } },
  );
}
