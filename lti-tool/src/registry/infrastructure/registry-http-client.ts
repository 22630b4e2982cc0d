import { outcomeOfStatus, type AttemptOutcome } from '../domain/delivery.js';

/** The endpoint's credentials, opened (in memory only for the request). */
export type EndpointAuth = { kind: 'bearer'; token: string } | { kind: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export interface PushRequest {
  url: string;
  auth: EndpointAuth;
  idempotencyKey: string;
  /** The compact VC-JWT. */
  credential: string;
}

/**
 * POSTs a VC-JWT to a registry (`Content-Type: application/vc+jwt`, `Idempotency-Key`)
 * and reads the answer as an attempt outcome. Network errors and timeouts are retryable.
 * OAuth2 access tokens are cached per (token URL, client) until shortly before expiry and
 * dropped on a 401.
 */
export class RegistryHttpClient {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly options: { timeoutMs: number; userAgent: string }) {}

  async push(request: PushRequest): Promise<AttemptOutcome> {
    let authorization: string;
    try {
      authorization = `Bearer ${await this.bearerFor(request.auth)}`;
    } catch (err) {
      return { kind: 'retry', error: `registry token: ${(err as Error).message}` };
    }
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/vc+jwt',
          Accept: 'application/json',
          Authorization: authorization,
          'Idempotency-Key': request.idempotencyKey,
          'User-Agent': this.options.userAgent,
        },
        body: request.credential,
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      return { kind: 'retry', error: networkError(err) };
    }
    const body = await response.text().catch(() => '');
    if (response.status === 401 && request.auth.kind === 'oauth2') this.tokens.delete(tokenKey(request.auth));
    return outcomeOfStatus(response.status, body);
  }

  private async bearerFor(auth: EndpointAuth): Promise<string> {
    if (auth.kind === 'bearer') return auth.token;
    const key = tokenKey(auth);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (auth.scope) body.set('scope', auth.scope);
    const response = await fetch(auth.tokenUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64')}`,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`the token endpoint answered HTTP ${response.status}`);
    const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') throw new Error('the token endpoint sent no access_token');
    const lifetime = typeof json.expires_in === 'number' ? json.expires_in : 300;
    this.tokens.set(key, { token: json.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 30) * 1000 });
    return json.access_token;
  }
}

function tokenKey(auth: { tokenUrl: string; clientId: string }): string {
  return `${auth.tokenUrl}\n${auth.clientId}`;
}

function networkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out waiting for the registry';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error';
}
