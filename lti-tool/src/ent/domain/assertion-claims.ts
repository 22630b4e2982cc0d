import { isUai, normaliseUai } from '../../organizations/domain/uai.js';
import { EntRefusal } from './ent-refusal.js';

/** Clock tolerance between the ENT's server and ours, as for LTI id_tokens. */
export const CLOCK_SKEW_SECONDS = 60;
/** An assertion is minted for one page view: it must not live longer than this. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

export const ENT_ROLES = ['learner', 'instructor'] as const;
export type EntRole = (typeof ENT_ROLES)[number];

export interface AssertionExpectations {
  /** The connector's registered issuer: `iss` must equal it exactly. */
  issuer: string;
  /** The tool's public URL: `aud` must be exactly it. */
  audience: string;
  /** The UAIs the connector may speak for. */
  uais: readonly string[];
  now: Date;
}

/** What a verified assertion says, and all the tool keeps of it. */
export interface VerifiedAssertion {
  sub: string;
  uai: string;
  roles: Record<EntRole, boolean>;
  /** The roles as received, for the session's `roles.raw`. */
  rawRoles: EntRole[];
  context?: { id: string; label?: string };
  /** A campaign code (normalised), when the page opens one campaign. */
  activityCode?: string;
  jti: string;
  expiresAt: Date;
}

const VISIBLE = /^[\x21-\x7e]+$/;
/** Anything with an "@" between two non-empty parts reads as an e-mail (or a UPN): not pseudonymous. */
const EMAIL_LIKE = /[^@\s]@[^@\s]/;
const CAMPAIGN_CODE = /^[A-Z]{6}\d{3}$/;

/**
 * Checks the claims of an ENT assertion whose signature was verified against its
 * connector's keys. Pure: the caller gives the clock; the jti's single use is the
 * caller's (it needs storage). Throws the `EntRefusal` of the first failing check.
 */
export function checkAssertionClaims(claims: Record<string, unknown>, expect: AssertionExpectations): VerifiedAssertion {
  if (claims.iss !== expect.issuer) throw new EntRefusal('ENT_CONNECTOR_UNKNOWN', 'iss differs from the connector issuer');
  checkAudience(claims.aud, expect.audience);
  const expiresAt = checkTimes(claims, expect.now);
  const jti = claims.jti;
  if (typeof jti !== 'string' || jti.length < 8 || jti.length > 255 || !VISIBLE.test(jti)) throw new EntRefusal('ENT_ASSERTION_JTI_MISSING', 'jti missing or not 8–255 visible characters');
  return {
    sub: checkSub(claims.sub),
    uai: checkUai(claims.uai, expect.uais),
    ...checkRoles(claims.roles),
    ...checkContext(claims.context),
    ...checkActivity(claims.activity),
    jti,
    expiresAt,
  };
}

function checkAudience(aud: unknown, audience: string): void {
  const expected = audience.replace(/\/+$/, '');
  const same = (value: unknown) => typeof value === 'string' && value.replace(/\/+$/, '') === expected;
  // One audience only: a token also meant for another service could be replayed there or here.
  if (Array.isArray(aud) ? aud.length === 1 && same(aud[0]) : same(aud)) return;
  throw new EntRefusal('ENT_ASSERTION_AUDIENCE_MISMATCH', Array.isArray(aud) && aud.some(same) ? 'aud lists other audiences too' : 'aud is not the tool public URL', { expected });
}

function checkTimes(claims: Record<string, unknown>, now: Date): Date {
  const { exp, iat, nbf } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number' || !Number.isFinite(exp) || !Number.isFinite(iat)) {
    throw new EntRefusal('ENT_ASSERTION_TIMESTAMPS_INVALID', 'exp or iat missing or not a number');
  }
  const seconds = now.getTime() / 1000;
  if (exp <= seconds - CLOCK_SKEW_SECONDS) throw new EntRefusal('ENT_ASSERTION_EXPIRED', 'exp is past', { exp, now: Math.floor(seconds) });
  if (iat > seconds + CLOCK_SKEW_SECONDS) throw new EntRefusal('ENT_ASSERTION_NOT_YET_VALID', 'iat is in the future', { iat, now: Math.floor(seconds) });
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds + CLOCK_SKEW_SECONDS)) throw new EntRefusal('ENT_ASSERTION_NOT_YET_VALID', 'nbf is in the future or not a number');
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) throw new EntRefusal('ENT_ASSERTION_TOO_LONG_LIVED', 'exp − iat exceeds 300 s', { lifetime: exp - iat });
  if (exp <= iat) throw new EntRefusal('ENT_ASSERTION_TIMESTAMPS_INVALID', 'exp is not after iat');
  return new Date(exp * 1000);
}

function checkSub(sub: unknown): string {
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255 || !VISIBLE.test(sub)) throw new EntRefusal('ENT_SUB_INVALID', 'sub missing, too long or with spaces or control characters');
  if (EMAIL_LIKE.test(sub)) throw new EntRefusal('ENT_SUB_NOT_PSEUDONYMOUS', 'sub looks like an e-mail address');
  return sub;
}

function checkUai(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string') throw new EntRefusal('ENT_UAI_INVALID', 'uai missing');
  const uai = normaliseUai(value);
  if (!isUai(uai)) throw new EntRefusal('ENT_UAI_INVALID', 'uai is not a UAI');
  if (!allowed.includes(uai)) throw new EntRefusal('ENT_UAI_FOREIGN', 'uai not among the connector schools', { uai });
  return uai;
}

function checkRoles(value: unknown): Pick<VerifiedAssertion, 'roles' | 'rawRoles'> {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) throw new EntRefusal('ENT_ROLES_INVALID', 'roles missing or not a short array');
  const rawRoles: EntRole[] = [];
  for (const role of value) {
    if (!ENT_ROLES.includes(role as EntRole)) throw new EntRefusal('ENT_ROLES_INVALID', 'unknown role', { role: String(role).slice(0, 40) });
    if (!rawRoles.includes(role as EntRole)) rawRoles.push(role as EntRole);
  }
  return { roles: { learner: rawRoles.includes('learner'), instructor: rawRoles.includes('instructor') }, rawRoles };
}

function checkContext(value: unknown): Pick<VerifiedAssertion, 'context'> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new EntRefusal('ENT_CONTEXT_INVALID', 'context is not an object');
  const { id, label } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 255 || !VISIBLE.test(id)) throw new EntRefusal('ENT_CONTEXT_INVALID', 'context.id missing or malformed');
  if (label !== undefined && (typeof label !== 'string' || label.trim().length === 0 || label.length > 200)) throw new EntRefusal('ENT_CONTEXT_INVALID', 'context.label is not a short string');
  return { context: { id, ...(typeof label === 'string' ? { label: label.trim() } : {}) } };
}

function checkActivity(value: unknown): Pick<VerifiedAssertion, 'activityCode'> {
  if (value === undefined || value === null) return {};
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!CAMPAIGN_CODE.test(code)) throw new EntRefusal('ENT_ACTIVITY_INVALID', 'activity is not a campaign code');
  return { activityCode: code };
}
