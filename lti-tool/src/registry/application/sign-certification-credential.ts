import type { CertificationResult } from '../../certification/domain/certification-result.js';
import { buildCertificationCredential, vcJwtClaims, type CertificationCredential } from '../domain/certification-credential.js';
import type { RegistryDeps } from './dependencies.js';

/**
 * The signed VC-JWT for a result (RS256, the tool's active `kid`). Signed at each
 * delivery attempt, not stored: after a key rotation or a long dead letter the
 * credential is always signed by a key still in the JWKS.
 */
export async function signCertificationCredential(
  result: CertificationResult,
  options: { includeClearIne: boolean },
  deps: Pick<RegistryDeps, 'salts' | 'signer' | 'publicUrl' | 'issuerName' | 'pseudonymSecret'>,
): Promise<{ jwt: string; credential: CertificationCredential }> {
  const credential = buildCertificationCredential(result, {
    publicUrl: deps.publicUrl,
    issuerName: deps.issuerName,
    identitySalt: await deps.salts.saltOf(result.academyId),
    pseudonymSecret: deps.pseudonymSecret,
    includeClearIne: options.includeClearIne,
  });
  return { jwt: await deps.signer.sign(vcJwtClaims(credential), { typ: 'vc+jwt' }), credential };
}
