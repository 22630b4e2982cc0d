import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { redactUri } from '../config.js';
import type { Logger } from '../logger.js';
import { findMongodOnPath, startFerretDb, startMongod } from './local-servers.js';

/** Where build artefacts that must survive a `git clean` of data live (git-ignored). */
export const DEFAULT_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../.cache');

export interface DatabaseServer {
  /** How we got the server: given by MONGODB_URI, or started here. */
  source: 'MONGODB_URI' | 'mongod' | 'ferretdb';
  uri: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  mongodbUri?: string;
  /** Parent folder for a local server's files (`<dataDir>/mongod` or `<dataDir>/ferretdb`). */
  dataDir: string;
  cacheDir?: string;
  connectTimeoutMs: number;
  log: Logger;
}

/**
 * Finds a MongoDB-wire server, in this order: MONGODB_URI; a `mongod` on PATH
 * (single-node replica set); FerretDB with SQLite, built once from the Go module proxy.
 * See docs/adr/0002-database.md.
 */
export async function startDatabaseServer(options: LaunchOptions): Promise<DatabaseServer> {
  const { log } = options;
  if (options.mongodbUri) {
    log.info({ uri: redactUri(options.mongodbUri) }, 'Connecting to the database given by MONGODB_URI…');
    await assertReachable(options.mongodbUri, options.connectTimeoutMs);
    log.info({ uri: redactUri(options.mongodbUri) }, 'Using the database given by MONGODB_URI');
    return { source: 'MONGODB_URI', uri: options.mongodbUri, stop: async () => undefined };
  }
  const mongod = await findMongodOnPath();
  if (mongod) {
    const server = await startMongod({ binary: mongod, dataDir: path.join(options.dataDir, 'mongod'), log });
    log.info({ uri: server.uri, dataDir: options.dataDir }, `Started mongod from ${mongod}`);
    return { source: 'mongod', uri: server.uri, stop: () => server.process.stop() };
  }
  const server = await startFerretDb({
    dataDir: path.join(options.dataDir, 'ferretdb'),
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    log,
  });
  log.info({ uri: server.uri, dataDir: options.dataDir }, 'Started FerretDB (SQLite backend): no mongod on PATH and no MONGODB_URI');
  return { source: 'ferretdb', uri: server.uri, stop: () => server.process.stop() };
}

/** Fails within the timeout, with a message naming the variable to fix, rather than hanging. */
async function assertReachable(uri: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw new DatabaseUnreachableError(
      `Cannot reach the database at ${redactUri(uri)} within ${timeoutMs / 1000} s (${reason}). Check MONGODB_URI, or unset it to start a local database.`,
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}
