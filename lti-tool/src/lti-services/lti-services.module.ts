import type { KeyStore } from '../keys/application/key-store.js';
import { PlatformHttp } from '../lti/shared/platform-http.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { AccessTokens } from './application/access-tokens.js';
import { CachedRegistrations } from './application/cached-registrations.js';
import { LtiServiceClient } from './application/service-client.js';
import type { RegistrationDirectory } from './domain/platform-endpoints.js';
import { AccessTokensRepository } from './infrastructure/access-tokens.repository.js';
import { httpTokenEndpoint } from './infrastructure/token-endpoint.client.js';

export interface LtiServicesModule extends AppModule {
  /** The LTI module's registrations changed: drop the cached endpoints of this one. */
  registrationChanged(registrationId: string): void;
  /** Calls AGS/NRPS endpoints of a registration's platform with its shared access token. */
  client: LtiServiceClient;
  tokens: AccessTokens;
  /** Registration endpoints (cached briefly), for checks made before any call (grade enqueue). */
  registrations: RegistrationDirectory;
}

export interface LtiServicesOptions {
  /** Per HTTP call to a platform (token, line items, scores, memberships); default 15 s (Moodle recalculates grades on a score). */
  httpTimeoutMs?: number;
  /** How long registration endpoints are cached (default 30 s). */
  registrationsTtlMs?: number;
  clock?: () => Date;
}

/**
 * The client side of LTI Advantage services shared by grading and rosters: one access
 * token per registration (client credentials + signed assertion), origin checks, 401
 * renewal and error classification.
 */
export function createLtiServicesModule(
  ctx: AppContext,
  deps: { keys: Pick<KeyStore, 'sign'>; registrations: RegistrationDirectory },
  options: LtiServicesOptions = {},
): LtiServicesModule {
  const timeoutMs = options.httpTimeoutMs ?? 15_000;
  const registrations = new CachedRegistrations(deps.registrations, options.registrationsTtlMs);
  // Our own guarded client (SSRF guard, no redirects), with a timeout and size for service calls.
  const http = new PlatformHttp({ allowPrivate: ctx.config.ltiAllowPrivatePlatforms }, { timeoutMs, maxBytes: 8 * 1024 * 1024 });
  const store = new AccessTokensRepository(ctx.db, new SecretBox(ctx.config.encryptionKey, 'lti-access-tokens'));
  ctx.expiry.register(store.expiryRule);
  const tokens = new AccessTokens({
    registrations,
    sign: (claims, signOptions) => deps.keys.sign(claims, signOptions),
    endpoint: httpTokenEndpoint({ http, timeoutMs, clock: options.clock }),
    store,
    log: ctx.log,
    clock: options.clock,
  });
  const client = new LtiServiceClient({ registrations, tokens, http, timeoutMs, log: ctx.log, clock: options.clock });
  return {
    name: 'lti-services',
    client,
    tokens,
    registrations,
    registrationChanged: (id) => registrations.forget(id),
    stop: () => http.close(),
  };
}
