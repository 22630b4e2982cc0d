import { compactVerify, decodeJwt, decodeProtectedHeader, errors } from 'jose';
import type { ActivityRef } from '../../lti/session/launch-session.js';
import type { LaunchSessions } from '../../lti/session/launch-sessions.js';
import type { Logger } from '../../platform/logger.js';
import { checkAssertionClaims, CLOCK_SKEW_SECONDS, type VerifiedAssertion } from '../domain/assertion-claims.js';
import { entRegistrationIdOf, entTenantOf, type EntConnector } from '../domain/ent-connector.js';
import { EntRefusal } from '../domain/ent-refusal.js';
import type { ConnectorKeys } from './connector-keys.js';

const ALGORITHMS = ['RS256', 'ES256'];

/**
 * Turns an activity code into the activity a session may open, for the connector's school
 * (the campaigns module provides it); undefined when no campaign has this code there.
 */
export type EntActivityResolver = (registrationId: string, campaignCode: string) => Promise<ActivityRef | undefined>;

export interface ExchangeDeps {
  connectors: { findByIssuer(issuer: string): Promise<EntConnector | undefined> };
  keys: Pick<ConnectorKeys, 'for'>;
  usedAssertions: { take(connectorId: string, jti: string, keepUntil: Date, now: Date): Promise<boolean> };
  sessions: Pick<LaunchSessions, 'create'>;
  /** Without it, an assertion naming an activity is refused (no campaign can be found). */
  activities?: () => EntActivityResolver | undefined;
  /** The tool's public URL: the only audience accepted. */
  audience: string;
  clock: () => Date;
  log: Logger;
}

export interface ExchangeResult {
  token: string;
  expiresAt: Date;
  connectorId: string;
}

/**
 * The ENT exchange: verifies an ENT server's assertion (header, connector, signature, every
 * claim, then the jti's single use) and opens a launch session exactly as an LTI launch
 * does. A refusal stores nothing; the jti is recorded only once every other check passed.
 */
export async function exchangeAssertion(assertion: string, deps: ExchangeDeps): Promise<ExchangeResult> {
  const connector = await connectorOf(assertion, deps);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(assertion, deps.keys.for(connector), { algorithms: ALGORITHMS }));
  } catch (err) {
    throw refusalOf(err, connector.id);
  }
  const claims = parseClaims(payload);
  const now = deps.clock();
  const verified = checkAssertionClaims(claims, { issuer: connector.issuer, audience: deps.audience, uais: connector.uais, now });
  const registrationId = entRegistrationIdOf(connector.id, verified.uai);
  const activity = await activityOf(verified, registrationId, deps);
  const keepUntil = new Date(verified.expiresAt.getTime() + CLOCK_SKEW_SECONDS * 1000);
  if (!(await deps.usedAssertions.take(connector.id, verified.jti, keepUntil, now))) {
    throw new EntRefusal('ENT_ASSERTION_REPLAYED', 'jti already used', { connector: connector.id });
  }
  const { token, session } = await deps.sessions.create({
    tenant: entTenantOf(connector, verified.uai),
    registrationId,
    messageType: 'LtiResourceLinkRequest',
    user: { sub: verified.sub },
    roles: { ...verified.roles, administrator: false, raw: verified.rawRoles },
    ...(verified.context ? { context: verified.context } : {}),
    ...(activity ? { activity } : {}),
  });
  deps.log.info({ event: 'ent.session', connector: connector.id, uai: verified.uai, roles: verified.rawRoles, activity: verified.activityCode }, 'ENT session opened');
  return { token, expiresAt: session.expiresAt, connectorId: connector.id };
}

/** Header and issuer, before any key is looked up: `none`, HS256 and the rest never reach a verifier. */
async function connectorOf(assertion: string, deps: ExchangeDeps): Promise<EntConnector> {
  if (assertion.split('.').length !== 3) throw new EntRefusal('ENT_ASSERTION_MALFORMED', 'not a compact JWS');
  let header;
  let unverified;
  try {
    header = decodeProtectedHeader(assertion);
    unverified = decodeJwt(assertion);
  } catch {
    throw new EntRefusal('ENT_ASSERTION_MALFORMED', 'header or payload not decodable');
  }
  if (!ALGORITHMS.includes(String(header.alg))) throw new EntRefusal('ENT_ASSERTION_ALG_NOT_ALLOWED', `alg ${String(header.alg).slice(0, 16)} refused`);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw new EntRefusal('ENT_ASSERTION_KID_MISSING', 'no kid in the header');
  if (typeof unverified.iss !== 'string' || unverified.iss.length === 0) throw new EntRefusal('ENT_CONNECTOR_UNKNOWN', 'iss missing');
  const connector = unverified.iss.length <= 2048 ? await deps.connectors.findByIssuer(unverified.iss) : undefined;
  if (!connector) throw new EntRefusal('ENT_CONNECTOR_UNKNOWN', 'no connector has this issuer', { iss: unverified.iss.slice(0, 200) });
  if (connector.status !== 'active') throw new EntRefusal('ENT_CONNECTOR_DISABLED', 'connector disabled', { connector: connector.id });
  return connector;
}

function parseClaims(payload: Uint8Array): Record<string, unknown> {
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new EntRefusal('ENT_ASSERTION_MALFORMED', 'payload is not JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new EntRefusal('ENT_ASSERTION_MALFORMED', 'payload is not an object');
  return claims as Record<string, unknown>;
}

async function activityOf(verified: VerifiedAssertion, registrationId: string, deps: ExchangeDeps): Promise<ActivityRef | undefined> {
  if (!verified.activityCode) return undefined;
  const resolve = deps.activities?.();
  const ref = resolve ? await resolve(registrationId, verified.activityCode) : undefined;
  if (!ref) throw new EntRefusal('ENT_ACTIVITY_UNKNOWN', 'no campaign with this code for the school', { activity: verified.activityCode });
  return ref;
}

function refusalOf(err: unknown, connectorId: string): EntRefusal {
  const extra = { connector: connectorId };
  if (err instanceof EntRefusal) return err;
  if (err instanceof errors.JWKSNoMatchingKey) return new EntRefusal('ENT_ASSERTION_KID_UNKNOWN', 'kid not in the connector keys', extra);
  if (err instanceof errors.JWKSMultipleMatchingKeys) return new EntRefusal('ENT_ASSERTION_KID_UNKNOWN', 'several keys match the kid', extra);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new EntRefusal('ENT_ASSERTION_SIGNATURE_INVALID', 'signature does not verify', extra);
  if (err instanceof errors.JOSEAlgNotAllowed) return new EntRefusal('ENT_ASSERTION_ALG_NOT_ALLOWED', 'alg refused by the verifier', extra);
  if (err instanceof errors.JWSInvalid || err instanceof errors.JOSENotSupported) return new EntRefusal('ENT_ASSERTION_MALFORMED', 'invalid JWS', extra);
  // Timeouts, network errors, a non-200 or non-JSON JWKS: the ENT's keys are unreachable.
  return new EntRefusal('ENT_JWKS_UNAVAILABLE', `JWKS: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`, extra);
}
