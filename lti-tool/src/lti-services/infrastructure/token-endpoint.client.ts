import { transportError, type PlatformTransport } from '../application/platform-transport.js';
import { LtiServiceError, reasonFromBody, retryAfterMs } from '../domain/service-error.js';

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  /** The `scope` field as the platform returned it (may be absent). */
  scope?: string;
}

export interface TokenRequest {
  tokenUrl: string;
  clientAssertion: string;
  scopes: readonly string[];
}

/** Port: obtains an access token from a platform's token endpoint. */
export type TokenEndpoint = (request: TokenRequest) => Promise<TokenGrant>;

/** Platforms answering without `expires_in`: assume Moodle's lifetime, less than which no sane platform issues. */
const DEFAULT_EXPIRES_IN = 3600;

/**
 * OAuth 2.0 client credentials with a signed JWT client assertion (RFC 7523), as the LTI
 * security framework asks. Moodle accepts only a form-urlencoded body.
 */
export function httpTokenEndpoint(options: { http: PlatformTransport; timeoutMs: number; clock?: () => Date }): TokenEndpoint {
  const clock = options.clock ?? (() => new Date());
  return async ({ tokenUrl, clientAssertion, scopes }) => {
    let response: Awaited<ReturnType<PlatformTransport['request']>>;
    try {
      response = await options.http.request(tokenUrl, {
        method: 'POST',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
          scope: scopes.join(' '),
        }).toString(),
      });
    } catch (err) {
      throw transportError(err, 'token endpoint');
    }
    const text = response.body;
    if (response.status < 200 || response.status >= 300) throw tokenError(response.status, response.headers, text, clock());
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new LtiServiceError('LMS_TOKEN_REFUSED', 'transient', 'the token endpoint answered something that is not JSON', { httpStatus: response.status });
    }
    const accessToken = body.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new LtiServiceError('LMS_TOKEN_REFUSED', 'transient', 'the token endpoint answered without an access_token', { httpStatus: response.status });
    }
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
      throw new LtiServiceError('LMS_TOKEN_REFUSED', 'permanent', `unsupported token_type ${body.token_type}`, { httpStatus: response.status });
    }
    const expiresIn = Number(body.expires_in);
    return {
      accessToken,
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
    };
  };
}

function tokenError(status: number, headers: Record<string, string>, text: string, now: Date): LtiServiceError {
  const reason = `token endpoint: ${reasonFromBody(text, status)}`;
  const retryAfter = retryAfterMs(headers['retry-after'] ?? null, now);
  if (status >= 500 || status === 429 || status === 408) {
    return new LtiServiceError('LMS_UNAVAILABLE', 'transient', reason, { httpStatus: status, retryAfterMs: retryAfter });
  }
  let error: unknown;
  try {
    error = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    error = undefined;
  }
  if (error === 'invalid_scope') return new LtiServiceError('LMS_SCOPE_NOT_GRANTED', 'permanent', reason, { httpStatus: status });
  // invalid_client and friends: the registration (keys, client id) is wrong until an admin fixes it.
  return new LtiServiceError('LMS_TOKEN_REFUSED', 'permanent', reason, { httpStatus: status });
}
