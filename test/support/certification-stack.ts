// Brings vitest's ProvidedContext augmentation (mongoUri) into this project's type-check.
import type {} from '../../lti-tool/src/platform/testing/database.global-setup.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { createCertificationModule, type CertificationModule } from '../../lti-tool/src/certification/certification.module.js';
import type { AdminAccess } from '../../lti-tool/src/certification/http/admin-access.js';
import { gridEapModel } from '../../lti-tool/src/certification/testing/grid-eap-model.js';
import { createKeysModule } from '../../lti-tool/src/keys/keys.module.js';
import { createApp } from '../../lti-tool/src/platform/app.js';
import { parseConfig, type Config } from '../../lti-tool/src/platform/config.js';
import { ExpirySweeper } from '../../lti-tool/src/platform/database/expiry-sweeper.js';
import { silentLogger } from '../../lti-tool/src/platform/logger.js';
import type { AppContext } from '../../lti-tool/src/platform/module.js';
import { openTestDatabase, type TestDatabase } from '../../lti-tool/src/platform/testing/test-database.js';
import { createRegistryModule, type RegistryModule } from '../../lti-tool/src/registry/registry.module.js';
import { createContentModule } from '../../lti-tool/src/content/content.module.js';
import { LaunchSessionsRepository } from '../../lti-tool/src/lti/session/launch-sessions.repository.js';
import { LaunchSessions } from '../../lti-tool/src/lti/session/launch-sessions.js';
import { requireLaunch } from '../../lti-tool/src/lti/session/require-launch.js';
import { createTestLaunch } from '../../lti-tool/src/lti/session/testing.js';
import { createWebModule } from '../../lti-tool/src/web/web.module.js';
import { freePort } from './ports.js';

/** A fake of the admin module's guard: every request is an admin of `academies`. */
export function fakeAdminAccess(academies: 'all' | string[]): AdminAccess {
  return {
    requireAdmin: (req, _res, next) => {
      if (req.get('x-test-admin') === 'no') {
        next(Object.assign(new Error('no admin'), { status: 401 }));
        return;
      }
      next();
    },
    academiesOf: () => academies,
  };
}

export interface CertificationStack {
  url: string;
  config: Config;
  db: TestDatabase;
  ctx: AppContext;
  certification: CertificationModule;
  registry: RegistryModule;
  keys: Awaited<ReturnType<typeof createKeysModule>>;
  /** With `candidates`: a learner's bearer token from a (test) launch on a certification link. */
  learner(sub: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The keys, certification and registry modules on a real test database, served over
 * real HTTP (the registry receiver fetches the JWKS from it), with a fake admin guard.
 */
export async function startCertificationStack(
  label: string,
  options: { env?: Record<string, string>; adminAcademies?: 'all' | string[]; /** The candidate API on the sample bank, the web components and a test launch page. */ candidates?: boolean } = {},
): Promise<CertificationStack> {
  const port = await freePort();
  const parsed = parseConfig({ ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef', PORT: String(port), REGISTRY_POLL_INTERVAL_MS: '50', ...options.env });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const config = parsed.config;
  const log = silentLogger();
  const db = await openTestDatabase(label);
  const ctx: AppContext = { config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const keys = await createKeysModule(ctx);
  const launches = new LaunchSessions(new LaunchSessionsRepository(db));
  const content = options.candidates ? createContentModule(ctx, { refreshIntervalMs: 60_000 }) : undefined;
  if (content) await content.loadSampleBankIfEmpty();
  const certification = createCertificationModule(ctx, {
    scoring: gridEapModel(),
    ...(content ? { content: content.content, candidateGuard: requireLaunch(launches, { roles: ['learner'] }) } : {}),
  });
  const registry = createRegistryModule(ctx, { keys: keys.store, certification });
  const access = fakeAdminAccess(options.adminAcademies ?? 'all');
  const admin = { name: 'fake-admin', routes: (router: Router) => (certification.adminRoutes(access)(router), registry.adminRoutes(access)(router)) };
  const extra = options.candidates ? [createWebModule(ctx), { name: 'test-launch-page', routes: testLaunchPage }] : [];
  const app = createApp(ctx, [keys, certification, registry, admin, ...extra]);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config,
    db,
    ctx,
    certification,
    registry,
    keys,
    learner: async (sub) => (await createTestLaunch(launches, { user: { sub }, activity: { type: 'certification', id: 'certification' } })).token,
    async close() {
      await registry.worker.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.drop();
    },
  };
}

/**
 * `/test/launch?token=…`: what the LTI launch page renders for a learner on a
 * certification link (`<pix-launch-app>` and its JSON configuration), without the OIDC
 * round trip (the LTI journey tests cover that).
 */
function testLaunchPage(router: Router): void {
  router.get('/test/launch', (req, res) => {
    const token = String(req.query.token ?? '');
    const origin = `${req.protocol}://${req.get('host')}`;
    const config = { token, apiBase: `${origin}/api`, view: 'learner', activity: { type: 'certification', id: 'certification' }, locale: 'fr-FR', user: {} };
    res.type('html').send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pix — certification</title>
<script type="module" src="/static/pix-components.js"></script></head>
<body><pix-launch-app><main><h1>Certification</h1></main></pix-launch-app>
<script type="application/json" id="pix-launch-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script></body></html>`);
  });
}
