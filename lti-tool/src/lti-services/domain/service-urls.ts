import type { PlatformEndpoints } from './platform-endpoints.js';

export type ServiceUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The origins a registration's platform serves from: its issuer, token and login
 * endpoints. Moodle serves everything from its wwwroot, so they coincide there.
 */
export function platformOrigins(endpoints: Pick<PlatformEndpoints, 'issuer' | 'tokenUrl' | 'authLoginUrl'>): Set<string> {
  const origins = new Set<string>();
  for (const value of [endpoints.issuer, endpoints.tokenUrl, endpoints.authLoginUrl]) {
    try {
      origins.add(new URL(value).origin);
    } catch {
      // A registration with a malformed URL contributes no origin: calls are refused.
    }
  }
  return origins;
}

/**
 * Whether a service URL (line item, line items, memberships, next page) may receive the
 * registration's access token: an absolute http(s) URL, without credentials, on one of
 * the platform's origins. Anything else would hand a bearer token to a third party.
 */
export function checkServiceUrl(value: string, endpoints: Pick<PlatformEndpoints, 'issuer' | 'tokenUrl' | 'authLoginUrl'>): ServiceUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
  if (url.username || url.password) return { ok: false, reason: 'the URL carries credentials' };
  if (!platformOrigins(endpoints).has(url.origin)) return { ok: false, reason: `origin ${url.origin} is not the platform's` };
  return { ok: true, url };
}

/** The scores endpoint of a line item: `/scores` appended to its path, its query kept (Moodle's `?type_id=`). */
export function scoresUrlOf(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

/** A URL with extra query parameters, the existing ones kept. */
export function withQuery(value: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(value);
  for (const [key, param] of Object.entries(params)) if (param !== undefined) url.searchParams.set(key, String(param));
  return url.toString();
}
