/**
 * An ENT connector: an ENT (Open ENT NG, Skolengo, Toutatice…) registered by an academy
 * admin so that its server may vouch for its users with signed assertions, and its pages
 * may call the API cross-origin. It is a tenant like an LTI registration:
 * `(issuer, connectorId, uai)` takes the place of `(issuer, client_id, deployment_id)`.
 * It holds nothing about students.
 */
export type EntConnectorStatus = 'active' | 'disabled';

/** A public signing key as published in a JWKS (no private member ever stored). */
export type PublicJwk = Record<string, unknown> & { kty: string; kid: string };

export interface EntConnector {
  /** `ent_<uuid>`: the tenant's "client id". */
  id: string;
  /** The ENT's URL, as its assertions' `iss` says it (exact match). */
  issuer: string;
  name: string;
  /** Where the ENT publishes its public keys (cached, refetched on an unknown kid)… */
  jwksUrl?: string;
  /** …or the public keys themselves, when the ENT cannot publish a JWKS. */
  jwks?: PublicJwk[];
  academy: string;
  /** The schools (UAI) of the academy it may speak for. */
  uais: string[];
  /** Exact origins of the ENT pages that call the API (CORS). */
  origins: string[];
  status: EntConnectorStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Admin account id, or `operator` for the CLI. */
  createdBy: string;
  updatedBy: string;
}

export const ENT_CONNECTOR_ID = /^ent_[0-9a-f-]{36}$/;

/** The launch-session tenant of an ENT user: the connector is the client, the school the deployment. */
export function entTenantOf(connector: Pick<EntConnector, 'id' | 'issuer'>, uai: string) {
  return { issuer: connector.issuer, clientId: connector.id, deploymentId: uai };
}

/**
 * The `registrationId` of an ENT session: no LTI registration has this shape (they are
 * `reg_<uuid>`), so no LTI service (AGS, NRPS) is ever looked up for it; other modules
 * read the place (academy, school) back with `parseEntRegistrationId`.
 */
export function entRegistrationIdOf(connectorId: string, uai: string): string {
  return `${connectorId}:${uai}`;
}

export function parseEntRegistrationId(registrationId: string): { connectorId: string; uai: string } | undefined {
  const match = /^(ent_[0-9a-f-]{36}):(\d{7}[A-Z])$/.exec(registrationId);
  return match ? { connectorId: match[1]!, uai: match[2]! } : undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The exact origin an admin typed (`https://ent.example.org`), normalised, or why it is
 * not one: no path, query, fragment, credentials or wildcard; https, or http on a
 * loopback host when `allowHttp` (development).
 */
export function normaliseOrigin(value: string, policy: { allowHttp: boolean }): { ok: true; origin: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials are not part of an origin' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)) return { ok: false, reason: 'an origin has no path, query or fragment' };
  if (url.hostname.includes('*')) return { ok: false, reason: 'wildcards are not allowed: list each origin' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:' && policy.allowHttp && LOOPBACK.test(url.hostname)) return { ok: true, origin: url.origin };
  return { ok: false, reason: policy.allowHttp ? 'must be https (or http on a loopback host in development)' : 'must be https' };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
const ALGS = ['RS256', 'ES256'];

/**
 * Why a list of JWKs is not a set of public signing keys the exchange can use, or
 * undefined when it is: RSA (n, e) or EC P-256 (x, y), a unique `kid` each, `use` sig and
 * `alg` RS256/ES256 when present, and never a private member.
 */
export function publicJwksProblem(keys: readonly Record<string, unknown>[]): string | undefined {
  if (keys.length === 0) return 'no key';
  if (keys.length > 10) return 'more than 10 keys';
  const kids = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const at = `key ${i + 1}`;
    if (PRIVATE_MEMBERS.some((m) => m in key)) return `${at} has private members: publish the public key only`;
    if (typeof key.kid !== 'string' || key.kid.length === 0 || key.kid.length > 200) return `${at} has no kid`;
    if (kids.has(key.kid)) return `${at} repeats kid ${key.kid}`;
    kids.add(key.kid);
    if (key.use !== undefined && key.use !== 'sig') return `${at} is not a signing key (use)`;
    if (key.alg !== undefined && !ALGS.includes(String(key.alg))) return `${at} has alg ${String(key.alg)}: only RS256 or ES256`;
    if (key.kty === 'RSA') {
      if (typeof key.n !== 'string' || typeof key.e !== 'string') return `${at} lacks n or e`;
    } else if (key.kty === 'EC') {
      if (key.crv !== 'P-256' || typeof key.x !== 'string' || typeof key.y !== 'string') return `${at} must be a P-256 key with x and y`;
    } else {
      return `${at} has kty ${String(key.kty)}: only RSA or EC`;
    }
  }
  return undefined;
}
