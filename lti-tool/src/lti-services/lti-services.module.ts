import type { KeyStore } from '../keys/application/key-store.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { AccessTokens } from './application/access-tokens.js';
import { CachedRegistrations } from './application/cached-registrations.js';
import { LtiServiceClient } from './application/service-client.js';
import type { RegistrationDirectory } from './domain/platform-endpoints.js';
import { AccessTokensRepository } from './infrastructure/access-tokens.repository.js';
import { httpTokenEndpoint } from './infrastructure/token-endpoint.client.js';

export interface LtiServicesModule extends AppModule {
  /** Calls AGS/NRPS endpoints of a registration's platform with its shared access token. */
  client: LtiServiceClient;
  tokens: AccessTokens;
}

export interface LtiServicesOptions {
  /** Per HTTP call to a platform (token, line items, scores, memberships). */
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
  const timeoutMs = options.httpTimeoutMs ?? 10_000;
  const registrations = new CachedRegistrations(deps.registrations, options.registrationsTtlMs);
  const store = new AccessTokensRepository(ctx.db, new SecretBox(ctx.config.encryptionKey, 'lti-access-tokens'));
  ctx.expiry.register(store.expiryRule);
  const tokens = new AccessTokens({
    registrations,
    sign: (claims, signOptions) => deps.keys.sign(claims, signOptions),
    endpoint: httpTokenEndpoint({ timeoutMs, clock: options.clock }),
    store,
    log: ctx.log,
    clock: options.clock,
  });
  const client = new LtiServiceClient({ registrations, tokens, timeoutMs, log: ctx.log, clock: options.clock });
  return { name: 'lti-services', client, tokens };
}
