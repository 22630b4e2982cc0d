import { isDeepStrictEqual } from 'node:util';
import type { JWTPayload } from 'jose';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

type Json = Record<string, unknown>;

/**
 * Checks a verified VC-JWT payload against the W3C VC 2.0 / Open Badges 3.0 shape and
 * the OB 3.0 JWT claim mapping (iss = issuer.id, sub = credentialSubject.id,
 * jti = id, nbf = validFrom). Returns the problems found (empty when valid).
 */
export function credentialProblems(payload: JWTPayload, options: { expectedIssuer?: string; idempotencyKey?: string }): string[] {
  const problems: string[] = [];
  const vc = payload.vc as Json | undefined;
  if (!vc || typeof vc !== 'object') return ['the payload has no vc claim (OB 3.0 VC-JWT)'];
  const context = vc['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2) problems.push(`@context must start with ${VC_V2}`);
  if (!Array.isArray(context) || !context.includes(OB_V3)) problems.push(`@context must include ${OB_V3}`);
  const type = vc.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes('OpenBadgeCredential')) problems.push('type must include VerifiableCredential and OpenBadgeCredential');
  const issuer = vc.issuer as Json | undefined;
  if (!issuer || typeof issuer.id !== 'string' || !Array.isArray(issuer.type) || !issuer.type.includes('Profile')) problems.push('issuer must be a Profile with an id');
  const subject = vc.credentialSubject as Json | undefined;
  if (!subject || !Array.isArray(subject.type) || !subject.type.includes('AchievementSubject')) problems.push('credentialSubject must be an AchievementSubject');
  const achievement = subject?.achievement as Json | undefined;
  if (!achievement || typeof achievement.id !== 'string' || !Array.isArray(achievement.type) || !achievement.type.includes('Achievement') || !(achievement.criteria as Json | undefined)?.narrative) {
    problems.push('credentialSubject.achievement must be an Achievement with an id and criteria');
  }
  if (typeof vc.validFrom !== 'string' || Number.isNaN(Date.parse(vc.validFrom))) problems.push('validFrom must be a date-time');
  if (typeof vc.id !== 'string') problems.push('the credential needs an id');
  if (issuer && payload.iss !== issuer.id) problems.push('iss must equal issuer.id');
  if (subject && payload.sub !== subject.id) problems.push('sub must equal credentialSubject.id');
  if (payload.jti !== vc.id) problems.push('jti must equal the credential id');
  if (typeof vc.validFrom === 'string' && payload.nbf !== Math.floor(Date.parse(vc.validFrom) / 1000)) problems.push('nbf must equal validFrom');
  if (options.expectedIssuer && payload.iss !== options.expectedIssuer) problems.push(`unexpected issuer ${String(payload.iss)}`);
  for (const identity of (subject?.identifier as Json[] | undefined) ?? []) {
    if (identity.type !== 'IdentityObject' || typeof identity.hashed !== 'boolean') problems.push('identifier entries must be IdentityObjects');
    else if (identity.hashed && !/^sha256\$[0-9a-f]{64}$/.test(String(identity.identityHash))) problems.push('a hashed identity must be sha256$<hex>');
  }
  // VC 2.0 JOSE: the payload is the credential itself; OB 3.0 also wants it in `vc`.
  const { vc: _vc, iss: _iss, sub: _sub, jti: _jti, nbf: _nbf, exp: _exp, iat: _iat, ...topLevel } = payload;
  if (!isDeepStrictEqual(topLevel, vc)) problems.push('the payload and its vc claim differ');
  if (options.idempotencyKey !== undefined && vc.id !== `urn:uuid:${options.idempotencyKey}`) problems.push('the Idempotency-Key header does not match the credential id');
  return problems;
}
