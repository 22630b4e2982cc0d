import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDatabaseServer } from '../database/launcher.js';
import { createLogger } from '../logger.js';

/**
 * Starts one database server for the whole test run (MONGODB_URI, a mongod on PATH,
 * or FerretDB in a temporary folder) and hands its URI to the test files, each of
 * which works in a database of its own (see `openTestDatabase`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Vitest runs a global setup once per project, in one process: share one server.
  const shared = ((globalThis as { [SHARED]?: Shared })[SHARED] ??= { users: 0, server: startServer() });
  shared.users += 1;
  const { uri } = await shared.server;
  project.provide('mongoUri', uri);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete (globalThis as { [SHARED]?: Shared })[SHARED];
    const { stop } = await shared.server;
    await stop();
  };
}

const SHARED = Symbol.for('pix-lti.test-database');
interface Shared {
  users: number;
  server: Promise<{ uri: string; stop(): Promise<void> }>;
}

async function startServer(): Promise<{ uri: string; stop(): Promise<void> }> {
  const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn', name: 'test-database' });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-lti-test-db-'));
  const started = Date.now();
  const server = await startDatabaseServer({
    mongodbUri: process.env.MONGODB_URI || undefined,
    dataDir,
    connectTimeoutMs: 10_000,
    log,
  });
  process.stderr.write(`[tests] database: ${server.source} (ready in ${Date.now() - started} ms)\n`);
  return {
    uri: server.uri,
    async stop() {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
