import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { connectAppDatabase } from './database/connection.js';
import { ExpirySweeper } from './database/expiry-sweeper.js';
import { startDatabaseServer, type DatabaseServer } from './database/launcher.js';
import type { Logger } from './logger.js';
import type { AppContext, AppModule } from './module.js';

/** Builds the feature modules from the platform context (see lti-tool/src/modules.ts). */
export type ComposeModules = (ctx: AppContext) => Promise<AppModule[]>;

export interface RunningTool {
  /** The address the HTTP server listens on (the public URL may differ behind a proxy). */
  url: string;
  ctx: AppContext;
  database: DatabaseServer;
  /** Graceful shutdown: stop accepting, drain, stop workers, close the DB, stop a local DB server. */
  close(): Promise<void>;
}

/**
 * Starts the tool: database (found or launched), modules, HTTP server, background work.
 * `database` lets a caller that already runs a server (the local stack, tests) share it.
 */
export async function startTool(
  config: Config,
  log: Logger,
  compose: ComposeModules,
  options: { database?: DatabaseServer } = {},
): Promise<RunningTool> {
  const database =
    options.database ??
    (await startDatabaseServer({
      mongodbUri: config.mongodbUri,
      dataDir: config.dataDir,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      log,
    }));
  const ownsDatabase = !options.database;
  let db;
  try {
    db = await connectAppDatabase({
      uri: database.uri,
      dbName: config.databaseName,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      log,
    });
  } catch (err) {
    if (ownsDatabase) await database.stop();
    throw err;
  }
  const expiry = new ExpirySweeper(db.connection.db!, log, config.expirySweepIntervalMs);
  const ctx: AppContext = { config, log, db, expiry };
  const modules = await compose(ctx);

  const app = createApp(ctx, modules);
  const server = http.createServer(app);
  // Slow clients must not pin sockets forever; LMS POSTs are small.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;

  for (const module of modules) await module.start?.();
  expiry.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        log.warn('shutdown timeout: closing the remaining connections');
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await drained;
      clearTimeout(timer);
      for (const module of [...modules].reverse()) {
        try {
          await module.stop?.();
        } catch (err) {
          log.error({ err, module: module.name }, 'a module failed to stop cleanly');
        }
      }
      await expiry.stop();
      await db.close();
      if (ownsDatabase) await database.stop();
    })());

  return { url, ctx, database, close };
}
