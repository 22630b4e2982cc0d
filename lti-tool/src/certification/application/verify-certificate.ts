import { notFound } from '../../platform/errors.js';
import { normaliseVerificationCode } from '../domain/codes.js';
import { publicCertificate, type PublicCertificate } from '../domain/certification-result.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';
import type { CertificationDeps } from './dependencies.js';

/** Public check of a certificate by its code: only what the attestation itself shows. */
export async function verifyCertificate(input: { code: string }, deps: Pick<CertificationDeps, 'results'>): Promise<PublicCertificate> {
  const code = normaliseVerificationCode(input.code);
  if (!code) throw notFound('CERTIFICATE_NOT_FOUND', 'No certificate has this verification code.');
  const result = await deps.results.findByVerificationCode(code);
  if (!result) throw notFound('CERTIFICATE_NOT_FOUND', 'No certificate has this verification code.');
  return publicCertificate(result, CERTIFICATION_RULES.validityYears);
}
