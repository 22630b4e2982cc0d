import type { Router } from 'express';
import type { AdminGuard } from '../admin/http/require-admin.js';
import type { AuditLog } from '../audit/application/audit-log.js';
import { PlatformKeys } from '../lti/lti.module.js';
import type { LaunchSessions } from '../lti/session/launch-sessions.js';
import type { PlatformHttp } from '../lti/shared/platform-http.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { PersonalDataProvider } from '../platform/privacy/personal-data.js';
import { ConnectorKeys } from './application/connector-keys.js';
import { connectorView, EntConnectors, type EntDirectory } from './application/ent-connectors.js';
import type { EntActivityResolver } from './application/exchange-assertion.js';
import { ConnectorOrigins } from './application/page-origins.js';
import { parseEntRegistrationId } from './domain/ent-connector.js';
import { entConnectorAdminRoutes } from './http/ent-connectors-admin.routes.js';
import { DEFAULT_EXCHANGE_RATE_LIMITS, ENT_SESSIONS_PATH, entSessionsRoutes, type ExchangeRateLimits } from './http/ent-sessions.routes.js';
import { EntConnectorsRepository } from './infrastructure/ent-connectors.repository.js';
import { UsedAssertionsRepository } from './infrastructure/used-assertions.repository.js';

export type { EntConnector } from './domain/ent-connector.js';
export type { EntDirectory } from './application/ent-connectors.js';
export type { EntActivityResolver } from './application/exchange-assertion.js';
export { entRegistrationIdOf, parseEntRegistrationId } from './domain/ent-connector.js';

export interface EntModuleDeps {
  /** The lti module's launch sessions: an ENT session is one of them. */
  sessions: LaunchSessions;
  /** The lti module's guarded HTTP client, for the connectors' JWKS. */
  platformHttp: PlatformHttp;
  audit: AuditLog;
  /** Academies and schools (the admin module's organizations), read when a connector is written. */
  directory: () => EntDirectory;
}

export interface EntModuleOptions {
  rateLimits?: ExchangeRateLimits;
  /** The connectors' JWKS cache (defaults as for LTI platforms: 10 min, refetch on an unknown kid at most every 30 s). */
  keyCache?: { cooldownMs?: number; cacheMaxAgeMs?: number };
  clock?: () => Date;
}

export interface EntModule extends AppModule {
  connectors: EntConnectors;
  /** The admin API (`/api/admin/ent-connectors…`): hand it to the admin module's `adminRoutes`. */
  adminRoutes(router: Router, requireAdmin: AdminGuard): void;
  /** The academy and school of an ENT session's `registrationId` (undefined when it is not an ENT one, or no longer valid). */
  placeOf(registrationId: string): Promise<{ academy: string; schools: string[] } | undefined>;
  /** Lets assertions name a campaign (`activity`): the campaigns module resolves its code for the school. */
  provideActivityResolver(resolver: EntActivityResolver): void;
}

/**
 * ENT pages without LTI (docs/guides/ent-integration.md, ADR 0070): ENT connectors
 * (admin API, CLI), the exchange of an ENT server's signed assertion for a launch session
 * (`POST /api/ent/sessions`), and the connectors' page origins for the platform's CORS.
 */
export function createEntModule(ctx: AppContext, deps: EntModuleDeps, options: EntModuleOptions = {}): EntModule {
  const clock = options.clock ?? (() => new Date());
  const repository = new EntConnectorsRepository(ctx.db);
  const usedAssertions = new UsedAssertionsRepository(ctx.db);
  ctx.expiry.register(usedAssertions.expiryRule);
  const keys = new ConnectorKeys(new PlatformKeys(deps.platformHttp, options.keyCache));
  const origins = new ConnectorOrigins(() => repository.activeOrigins());
  const connectors = new EntConnectors({
    repository,
    directory: deps.directory,
    audit: deps.audit,
    allowHttp: ctx.config.ltiAllowPrivatePlatforms,
    clock,
    changed: (connector) => {
      keys.forget(connector.id);
      origins.invalidate();
    },
  });
  let activities: EntActivityResolver | undefined;

  return {
    name: 'ent',
    connectors,
    pageOrigins: origins,
    serverOnlyPaths: [ENT_SESSIONS_PATH],
    personalData: [connectorsPersonalData(repository)],
    adminRoutes: (router, requireAdmin) => entConnectorAdminRoutes(router, requireAdmin, connectors),
    provideActivityResolver(resolver) {
      activities = resolver;
    },
    async placeOf(registrationId) {
      const parsed = parseEntRegistrationId(registrationId);
      const connector = parsed && (await repository.find(parsed.connectorId));
      if (!parsed || !connector || !connector.uais.includes(parsed.uai)) return undefined;
      return { academy: connector.academy, schools: [parsed.uai] };
    },
    routes(router) {
      entSessionsRoutes(
        router,
        { connectors: repository, keys, usedAssertions, sessions: deps.sessions, activities: () => activities, audience: ctx.config.publicUrl, clock, log: ctx.log },
        options.rateLimits ?? DEFAULT_EXCHANGE_RATE_LIMITS,
      );
    },
    async start() {
      await repository.ready();
    },
  };
}

/**
 * Connectors hold nothing about students; the admin who created or last changed one is
 * named by account id. The replay store keeps hashes of assertion ids only, and the
 * sessions an exchange opens are the lti module's (`lti.launch-sessions`).
 */
function connectorsPersonalData(repository: EntConnectorsRepository): PersonalDataProvider {
  return {
    name: 'ent.connectors',
    description: 'ENT connectors the admin registered or last changed (no student data: the ENT replay store keeps only hashes of assertion ids; ENT sessions are under lti.launch-sessions).',
    async exportFor(subject) {
      if (subject.kind !== 'admin') return [];
      return (await repository.touchedBy(subject.adminId)).map(connectorView);
    },
  };
}
