import { composeToolModules, parseConfig, silentLogger, startTool, type AdminModule, type AppModule, type RunningTool } from '@pix-lti/lti-tool';
import { openTestDatabase, type TestDatabase } from '../../lti-tool/src/platform/testing/test-database.js';
// Brings in the `mongoUri` provided by the global setup (vitest's ProvidedContext).
import type {} from '../../lti-tool/src/platform/testing/database.global-setup.js';
import { ensureAdminPanelDist } from './admin-panel.js';
import { freePort } from './ports.js';

export interface AdminStack {
  base: string;
  tool: RunningTool;
  admin: AdminModule;
  modules: AppModule[];
  db: TestDatabase;
  stop(): Promise<void>;
}

/** The real tool on a free port (http://localhost, as `npm start`), its own test database, the built admin panel. */
export async function startAdminStack(label: string, env: Record<string, string> = {}): Promise<AdminStack> {
  ensureAdminPanelDist();
  const db = await openTestDatabase(label);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const parsed = parseConfig({ ENCRYPTION_KEY: 'browser-test-encryption-key-0123456789', PORT: String(port), PUBLIC_URL: base, DATABASE_NAME: db.dbName, LOG_LEVEL: 'silent', ...env });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let modules: AppModule[] = [];
  const tool = await startTool(parsed.config, silentLogger(), async (ctx) => (modules = await composeToolModules(ctx)), {
    database: { source: 'MONGODB_URI', uri: db.uri, stop: async () => undefined },
  });
  const admin = modules.find((m) => m.name === 'admin') as AdminModule;
  return {
    base,
    tool,
    admin,
    modules,
    db,
    async stop() {
      await tool.close();
      await db.drop();
    },
  };
}
