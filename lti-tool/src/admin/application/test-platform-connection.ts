import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { PlatformHttpResponse, PlatformRequest } from '../../lti/shared/platform-http.js';

/** What the check needs of a registration. */
export interface ConnectionTarget {
  clientId: string;
  jwksUrl: string;
  tokenUrl: string;
  /** `aud` of our client assertion when the platform names one (default: the token URL). */
  authServer?: string;
}

export interface ConnectionCheck {
  step: 'jwks' | 'token';
  ok: boolean;
  /** Stable code of the failure (the panel localises it), e.g. `JWKS_UNREACHABLE`, `TOKEN_CLIENT_REFUSED`. */
  code?: string;
  /** What was found, for the admin: key ids, HTTP status, the platform's error. */
  detail: string;
}

export interface ConnectionTestDeps {
  http: { request(url: string, init?: PlatformRequest): Promise<PlatformHttpResponse> };
  sign(claims: JWTPayload, options: { expiresInSeconds: number }): Promise<string>;
}

/** A read-only scope every AGS-enabled platform knows; nothing is written on the platform. */
const PROBE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly';

/**
 * "Test the connection" of a platform registration: fetches the platform's JWKS (as a
 * launch would) and asks its token endpoint for an access token with a client assertion
 * signed by our key (as grade sync would), and says which step failed and why.
 */
export async function testPlatformConnection(target: ConnectionTarget, deps: ConnectionTestDeps): Promise<{ ok: boolean; checks: ConnectionCheck[] }> {
  const checks = [await checkJwks(target.jwksUrl, deps), await checkToken(target, deps)];
  return { ok: checks.every((c) => c.ok), checks };
}

async function call(deps: ConnectionTestDeps, url: string, init: PlatformRequest | undefined, step: 'JWKS' | 'TOKEN') {
  try {
    return { response: await deps.http.request(url, init) };
  } catch (err) {
    const kind = (err as { kind?: string }).kind;
    const code = kind === 'refused-url' ? 'URL_REFUSED' : kind === 'timeout' ? 'TIMEOUT' : kind === 'too-large' ? 'TOO_LARGE' : 'UNREACHABLE';
    return { failure: { ok: false, code: `${step}_${code}`, detail: (err as Error).message } };
  }
}

async function checkJwks(url: string, deps: ConnectionTestDeps): Promise<ConnectionCheck> {
  const result = await call(deps, url, { headers: { accept: 'application/json' } }, 'JWKS');
  if (!result.response) return { step: 'jwks', ...result.failure! };
  const { status, body } = result.response;
  if (status !== 200) return { step: 'jwks', ok: false, code: 'JWKS_HTTP_ERROR', detail: `HTTP ${status} from ${url}` };
  let keys: unknown;
  try {
    keys = (JSON.parse(body) as { keys?: unknown }).keys;
  } catch {
    return { step: 'jwks', ok: false, code: 'JWKS_NOT_JSON', detail: `${url} did not answer JSON` };
  }
  if (!Array.isArray(keys) || keys.length === 0) return { step: 'jwks', ok: false, code: 'JWKS_NO_KEYS', detail: `${url} lists no keys` };
  const usable = keys.filter(
    (k): k is { kid: string } =>
      typeof k === 'object' && k !== null && (k as { kty?: unknown }).kty === 'RSA' && typeof (k as { kid?: unknown }).kid === 'string' && (k as { use?: unknown }).use !== 'enc',
  );
  if (usable.length === 0) return { step: 'jwks', ok: false, code: 'JWKS_NO_RSA_KEY', detail: `${url} has no RSA signing key with a kid` };
  return { step: 'jwks', ok: true, detail: `${usable.length} signing key(s): ${usable.map((k) => k.kid).join(', ')}` };
}

async function checkToken(target: ConnectionTarget, deps: ConnectionTestDeps): Promise<ConnectionCheck> {
  const assertion = await deps.sign(
    { iss: target.clientId, sub: target.clientId, aud: target.authServer ?? target.tokenUrl, jti: randomUUID() },
    { expiresInSeconds: 300 },
  );
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: PROBE_SCOPE,
  }).toString();
  const result = await call(deps, target.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }, 'TOKEN');
  if (!result.response) return { step: 'token', ...result.failure! };
  const { status, body: text } = result.response;
  let payload: { access_token?: unknown; error?: unknown; error_description?: unknown } = {};
  try {
    payload = JSON.parse(text) as typeof payload;
  } catch {
    // Reported below with the status.
  }
  if (status === 200 && typeof payload.access_token === 'string' && payload.access_token) {
    return { step: 'token', ok: true, detail: `access token granted (HTTP ${status})` };
  }
  const error = typeof payload.error === 'string' ? payload.error : undefined;
  const description = typeof payload.error_description === 'string' ? `: ${payload.error_description.slice(0, 200)}` : '';
  const said = error ? `${error}${description}` : `HTTP ${status}${text ? ` ${text.slice(0, 200)}` : ''}`;
  if (error === 'invalid_client' || status === 401) return { step: 'token', ok: false, code: 'TOKEN_CLIENT_REFUSED', detail: said };
  if (error === 'invalid_scope') return { step: 'token', ok: false, code: 'TOKEN_SCOPE_REFUSED', detail: said };
  if (status >= 500) return { step: 'token', ok: false, code: 'TOKEN_PLATFORM_ERROR', detail: said };
  return { step: 'token', ok: false, code: 'TOKEN_REFUSED', detail: said };
}
