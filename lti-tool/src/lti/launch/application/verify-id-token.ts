import { compactVerify, decodeProtectedHeader, errors, type JWTVerifyGetKey } from 'jose';
import { checkLaunchClaims, type LaunchExpectations, type VerifiedLaunch } from '../domain/launch-claims.js';
import { LaunchRefusal } from '../domain/launch-refusal.js';

/**
 * Verifies an id_token: header (RS256 only, a kid), signature with the platform's
 * cached JWKS, then every claim check (launch-claims.ts). No I/O besides a JWKS fetch
 * when the cache is cold or the kid is new; no writes.
 */
export async function verifyIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expect: Omit<LaunchExpectations, 'isNonceUsed'> & { isNonceUsed: (nonce: string) => Promise<boolean> },
): Promise<VerifiedLaunch> {
  let header;
  try {
    header = decodeProtectedHeader(idToken);
  } catch {
    throw new LaunchRefusal('LTI_ID_TOKEN_MALFORMED', 'header is not decodable');
  }
  if (idToken.split('.').length !== 3) throw new LaunchRefusal('LTI_ID_TOKEN_MALFORMED', 'not a compact JWS');
  // Checked before any key lookup: `none`, HS256 (with our public key as the secret) and the rest never reach a verifier.
  if (header.alg !== 'RS256') throw new LaunchRefusal('LTI_ID_TOKEN_ALG_NOT_ALLOWED', `alg ${String(header.alg).slice(0, 16)} refused`);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw new LaunchRefusal('LTI_ID_TOKEN_KID_MISSING', 'no kid in the header');

  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(idToken, keys, { algorithms: ['RS256'] }));
  } catch (err) {
    throw refusalOf(err, header.kid);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    throw new LaunchRefusal('LTI_ID_TOKEN_MALFORMED', 'payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new LaunchRefusal('LTI_ID_TOKEN_MALFORMED', 'payload is not an object');
  const claims = payload as Record<string, unknown>;
  // Looked up only for a nonce that is not this state's (the happy path costs no read).
  const used = typeof claims.nonce === 'string' && claims.nonce.length > 0 && claims.nonce !== expect.nonce ? await expect.isNonceUsed(claims.nonce) : false;
  return checkLaunchClaims(claims, { ...expect, isNonceUsed: () => used });
}

function refusalOf(err: unknown, kid: string): LaunchRefusal {
  if (err instanceof errors.JWKSNoMatchingKey) return new LaunchRefusal('LTI_ID_TOKEN_KID_UNKNOWN', 'kid not in the platform JWKS', { kid: kid.slice(0, 100) });
  if (err instanceof errors.JWSSignatureVerificationFailed) return new LaunchRefusal('LTI_ID_TOKEN_SIGNATURE_INVALID', 'signature does not verify');
  if (err instanceof errors.JWKSMultipleMatchingKeys) return new LaunchRefusal('LTI_ID_TOKEN_KID_UNKNOWN', 'several keys match the kid');
  if (err instanceof errors.JWSInvalid) return new LaunchRefusal('LTI_ID_TOKEN_MALFORMED', 'invalid JWS');
  if (err instanceof errors.JOSEAlgNotAllowed) return new LaunchRefusal('LTI_ID_TOKEN_ALG_NOT_ALLOWED', 'alg refused by the verifier');
  // Timeouts, network errors, a non-200 or non-JSON JWKS: the platform's keys are unreachable.
  return new LaunchRefusal('LTI_PLATFORM_JWKS_UNAVAILABLE', `JWKS: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`);
}

export type { VerifiedLaunch };
