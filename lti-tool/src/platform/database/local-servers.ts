import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import type { Logger } from '../logger.js';
import { ensureFerretDbBinary } from './ferretdb-binary.js';
import { freePort, isPortFree } from './free-port.js';
import { spawnGuarded, type GuardedProcess } from './guarded-process.js';
import { waitForPing } from './ping.js';

/** A database server we started ourselves, with the URI to reach it. */
export interface LocalServer {
  kind: 'mongod' | 'ferretdb';
  uri: string;
  process: GuardedProcess;
}

const READY_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

/**
 * FerretDB with its embedded SQLite backend, one `.sqlite` file per database under
 * `dataDir`. The flags keep parallel instances apart: no debug HTTP server on the
 * shared 8088, no state file in the working directory, no telemetry.
 */
export async function startFerretDb(options: { dataDir: string; cacheDir: string; log: Logger }): Promise<LocalServer> {
  const binary = await ensureFerretDbBinary({ cacheDir: options.cacheDir, log: options.log });
  await fs.mkdir(options.dataDir, { recursive: true });
  return startWithRetries(async (port) => {
    const args = [
      '--handler=sqlite',
      // WAL with synchronous=NORMAL: a commit is durable against a crash of any process, and
      // only a power loss may drop the last ones — as with MongoDB's default write concern,
      // which acknowledges before its journal is flushed. FULL (the default) syncs every commit.
      `--sqlite-url=file:${path.resolve(options.dataDir)}/?_pragma=synchronous(normal)`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--state-dir=-',
      '--telemetry=disable',
      '--log-level=warn',
    ];
    const proc = spawnGuarded(binary, args, { log: options.log, name: 'ferretdb' });
    return { kind: 'ferretdb', uri: `mongodb://127.0.0.1:${port}/`, process: proc };
  });
}

/**
 * A `mongod` from PATH as a single-node replica set, so transactions and change
 * streams behave as in production.
 */
export async function startMongod(options: { binary: string; dataDir: string; log: Logger }): Promise<LocalServer> {
  await fs.mkdir(options.dataDir, { recursive: true });
  // The replica-set config names host:port, so a persistent data folder keeps its port.
  const portFile = path.join(options.dataDir, 'pix-lti.port');
  const saved = Number(await fs.readFile(portFile, 'utf8').catch(() => '0'));
  const server = await startWithRetries(async (port) => {
    const args = ['--dbpath', options.dataDir, '--bind_ip', '127.0.0.1', '--port', String(port), '--replSet', 'rs0', '--quiet'];
    const proc = spawnGuarded(options.binary, args, { log: options.log, name: 'mongod' });
    return { kind: 'mongod', uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, process: proc };
  }, saved > 0 && (await isPortFree(saved)) ? saved : undefined);
  await fs.writeFile(portFile, String(new URL(server.uri.replace('mongodb://', 'http://')).port));
  await initiateReplicaSet(server.uri, options.log);
  return server;
}

async function startWithRetries(start: (port: number) => Promise<LocalServer>, preferredPort?: number): Promise<LocalServer> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const server = await start(attempt === 1 && preferredPort ? preferredPort : await freePort());
    try {
      await waitForPing(server.uri, { timeoutMs: READY_TIMEOUT_MS, abort: server.process.exited });
      return server;
    } catch (err) {
      await server.process.stop(2000);
      const output = server.process.recentOutput();
      lastError = new Error(`${server.kind} did not start: ${(err as Error).message}${output ? `\n${output}` : ''}`);
      // Only a lost race for the port is worth another try.
      if (!/address already in use|bind/i.test(output)) break;
    }
  }
  throw lastError;
}

async function initiateReplicaSet(uri: string, log: Logger): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const admin = client.db('admin');
    const host = new URL(uri.replace('mongodb://', 'http://')).host;
    try {
      const { config } = (await admin.command({ replSetGetConfig: 1 })) as { config: { version: number; members: { host: string }[] } };
      if (config.members[0]?.host !== host) {
        // The saved port was taken, so mongod now listens elsewhere: point the set at it.
        config.members[0]!.host = host;
        config.version += 1;
        await admin.command({ replSetReconfig: config, force: true });
        log.info(`Moved the single-node replica set rs0 to ${host}`);
      }
    } catch (err) {
      if ((err as { code?: number }).code !== 94) throw err; // 94: NotYetInitialized
      await admin.command({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host }] } });
      log.info('Initiated the single-node replica set rs0');
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await admin.command({ hello: 1 })).isWritablePrimary) {
      if (Date.now() > deadline) throw new Error('mongod did not become primary');
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.close();
  }
}

/** The first `mongod` on PATH, if any. */
export async function findMongodOnPath(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('sh', ['-c', 'command -v mongod']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
