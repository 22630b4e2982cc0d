import fs from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { composeToolModules } from '../../modules.js';
import { parseConfig, type Env } from '../../platform/config.js';
import { connectAppDatabase } from '../../platform/database/connection.js';
import { ExpirySweeper } from '../../platform/database/expiry-sweeper.js';
import { startDatabaseServer, type DatabaseServer } from '../../platform/database/launcher.js';
import { createLogger } from '../../platform/logger.js';
import type { AppContext, AppModule } from '../../platform/module.js';

/** Written by `npm start` while it runs, so the CLI uses its database instead of starting a second server on the same files. */
export const LOCAL_DATABASE_FILE = 'local-database.json';

export interface CliContext {
  ctx: AppContext;
  modules: AppModule[];
  close(): Promise<void>;
}

/**
 * The tool's modules without its HTTP server, for one CLI command: the database from
 * MONGODB_URI, else the one a running `npm start` advertises in DATA_DIR, else a local
 * server started for the command and stopped after it.
 */
export async function openCliContext(env: Env): Promise<CliContext> {
  const parsed = parseConfig(env);
  if (!parsed.ok) throw new CliError(parsed.errors.map((e) => `Configuration error: ${e}`).join('\n'));
  const config = parsed.config;
  // Quiet by default: an operator reads the command's own lines; LOG_LEVEL=info shows the tool's.
  const log = createLogger({ level: env.LOG_LEVEL ? config.logLevel : 'error', name: 'pix-lti-admin' });
  let server: DatabaseServer | undefined;
  let uri = config.mongodbUri;
  if (!uri) uri = await runningLocalDatabase(config.dataDir);
  if (!uri) {
    server = await startDatabaseServer({ dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs, log });
    uri = server.uri;
  }
  const db = await connectAppDatabase({ uri, dbName: config.databaseName, connectTimeoutMs: config.dbConnectTimeoutMs, log });
  const ctx: AppContext = { config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, config.expirySweepIntervalMs) };
  // No module's background work (grade delivery, catalog refresh…) runs in a CLI command:
  // only the admin module starts, for the unique index on e-mails.
  const modules = await composeToolModules(ctx);
  await modules.find((m) => m.name === 'admin')?.start?.();
  return {
    ctx,
    modules,
    async close() {
      for (const module of [...modules].reverse()) await module.stop?.();
      await db.close();
      await server?.stop();
    },
  };
}

async function runningLocalDatabase(dataDir: string): Promise<string | undefined> {
  let uri: string;
  try {
    uri = (JSON.parse(await fs.readFile(path.join(dataDir, LOCAL_DATABASE_FILE), 'utf8')) as { uri: string }).uri;
  } catch {
    return undefined;
  }
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1500, directConnection: true });
  try {
    await client.db('admin').command({ ping: 1 });
    return uri;
  } catch {
    return undefined; // A stale file from a stack that did not stop cleanly.
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A failure to report to the operator in one line, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}
