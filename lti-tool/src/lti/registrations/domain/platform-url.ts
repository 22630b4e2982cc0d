/**
 * Which platform URLs the tool agrees to call or to store (dynamic registration,
 * JWKS, token endpoint). In production only https; in development and tests also http
 * on a loopback host, where the simulator runs. Private *addresses* behind an https
 * name are refused at connection time by the HTTP client (see platform-http.ts).
 */
export interface PlatformUrlPolicy {
  /** Development/test: allow http on loopback hosts and private addresses. */
  allowPrivate: boolean;
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export type PlatformUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function checkPlatformUrl(value: string, policy: PlatformUrlPolicy): PlatformUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && policy.allowPrivate && LOOPBACK_HOSTS.test(url.hostname)) return { ok: true, url };
  return {
    ok: false,
    reason: policy.allowPrivate ? 'must use https (or http on a loopback host in development)' : 'must use https',
  };
}
