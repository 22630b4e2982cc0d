import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { checkPlatformUrl, type PlatformUrlPolicy } from '../registrations/domain/platform-url.js';

export interface PlatformHttpResponse {
  status: number;
  /** The reason phrase: Moodle's services put their error there ("400 Incorrect score received"). */
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}

export class PlatformHttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused-url' | 'network' | 'timeout' | 'too-large',
  ) {
    super(message);
    this.name = 'PlatformHttpError';
  }
}

export interface PlatformRequest {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * The tool's HTTP client towards LMS platforms (openid configuration, registration,
 * JWKS). Every URL comes from a platform or an admin, so it is an SSRF vector: the URL
 * must pass the platform URL policy, the connection is refused when the name resolves
 * to a private, loopback or reserved address (checked on the resolved address, so DNS
 * rebinding does not help), redirects are not followed, and bodies and time are bounded.
 */
export class PlatformHttp {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    private readonly policy: PlatformUrlPolicy,
    private readonly options: { timeoutMs?: number; maxBytes?: number } = {},
  ) {
    const filter = { allowPrivateIPAddress: policy.allowPrivate, keepAlive: true, maxSockets: 64 };
    this.httpAgent = new RequestFilteringHttpAgent(filter);
    this.httpsAgent = new RequestFilteringHttpsAgent(filter);
  }

  async request(url: string, init: PlatformRequest = {}): Promise<PlatformHttpResponse> {
    const check = checkPlatformUrl(url, this.policy);
    if (!check.ok) throw new PlatformHttpError(`refused to call ${url}: ${check.reason}`, 'refused-url');
    const target = check.url;
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const maxBytes = this.options.maxBytes ?? 512 * 1024;
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<PlatformHttpResponse>((resolve, reject) => {
      const req = transport.request(
        target,
        {
          method: init.method ?? 'GET',
          headers: { 'user-agent': 'Pix-LTI', ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) },
          agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
          timeout: timeoutMs,
          signal: init.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy(new PlatformHttpError(`the answer of ${target.origin} exceeds ${maxBytes} bytes`, 'too-large'));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new PlatformHttpError(`${target.origin} did not answer within ${timeoutMs} ms`, 'timeout')));
      req.on('error', (err) => reject(err instanceof PlatformHttpError ? err : new PlatformHttpError(`cannot reach ${target.origin}: ${err.message}`, 'network')));
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });
  }

  /** A `fetch` for jose's remote JWKS, going through the same guards. */
  readonly fetch = async (url: string, options: { headers: Headers; signal: AbortSignal }): Promise<Response> => {
    const headers: Record<string, string> = {};
    options.headers.forEach((value, name) => (headers[name] = value));
    const res = await this.request(url, { headers, signal: options.signal });
    return new Response(res.body, { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? 'application/json' } });
  };

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
