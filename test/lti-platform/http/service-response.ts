import type { Request, Response } from 'express';
import type { Platform } from '../platform.js';
import type { AccessToken } from '../model/types.js';

/** An exception a Moodle service resource throws: the HTTP code and the reason in the status line. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly reason = '',
  ) {
    super(reason);
  }
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

/**
 * `\mod_lti\local\ltiservice\response::send()`: the reason goes into the status line; an error
 * without a body gets Moodle's JSON description of the failed request.
 */
export function sendServiceError(platform: Platform, req: Request, res: Response, error: ServiceError): void {
  const reason = error.reason || REASONS[error.status] || REASONS[Math.floor(error.status / 100) * 100] || 'Error';
  platform.record('service-refused', { status: error.status, reason, method: req.method, url: req.originalUrl });
  res.statusMessage = reason.replace(/[^\t\x20-\x7e]/g, '?');
  const request: Record<string, string> = { method: req.method, url: req.originalUrl };
  if (req.headers.accept) request.accept = req.headers.accept;
  if (req.headers['content-type']) request.contentType = req.headers['content-type'].split(';')[0]!;
  res.status(error.status).type('application/json; charset=utf-8').send(JSON.stringify({ status: error.status, reason, request }, null, 4));
}

/**
 * `get_oauth_key_from_headers`: a Bearer token issued by token.php, for this tool type when the
 * URL names one, not expired, holding at least one of the scopes the resource accepts.
 */
export function bearerToken(platform: Platform, req: Request, typeId: string | undefined, scopes: string[]): AccessToken | undefined {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return undefined;
  const token = platform.site.accessTokens.get(header.slice(7).trim());
  if (!token) return undefined;
  if (typeId && token.toolId !== typeId) return undefined;
  if (token.validUntil <= platform.nowSeconds()) return undefined;
  return token.scopes.some((s) => scopes.includes(s)) ? token : undefined;
}

/** Builds Moodle's paging `Link` header (lineitems.php), typographic quotes included unless asked otherwise. */
export function pagingLinks(options: { base: URL; limit: number; from: number; total: number; quotes: 'typographic' | 'ascii' }): string {
  const { base, limit, total } = options;
  let from = options.from;
  const outOfRange = from >= total || from < 0;
  const prev = from - limit >= 0 ? from - limit : 0;
  const current = from;
  const last = total - limit + 1 >= 0 ? total - limit + 1 : 0;
  from += limit;
  const at = (n: number) => {
    const url = new URL(base);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('from', String(n));
    return url.toString();
  };
  const q = options.quotes === 'typographic' ? ['“', '”'] : ['"', '"'];
  const rel = (name: string) => `rel=${q[0]}${name}${q[1]}`;
  const links = [`<${at(0)}>; ${rel('first')}`];
  if (current > 0 && !outOfRange) links.push(`<${at(prev)}>; ${rel('prev')}`);
  links.push(`<${at(current)}>; ${rel('canonical')}`);
  if (from <= total - 1 && !outOfRange) links.push(`<${at(from)}>; ${rel('next')}`);
  links.push(`<${at(last)}>; ${rel('last')}`);
  return links.join(', ');
}
