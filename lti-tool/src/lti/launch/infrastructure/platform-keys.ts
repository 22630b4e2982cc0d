import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { PlatformHttp } from '../../shared/platform-http.js';

/**
 * The platforms' public keys, one cached remote JWKS per registration (jose): fetched
 * on first use, kept for `cacheMaxAge`, refetched when a token names an unknown `kid`
 * but at most once per `cooldown` — a launch never costs a JWKS fetch in steady state
 * (ltijs 5 fetched it on every launch). A registration change drops its entry.
 */
export class PlatformKeys {
  private readonly sets = new Map<string, { jwksUrl: string; keys: JWTVerifyGetKey }>();

  constructor(
    private readonly http: PlatformHttp,
    private readonly options: { cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number } = {},
  ) {}

  for(registration: { id: string; jwksUrl: string }): JWTVerifyGetKey {
    const hit = this.sets.get(registration.id);
    if (hit && hit.jwksUrl === registration.jwksUrl) return hit.keys;
    const keys = createRemoteJWKSet(new URL(registration.jwksUrl), {
      cooldownDuration: this.options.cooldownMs ?? 30_000,
      cacheMaxAge: this.options.cacheMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: this.options.timeoutMs ?? 5000,
      [customFetch]: this.http.fetch,
    });
    this.sets.set(registration.id, { jwksUrl: registration.jwksUrl, keys });
    return keys;
  }

  forget(registrationId: string): void {
    this.sets.delete(registrationId);
  }
}
