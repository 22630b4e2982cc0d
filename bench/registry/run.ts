// npm run bench:registry [-- --quick]
// Two cases, ending with one line: registry: published=… delivered=… duplicates=… lost=… outageS=… killRecovered=…
//  1. outage: the registry receiver is down for 5 minutes (closed port) while 500 certifications are
//     published; all must reach it once it returns, each exactly once (no key received twice), none lost.
//  2. crash: the tool runs as a child process on its own data folder and is killed with SIGKILL while it
//     delivers 500 results; after a restart every result is delivered, none lost, none stored twice.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectAppDatabase, createLogger, parseConfig, startTool } from '@pix-lti/lti-tool';
import { freePort } from '../../test/support/ports.js';
import { runEntry, type Started } from '../../test/support/processes.js';
import { startRegistryReceiver } from '../../test/registry-receiver/registry-receiver.js';
import { schoolSide } from './tool-deps.js';

const quick = process.argv.includes('--quick');
// --quick (for development) shortens the outage and publishes fewer certifications; the full run is the measure.
const TOTAL = quick ? 100 : 500;
const OUTAGE_MS = quick ? 20_000 : 5 * 60_000;
const KEY = 'bench-only-encryption-key-0123456789abcdef';
const TOKEN = 'bench-receiver-token-0123456789';
const log = createLogger({ level: (process.env.BENCH_LOG_LEVEL as 'error' | undefined) ?? 'error', name: 'bench' });
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function outageCase(root: string) {
  const port = await freePort();
  const parsed = parseConfig({ ENCRYPTION_KEY: KEY, PORT: String(port), DATA_DIR: path.join(root, 'outage'), LOG_LEVEL: 'warn' });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let school!: Awaited<ReturnType<typeof schoolSide>>;
  const tool = await startTool(parsed.config, log, async (ctx) => {
    school = await schoolSide(parsed.config, ctx.db, log);
    return [school.keys, school.certification, school.registry];
  });
  const receiver = await startRegistryReceiver({ jwksUrl: `${tool.url}/.well-known/jwks.json`, bearerToken: TOKEN });
  await school.configure('acad-outage', receiver.credentialsUrl, TOKEN);
  await receiver.setMode('closed');
  const downAt = Date.now();
  say(`outage: receiver down (port closed); publishing ${TOTAL} certifications`);
  const ids = await school.publish(TOTAL, 'acad-outage', (n) => n % 100 === 0 && say(`outage: ${n} published`));
  say(`outage: published ${ids.length} in ${((Date.now() - downAt) / 1000).toFixed(1)} s; states ${JSON.stringify(await school.states())}`);
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
  const outageS = (Date.now() - downAt) / 1000;
  const attemptsDuring = (await school.registry.deps.outbox.list({ academyIds: 'all', limit: TOTAL })).reduce((s, e) => s + e.delivery.attempts, 0);
  await receiver.setMode('up');
  const upAt = Date.now();
  say(`outage: receiver back after ${outageS.toFixed(0)} s (${attemptsDuring} failed attempts meanwhile); waiting for delivery`);
  // Watch the receiver, not the database: polling counts would compete with the worker for the local FerretDB.
  await waitFor('all delivered', async () => (receiver.stats().unique >= TOTAL ? true : undefined), 30 * 60_000);
  const drainS = (Date.now() - upAt) / 1000;
  await waitFor('all marked delivered', async () => ((await school.states()).delivered === TOTAL ? true : undefined), 10 * 60_000);
  const stats = receiver.stats();
  const received = new Set(receiver.receipts().map((r) => r.idempotencyKey));
  const lost = ids.filter((id) => !received.has(id)).length;
  const duplicateKeys = receiver.receipts().filter((r) => r.count > 1).length;
  say(`outage: delivered=${stats.unique} duplicates=${duplicateKeys} lost=${lost} drainS=${drainS.toFixed(1)} rejected=${stats.rejected}`);
  await tool.close();
  await receiver.close();
  return { published: ids.length, delivered: stats.unique, duplicates: duplicateKeys, lost, outageS, drainS };
}

async function crashCase(root: string) {
  const dataDir = path.join(root, 'crash-tool-data');
  const port = await freePort();
  const env = { ENCRYPTION_KEY: KEY, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', REGISTRY_CONCURRENCY: '8' };
  const start = async (): Promise<{ proc: Started; uri: string }> => {
    const proc = runEntry('lti-tool/src/main.ts', env);
    await proc.waitFor(/Pix LTI tool ready/, 120_000);
    const uriLine = proc.output().split('\n').find((l) => /"uri":"mongodb:/.test(l));
    return { proc, uri: (JSON.parse(uriLine!) as { uri: string }).uri };
  };
  let child = await start();
  const toolUrl = `http://127.0.0.1:${port}`;
  // The receiver answers slowly so that deliveries are in flight when the tool dies.
  const receiver = await startRegistryReceiver({ jwksUrl: `${toolUrl}/.well-known/jwks.json`, bearerToken: TOKEN, responseDelayMs: 100 });
  const parsed = parseConfig({ ...env, LOG_LEVEL: 'warn' });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let db = await connectAppDatabase({ uri: child.uri, dbName: parsed.config.databaseName, connectTimeoutMs: 10_000, log });
  let school = await schoolSide(parsed.config, db, log);
  say(`crash: tool pid ${child.proc.child.pid}; publishing ${TOTAL} certifications (the academy's endpoint is not configured yet: they wait)`);
  const ids = await school.publish(TOTAL, 'acad-crash');
  // Configuring the endpoint wakes the waiting entries: the child tool delivers them all at once.
  await school.configure('acad-crash', receiver.credentialsUrl, TOKEN);
  const target = Math.min(TOTAL - Math.floor(TOTAL / 10), receiver.stats().unique + Math.floor(TOTAL / 5));
  await waitFor(`${target} received`, async () => (receiver.stats().unique >= target ? true : undefined), 10 * 60_000);
  await sleep(30);
  const inFlight = receiver.stats().inFlight;
  child.proc.child.kill('SIGKILL');
  await child.proc.exited;
  const atKill = receiver.stats().unique;
  say(`crash: SIGKILL with ${atKill} stored at the receiver and ${inFlight} deliveries in flight`);
  await db.close();
  child = await start();
  const restartedAt = Date.now();
  db = await connectAppDatabase({ uri: child.uri, dbName: parsed.config.databaseName, connectTimeoutMs: 10_000, log });
  school = await schoolSide(parsed.config, db, log);
  await waitFor('all delivered after restart', async () => (receiver.stats().unique >= TOTAL ? true : undefined), 30 * 60_000);
  const recoverS = (Date.now() - restartedAt) / 1000;
  await waitFor('all marked delivered after restart', async () => ((await school.states()).delivered === TOTAL ? true : undefined), 10 * 60_000);
  const received = new Set(receiver.receipts().map((r) => r.idempotencyKey));
  const lost = ids.filter((id) => !received.has(id)).length;
  const storedTwice = receiver.receipts().length - received.size;
  const redelivered = receiver.receipts().filter((r) => r.count > 1).length;
  say(`crash: delivered=${received.size} lost=${lost} storedTwice=${storedTwice} redelivered=${redelivered} (re-sent after the lease, deduplicated by key) recoverS=${recoverS.toFixed(1)}`);
  child.proc.child.kill('SIGTERM');
  await child.proc.exited;
  await db.close();
  await receiver.close();
  return { delivered: received.size, lost, storedTwice, redelivered, recoverS, ok: lost === 0 && storedTwice === 0 && received.size === TOTAL };
}

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-lti-bench-registry-'));
try {
  say(`mode: ${quick ? 'quick (100 certifications, 20 s outage)' : 'full (500 certifications, 5-minute outage)'}; data in ${root}`);
  const outage = await outageCase(root);
  const crash = await crashCase(root);
  process.stdout.write(
    `registry: published=${outage.published} delivered=${outage.delivered} duplicates=${outage.duplicates} lost=${outage.lost} outageS=${outage.outageS.toFixed(0)} drainS=${outage.drainS.toFixed(1)} killRecovered=${crash.ok ? 'yes' : 'no'} killLost=${crash.lost} killStoredTwice=${crash.storedTwice} killRedelivered=${crash.redelivered} killRecoverS=${crash.recoverS.toFixed(1)}\n`,
  );
  process.exitCode = outage.lost === 0 && outage.duplicates === 0 && outage.delivered === outage.published && crash.ok ? 0 : 1;
} finally {
  await fs.rm(root, { recursive: true, force: true });
}
