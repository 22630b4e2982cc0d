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
  close(): Promise<void>;
}

/**
 * The keys, certification and registry modules on a real test database, served over
 * real HTTP (the registry receiver fetches the JWKS from it), with a fake admin guard.
 */
export async function startCertificationStack(label: string, options: { env?: Record<string, string>; adminAcademies?: 'all' | string[] } = {}): Promise<CertificationStack> {
  const port = await freePort();
  const parsed = parseConfig({ ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef', PORT: String(port), REGISTRY_POLL_INTERVAL_MS: '50', ...options.env });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const config = parsed.config;
  const log = silentLogger();
  const db = await openTestDatabase(label);
  const ctx: AppContext = { config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const keys = await createKeysModule(ctx);
  const certification = createCertificationModule(ctx, { scoring: gridEapModel() });
  const registry = createRegistryModule(ctx, { keys: keys.store, certification });
  const access = fakeAdminAccess(options.adminAcademies ?? 'all');
  const admin = { name: 'fake-admin', routes: (router: Router) => (certification.adminRoutes(access)(router), registry.adminRoutes(access)(router)) };
  const app = createApp(ctx, [keys, certification, registry, admin]);
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
