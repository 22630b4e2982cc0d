// npm run bench:answers [-- --quick] [--students=N] [--answers=N] [--think-ms=N] [--db-ops]
// Answer → next challenge over HTTP, the whole tool in this process on the real database
// (FerretDB here, MONGODB_URI when set), STUDENTS learners answering at once. Each learner
// takes the adaptive competence tests one after another (smart random, checkpoints
// acknowledged as they come), answering right or wrong at random, until ANSWERS answers.
// Measured: the latency of POST /api/assessments/:id/answers (the answer is stored, knowledge
// elements written, the next challenge chosen), the answer rate over the run, and answers
// acknowledged (201) but not found in the database afterwards (lost).
// A failed answer (5xx) is sent again with the same key, as the player does: `retried` counts them.
// --think-ms: each learner reads the next question for that long on average (uniform 0.5–1.5×)
// before answering, as a class does; 0 (the default) is the stress case, answers back to back.
// --db-ops: also lists the database calls made while answers are in flight (by collection, method
// and filter keys; exact per answer with --students=1), the CPU per answer of the tool and of the
// local database server, and the size of the documents the answer path reads.
// Last line: answers: p99Ms=… p50Ms=… rate=… lost=… retried=… students=… answers=… thinkMs=… database=…
import fs from 'node:fs/promises';
import type { Db } from 'mongodb';
import os from 'node:os';
import path from 'node:path';
import { composeToolModules, createLogger, parseConfig, startTool, type AppModule, type LtiModule } from '@pix-lti/lti-tool';
import { freePort } from '../test/support/ports.js';

const quick = process.argv.includes('--quick');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const STUDENTS = Number(arg('students') ?? (quick ? 50 : 200));
const ANSWERS = Number(arg('answers') ?? (quick ? 8 : 20));
const THINK_MS = Number(arg('think-ms') ?? 0);
/** --db-ops: lists the database commands sent while answers are in flight (exact per answer with --students=1). */
const DB_OPS = process.argv.includes('--db-ops');
const dbOps = { inFlight: 0, answers: 0, counts: new Map<string, { n: number; ms: number }>(), outside: new Map<string, { n: number; ms: number }>(), slow: new Map<string, number>() };
const COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
/** Answers the server failed (5xx) and the client sent again. */
const retries = { count: 0 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bench reads API JSON loosely

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-bench-answers-'));
  if (DB_OPS) await watchCommands();
  const parsed = parseConfig({ ENCRYPTION_KEY: 'bench-only-encryption-key-0123456789abcdef', PORT: String(await freePort()), DATA_DIR: root, LOG_LEVEL: 'error', MONGODB_URI: process.env.MONGODB_URI });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let modules: AppModule[] = [];
  const tool = await startTool(parsed.config, createLogger({ level: 'error', name: 'bench' }), async (ctx) => (modules = await composeToolModules(ctx)));
  const lti = modules.find((m) => m.name === 'lti') as LtiModule;
  say(`database: ${tool.database.source}; tool ${tool.url}; ${STUDENTS} students × ${ANSWERS} answers, thinking ${THINK_MS} ms on average`);
  try {
    const latencies: number[] = [];
    const acknowledged = new Map<string, number>();
    const started = performance.now();
    const cpuBefore = DB_OPS ? await cpuSeconds(root) : undefined;
    await Promise.all(Array.from({ length: STUDENTS }, (_, i) => learner(tool.url, lti, i, latencies, acknowledged)));
    const seconds = (performance.now() - started) / 1000;
    const lost = await countLost(modules, acknowledged);
    latencies.sort((a, b) => a - b);
    if (cpuBefore) {
      const after = await cpuSeconds(root);
      say(`CPU per answer: tool ${((after.tool - cpuBefore.tool) * 1000 / latencies.length).toFixed(2)} ms, database ${((after.database - cpuBefore.database) * 1000 / latencies.length).toFixed(2)} ms (all requests of the run)`);
    }
    if (DB_OPS) for (const [op, { n, ms }] of dbOps.outside) say(`outside answers: ${n} × ${op}, mean ${(ms / n).toFixed(1)} ms`);
    if (DB_OPS) for (const [op, n] of dbOps.slow) say(`slower than 20 ms: ${n} × ${op}`);
    if (DB_OPS) await reportSizes(tool.ctx.db.connection.db!);
    if (DB_OPS) for (const [op, { n, ms }] of [...dbOps.counts].sort((a, b) => b[1].n - a[1].n)) say(`db ops per answer ${(n / dbOps.answers).toFixed(2)}, mean ${(ms / n).toFixed(1)} ms  ${op}`);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    say(`${latencies.length} answers in ${seconds.toFixed(1)} s; p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
    process.stdout.write(`answers: p99Ms=${q(0.99).toFixed(1)} p50Ms=${q(0.5).toFixed(1)} rate=${(latencies.length / seconds).toFixed(0)} lost=${lost} retried=${retries.count} students=${STUDENTS} answers=${latencies.length} thinkMs=${THINK_MS} database=${tool.database.source}\n`);
  } finally {
    await tool.close();
    await fs.rm(root, { recursive: true, force: true });
  }
}

/** A learner's launch of one test, as a verified launch would create it (no grade target: no AGS here). */
async function session(lti: LtiModule, i: number, activityId: string): Promise<{ token: string; learnerId: string }> {
  const { token, session } = await lti.sessions.create({
    tenant: { issuer: 'https://moodle.bench', clientId: 'bench', deploymentId: '1' },
    registrationId: 'bench-registration',
    messageType: 'LtiResourceLinkRequest',
    user: { sub: `student-${i}` },
    roles: { learner: true, instructor: false, administrator: false, raw: [] },
    context: { id: 'course-bench' },
    resourceLink: { id: `link-${activityId}` },
    activity: { type: 'competence-evaluation', id: activityId },
    locale: 'fr-FR',
  });
  return { token, learnerId: session.user.id };
}

async function learner(base: string, lti: LtiModule, index: number, latencies: number[], acknowledged: Map<string, number>): Promise<void> {
  let answered = 0;
  let random = index + 1;
  const coinValue = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
  const coin = () => coinValue() < 0.6;
  for (let c = 0; answered < ANSWERS; c++) {
    const competence = COMPETENCES[(index + c) % COMPETENCES.length]!;
    const s = await session(lti, index, `competence-${competence.replace('.', '-')}`);
    const start = await call(base, s.token, 'POST', '/api/assessments', {}).catch(async (err: Error) => {
      const stored = await lti.sessions.resolve(s.token);
      throw new Error(`competence ${competence} (session activity ${JSON.stringify(stored?.activity)}, learner ${index}, round ${c}): ${err.message}`);
    });
    const id = start.assessment.id as string;
    let next = start.next as Json;
    while (next.kind !== 'completed' && answered < ANSWERS) {
      if (next.kind === 'checkpoint') {
        next = (await call(base, s.token, 'POST', `/api/assessments/${id}/checkpoints/${next.checkpoint.id}/acknowledge`, {})).next;
        continue;
      }
      const challenge = next.challenge as Json;
      const value = challenge.response.kind === 'choices' ? { kind: 'choices', choices: [challenge.response.choices[0].value] } : coin() ? { kind: 'skip' } : { kind: 'fields', fields: Object.fromEntries(challenge.response.parts.filter((p: Json) => p.type === 'field').map((p: Json) => [p.key, p.input === 'select' ? p.options[0] : '42'])) };
      if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + coinValue())));
      const body = { idempotencyKey: `bench-${index}-${answered}-${Date.now()}`, challengeId: challenge.id, value, timedOut: false, focusedOut: false, timeSpentSeconds: 10, answeredAt: new Date().toISOString() };
      const t0 = performance.now();
      dbOps.inFlight++;
      // As the player does: a 5xx or a network failure is sent again with the same key.
      let response: Json | undefined;
      for (let attempt = 0; !response; attempt++) {
        response = await call(base, s.token, 'POST', `/api/assessments/${id}/answers`, body).catch((err: Error) => {
          if (attempt >= 5 || !/: 5\d\d |fetch failed/.test(err.message)) throw err;
          retries.count++;
          return new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000));
        });
      }
      latencies.push(performance.now() - t0);
      dbOps.inFlight--;
      dbOps.answers++;
      acknowledged.set(s.learnerId, (acknowledged.get(s.learnerId) ?? 0) + 1);
      answered++;
      next = response.next;
    }
  }
}

/** Counts and times the driver's collection calls made while answers are in flight, by collection, method and filter shape (the filter's keys: `_id` alone is FerretDB's indexed lookup). */
async function watchCommands(): Promise<void> {
  const { Collection } = await import('mongodb');
  const proto = Collection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['findOne', 'find', 'updateOne', 'insertOne', 'findOneAndUpdate', 'deleteOne', 'updateMany', 'insertMany', 'countDocuments', 'bulkWrite']) {
    const original = proto[method]!;
    proto[method] = function (this: { collectionName: string }, ...args: unknown[]) {
      const filter = args[0];
      const shape = method.startsWith('insert') ? '' : filter && typeof filter === 'object' ? JSON.stringify(Object.keys(filter)) : '';
      const key = `${method} ${this.collectionName} ${shape}`;
      const t0 = performance.now();
      const out = original.apply(this, args);
      const inFlight = dbOps.inFlight > 0;
      const done = () => {
        const ms = performance.now() - t0;
        if (ms > 20) dbOps.slow.set(key, (dbOps.slow.get(key) ?? 0) + 1);
        if (!inFlight) {
          const entry = dbOps.outside.get(key) ?? { n: 0, ms: 0 };
          entry.n++;
          entry.ms += ms;
          dbOps.outside.set(key, entry);
          return;
        }
        const entry = dbOps.counts.get(key) ?? { n: 0, ms: 0 };
        entry.n++;
        entry.ms += performance.now() - t0;
        dbOps.counts.set(key, entry);
      };
      if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(done, done);
      return out;
    };
  }
}

/** CPU seconds used so far by this process and by the local database server started under `root` (Linux /proc). */
async function cpuSeconds(root: string): Promise<{ tool: number; database: number }> {
  const usage = process.cpuUsage();
  let database = 0;
  const ticks = 100; // USER_HZ on Linux
  for (const pid of await fs.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(root) || !/ferretdb|mongod/.test(cmdline) || cmdline.startsWith('sh')) continue;
    const stat = (await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
    database += (Number(stat[11] ?? 0) + Number(stat[12] ?? 0)) / ticks;
  }
  return { tool: (usage.user + usage.system) / 1e6, database };
}

/** Mean and largest BSON size of the documents the answer path reads. */
async function reportSizes(db: Db): Promise<void> {
  const { BSON } = await import('mongodb');
  for (const name of ['assessments', 'answers', 'knowledge_profiles', 'campaign_participations']) {
    const sizes = (await db.collection(name).find().toArray()).map((d) => BSON.calculateObjectSize(d));
    say(`${name}: ${sizes.length} documents, mean ${(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)).toFixed(0)} B, max ${Math.max(0, ...sizes)} B`);
  }
}

async function call(base: string, token: string, method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${base}${pathname}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function countLost(modules: AppModule[], acknowledged: Map<string, number>): Promise<number> {
  const assessment = modules.find((m) => m.name === 'assessment') as unknown as { deps: { answers: { listForLearner(id: string): Promise<unknown[]> } } };
  let lost = 0;
  for (const [learnerId, count] of acknowledged) lost += Math.max(0, count - (await assessment.deps.answers.listForLearner(learnerId)).length);
  return lost;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
