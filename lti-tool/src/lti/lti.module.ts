import type { RequestHandler, Router } from 'express';
import type { KeyStore } from '../keys/application/key-store.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { ActivityCatalog } from './deep-linking/activity-catalog.js';
import { deepLinkingRoutes } from './deep-linking/http/deep-linking.routes.js';
import { dynamicRegistrationRoutes } from './dynamic-registration/http/dynamic-registration.routes.js';
import { LaunchReceiver } from './launch/application/receive-launch.js';
import type { MediaOrigins } from './launch/http/launch-page.js';
import { launchRoutes } from './launch/http/launch.routes.js';
import { LoginStateCodec } from './launch/infrastructure/login-state-codec.js';
import { LoginStatesRepository } from './launch/infrastructure/login-states.repository.js';
import { PlatformKeys } from './launch/infrastructure/platform-keys.js';
import { Registrations } from './registrations/application/registrations.js';
import { registrationAdminRoutes, type RegistrationAdminRoutesOptions } from './registrations/http/registration-admin.routes.js';
import { RegistrationsRepository } from './registrations/infrastructure/registrations.repository.js';
import { LaunchSessions } from './session/launch-sessions.js';
import { launchSessionsPersonalData } from './session/launch-sessions.personal-data.js';
import { LaunchSessionsRepository } from './session/launch-sessions.repository.js';
import { requireLaunch, type LaunchRole } from './session/require-launch.js';
import { PlatformHttp } from './shared/platform-http.js';
import { LTIJS_EXPIRY_RULES } from './ltijs/ltijs-expiry-rules.js';
import { launchFailuresAdminRoutes, type LaunchFailuresAdminOptions } from './launch-failures/http/launch-failures-admin.routes.js';
import { LaunchFailuresRepository } from './launch-failures/infrastructure/launch-failures.repository.js';

export type { ActivityCatalog, ActivityCatalogItem, CatalogTenant } from './deep-linking/activity-catalog.js';
export type { LaunchPageConfig } from './launch/launch-page-config.js';
export type { PlatformEndpoints, Registration } from './registrations/domain/registration.js';
/** The cached, SSRF-guarded remote JWKS sets, for other issuers of signed assertions (ENT connectors). */
export { PlatformKeys } from './launch/infrastructure/platform-keys.js';

export interface LtiModule extends AppModule {
  sessions: LaunchSessions;
  /** Route guard for APIs used from a launch (the web components): bearer session, optional roles. */
  requireLaunch(options?: { roles?: LaunchRole[] }): RequestHandler;
  /** Platform registrations; `platformEndpoints(id)` for the LTI Advantage services. */
  registrations: Registrations;
  /** Mounts the admin API over registrations behind the admin module's guard. */
  registrationAdminRoutes(router: Router, options: RegistrationAdminRoutesOptions): void;
  /** Mounts the recent launch failures (by code and hour) behind the admin module's guard. */
  launchFailureAdminRoutes(router: Router, options: LaunchFailuresAdminOptions): void;
  /** Deep linking lists what this catalog offers (the campaigns module provides it). */
  provideActivityCatalog(catalog: ActivityCatalog): void;
  /** The launch page's CSP allows the item bank's outside embeds and images (the content module provides them). */
  provideMediaOrigins(origins: () => Promise<MediaOrigins>): void;
  /** The launch page preloads these `/static/` chunks (the web module provides them). */
  provideStaticPreloads(preloads: () => string[]): void;
  /** The guarded client the tool uses to call platforms (SSRF guard). */
  platformHttp: PlatformHttp;
}

/** The LTI 1.3 module: registrations, login and launch, dynamic registration, deep linking. */
export function createLtiModule(ctx: AppContext, deps: { keys: KeyStore; activityCatalog?: ActivityCatalog }): LtiModule {
  const { config, log, db } = ctx;
  const clock = () => new Date();
  const toolUrl = config.publicUrl;
  const policy = { allowPrivate: config.ltiAllowPrivatePlatforms };
  const platformHttp = new PlatformHttp(policy);
  const sessions = new LaunchSessions(new LaunchSessionsRepository(db));
  const registrations = new Registrations(new RegistrationsRepository(db), policy, log);
  const states = new LoginStatesRepository(db);
  const stateCodec = new LoginStateCodec(config.encryptionKey);
  const platformKeys = new PlatformKeys(platformHttp);
  registrations.onChange((r) => platformKeys.forget(r.id));
  const failures = new LaunchFailuresRepository(db);
  ctx.expiry.register(sessions.expiryRule, states.expiryRule, failures.expiryRule, ...LTIJS_EXPIRY_RULES);
  const receiver = new LaunchReceiver({ registrations, states, stateCodec, keys: platformKeys, sessions, toolUrl, log, clock });
  let catalog = deps.activityCatalog;
  let mediaOrigins: (() => Promise<MediaOrigins>) | undefined;
  let preloads: (() => string[]) | undefined;

  return {
    name: 'lti',
    sessions,
    registrations,
    platformHttp,
    requireLaunch: (options) => requireLaunch(sessions, options),
    personalData: [launchSessionsPersonalData(ctx.db)],
    registrationAdminRoutes: (router, options) => registrationAdminRoutes(router, registrations, { ...options, links: { keys: deps.keys, toolUrl } }),
    launchFailureAdminRoutes: (router, options) => launchFailuresAdminRoutes(router, options, { failures, registrations, clock }),
    provideActivityCatalog(provided) {
      catalog = provided;
    },
    provideMediaOrigins(provided) {
      mediaOrigins = provided;
    },
    provideStaticPreloads(provided) {
      preloads = provided;
    },
    routes(router) {
      launchRoutes(router, {
        login: { registrations, stateCodec, toolUrl, clock },
        receiver,
        sessions,
        toolUrl,
        failures,
        mediaOrigins: () => mediaOrigins?.() ?? Promise.resolve({ frames: [], images: [] }),
        preloads: () => preloads?.() ?? [],
      });
      deepLinkingRoutes(router, { sessions, registrations, keys: deps.keys, toolUrl, catalog: () => catalog });
      dynamicRegistrationRoutes(router, { registrations, http: platformHttp, toolUrl, autoApproveIssuers: config.ltiAutoApproveIssuers, keys: deps.keys, log });
    },
    stop() {
      platformHttp.close();
    },
  };
}
