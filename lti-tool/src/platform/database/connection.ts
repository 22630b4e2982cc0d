import { MongoClient } from 'mongodb';
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import type { Logger } from '../logger.js';
import { detectCapabilities, type DatabaseCapabilities } from './capabilities.js';

/**
 * The application's own mongoose connection. It is never mongoose's default
 * connection: ltijs (mongoose 7) owns that one and disconnects it on errors.
 */
export interface AppDatabase {
  connection: Connection;
  capabilities: DatabaseCapabilities;
  /** Registers a model whose index build failures are logged (see `defineModel`). */
  model<T>(name: string, schema: Schema<T>): Model<T>;
  /**
   * The database for a module whose every conditional write to a document runs in that
   * document's in-process lock (grading's write lock): where updates are not atomic, a
   * second connection with a small pool, so that module's operations no longer wait behind
   * each other and the rest of the app one at a time; elsewhere this database itself.
   */
  forLockedWrites(): AppDatabase;
  close(): Promise<void>;
}

/** Operations side by side on the locked-writes connection: a delivery's writes overlap with the next one's (bench:grades +13 %). */
const LOCKED_WRITES_POOL = 4;

export async function connectAppDatabase(options: {
  uri: string;
  dbName: string;
  connectTimeoutMs: number;
  log: Logger;
}): Promise<AppDatabase> {
  const capabilities = await probeServer(options);
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.connectTimeoutMs,
    connectTimeoutMS: options.connectTimeoutMs,
    // Without atomic document updates (FerretDB v1), one connection sends one operation at
    // a time, so this process's updates of a document cannot interleave: compare-and-sets
    // and `$inc`s stay correct for a single instance (the local and test set-up).
    ...(capabilities.atomicUpdates ? {} : { maxPoolSize: 1, minPoolSize: 1 }),
    // Index builds must not stall start-up; failures (e.g. TTL on FerretDB) are logged per model.
    autoIndex: true,
  });
  await connection.asPromise();
  if (!connection.db) throw new Error('the database connection opened without a database handle');
  options.log.info({ database: options.dbName, ...capabilities }, 'Connected to the database');
  let locked: AppDatabase | undefined;
  const closeAll = async () => {
    await Promise.all([connection.close(), locked?.connection.close()]);
  };
  const databaseOn = (conn: Connection): AppDatabase => ({
    connection: conn,
    capabilities,
    model: (name, schema) => defineModel(conn, name, schema, options.log),
    forLockedWrites() {
      if (capabilities.atomicUpdates) return app;
      locked ??= databaseOn(
        mongoose.createConnection(options.uri, {
          dbName: options.dbName,
          serverSelectionTimeoutMS: options.connectTimeoutMs,
          connectTimeoutMS: options.connectTimeoutMs,
          maxPoolSize: LOCKED_WRITES_POOL,
          autoIndex: true,
        }),
      );
      return locked;
    },
    // Either one closes both: the database is closed as a whole.
    close: closeAll,
  });
  const app = databaseOn(connection);
  return app;
}

/** Capabilities are probed on a short-lived client, before the app's pool is sized by them. */
async function probeServer(options: { uri: string; dbName: string; connectTimeoutMs: number }): Promise<DatabaseCapabilities> {
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.connectTimeoutMs,
    connectTimeoutMS: options.connectTimeoutMs,
  });
  try {
    await client.connect();
    return await detectCapabilities(client.db(options.dbName));
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Defines (or returns the already defined) model on the app connection. Index build
 * failures — mongoose only emits them as an `index` event — are logged, so a TTL index
 * that FerretDB rejects is visible; the expiry sweeper does the deleting anyway.
 */
export function defineModel<T>(connection: Connection, name: string, schema: Schema<T>, log: Logger): Model<T> {
  const existing = connection.models[name];
  if (existing) return existing as Model<T>;
  const model = connection.model<T>(name, schema);
  model.on('index', (err?: Error) => {
    if (!err) return;
    // FerretDB refuses TTL indexes: expected, the expiry sweeper deletes those documents.
    if (/expireAfterSeconds/.test(err.message)) log.info({ model: name, err: err.message }, 'an index could not be built: TTL not supported, the expiry sweeper deletes expired documents');
    else log.warn({ model: name, err: err.message }, 'an index could not be built');
  });
  return model;
}
