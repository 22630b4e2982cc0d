import { compactVerify, decodeProtectedHeader, importJWK, type JWK, type JWTPayload } from 'jose';

/** A refusal with the message firebase/php-jwt (Moodle's JWT library) gives. */
export class JwtRefused extends Error {}

/**
 * Verifies a JWT with the semantics of firebase/php-jwt's `JWT::decode($jwt, JWK::parseKeySet($jwks))`
 * as Moodle calls it: RS256 only, a `kid` required and looked up in the set, then `nbf`, `iat`
 * and `exp` against the clock in whole seconds with no leeway. `exp` is optional there.
 */
export async function verifyLikeFirebase(jwt: string, jwks: { keys?: JWK[] }, nowSeconds: number): Promise<JWTPayload> {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new JwtRefused('Wrong number of segments');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw new JwtRefused('Invalid header encoding');
  }
  if (!header.alg) throw new JwtRefused('Empty algorithm');
  if (header.alg !== 'RS256') throw new JwtRefused('Algorithm not allowed');
  if (!header.kid) throw new JwtRefused('"kid" empty, unable to lookup correct key');
  const jwk = (jwks.keys ?? []).find((k) => k.kid === header.kid);
  if (!jwk) throw new JwtRefused('"kid" invalid, unable to lookup correct key');
  let payloadBytes: Uint8Array;
  try {
    const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
    payloadBytes = (await compactVerify(jwt, key, { algorithms: ['RS256'] })).payload;
  } catch {
    throw new JwtRefused('Signature verification failed');
  }
  let payload: JWTPayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes)) as JWTPayload;
  } catch {
    throw new JwtRefused('Syntax error, malformed JSON');
  }
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds) throw new JwtRefused(`Cannot handle token prior to ${isoSeconds(payload.nbf)}`);
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds) throw new JwtRefused(`Cannot handle token prior to ${isoSeconds(payload.iat)}`);
  if (typeof payload.exp === 'number' && nowSeconds >= payload.exp) throw new JwtRefused('Expired token');
  return payload;
}

/** The payload of a compact JWT without verifying it (Moodle reads `sub`/`iss` this way first). */
export function unverifiedPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
}
