import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectAppDatabase, type AppDatabase } from '../database/connection.js';
import { silentLogger, type Logger } from '../logger.js';

export interface TestDatabase extends AppDatabase {
  uri: string;
  dbName: string;
  /** Drops this file's database and closes the connection. */
  drop(): Promise<void>;
}

/** The URI of the run's database server (see database.global-setup.ts). */
export function testDatabaseUri(): string {
  return inject('mongoUri');
}

/** A fresh, uniquely named database on the run's server, for one test file. */
export async function openTestDatabase(label: string, log: Logger = silentLogger()): Promise<TestDatabase> {
  const uri = testDatabaseUri();
  const dbName = `t_${label.replace(/[^A-Za-z0-9]/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const db = await connectAppDatabase({ uri, dbName, connectTimeoutMs: 10_000, log });
  return {
    ...db,
    uri,
    dbName,
    async drop() {
      await db.connection.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
}
