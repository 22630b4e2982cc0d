import { parseConfig } from '../../platform/config.js';
import { ExpirySweeper } from '../../platform/database/expiry-sweeper.js';
import { silentLogger } from '../../platform/logger.js';
import type { AppContext } from '../../platform/module.js';
import type { TestDatabase } from '../../platform/testing/test-database.js';

/** An `AppContext` on a test database, for building the content module in tests. */
export function testContext(db: TestDatabase, env: Record<string, string> = {}): AppContext {
  const parsed = parseConfig({ ENCRYPTION_KEY: 'x'.repeat(32), NODE_ENV: 'test', PUBLIC_URL: 'https://tool.test', ...env });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const log = silentLogger();
  return { config: parsed.config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
}
