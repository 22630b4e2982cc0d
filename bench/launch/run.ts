// `npm run bench:launch`: N concurrent simulated students doing login → launch → first API
// call against the simulated Moodle on loopback, for Pix LTI and for a bare ltijs 5.9.9 app
// with default options, one after the other on the same machine and database server.
// Env: BENCH_CONCURRENCY (50), BENCH_LAUNCHES (1000), BENCH_WARMUP (50).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAppDatabase, silentLogger, startDatabaseServer } from '@pix-lti/lti-tool';
import { Registrations } from '../../lti-tool/src/lti/registrations/application/registrations.js';
import { RegistrationsRepository } from '../../lti-tool/src/lti/registrations/infrastructure/registrations.repository.js';
import { LtiBrowser, startPlatformSimulator, type PlatformSimulator } from '../../test/lti-platform/index.js';
import { freePort } from '../../test/support/ports.js';
import { processProbe, processesMatching, selfProbe, startCpuCount, type CpuProbe } from '../support/process-cpu.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);

interface Target {
  name: string;
  activityCmid: string;
  /** The first API call after the launch page, with what the page gave. */
  apiCall(browser: LtiBrowser, finalUrl: string, body: string): Promise<Response>;
  launched(status: number, body: string): boolean;
  /** The tool's process, the database server's, and this one (load generator and simulator). */
  cpu: CpuProbe[];
}

interface Result {
  name: string;
  launches: number;
  errors: number;
  elapsedMs: number;
  rate: number;
  p50: number;
  p99: number;
  firstError?: string;
  /** CPU milliseconds per launch, per process. */
  cpu: Record<string, number | undefined>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(sim: PlatformSimulator, target: Target, students: string[], launches: number): Promise<Result> {
  const browsers = students.map(() => new LtiBrowser());
  // The students are logged in to Moodle before the clock starts: the LTI flow is what we time.
  await Promise.all(students.map((id, i) => browsers[i]!.navigate({ method: 'GET', url: `${sim.url}/login/index.php?user=${id}&next=/` })));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const cpu = startCpuCount(target.cpu);
  const started = performance.now();
  await Promise.all(
    browsers.map(async (browser) => {
      while (next < launches) {
        next += 1;
        const t0 = performance.now();
        try {
          const nav = await browser.navigate({ method: 'GET', url: `${sim.url}/mod/lti/launch.php?id=${target.activityCmid}` }, { topLevelOrigin: sim.url });
          if (!target.launched(nav.page.status, nav.page.body)) throw new Error(`launch ended on HTTP ${nav.page.status}: ${nav.page.text().slice(0, 200)}`);
          const api = await target.apiCall(browser, nav.page.url, nav.page.body);
          if (api.status !== 200) throw new Error(`first API call answered ${api.status}: ${(await api.text()).slice(0, 200)}`);
          await api.arrayBuffer().catch(() => undefined);
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors += 1;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    launches,
    errors,
    elapsedMs,
    rate: (launches - errors) / (elapsedMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    firstError,
    cpu: cpu.perUnit(launches),
  };
}

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  if (process.env.BENCH_TOOL_LOG_FILE) child.stdout!.on('data', (c: Buffer) => void fs.appendFile(process.env.BENCH_TOOL_LOG_FILE!, c));
  child.once('exit', (code) => {
    if (code && code !== 0) process.stderr.write(`[bench] ${args.join(' ')} exited ${code}:\n${output}\n`);
  });
  return child;
}

async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-bench-launch-'));
  const database = await startDatabaseServer({ mongodbUri: process.env.MONGODB_URI || undefined, dataDir, connectTimeoutMs: 10_000, log: silentLogger() });
  const children: ChildProcess[] = [];
  const sim = await startPlatformSimulator();
  try {
    const course = sim.addCourse({ shortname: 'BENCH', fullname: 'Bench' });
    const students = Array.from({ length: CONCURRENCY }, (_, i) => sim.addUser({ firstname: `Élève${i}`, lastname: 'Bench' }).id);
    for (const id of students) sim.enrol(id, course.id, 'student');

    // Pix LTI, as `npm start` runs it (its own process), on its own database.
    const pixPort = await freePort();
    const pixUrl = `http://localhost:${pixPort}`;
    const pixTool = sim.registerTool({ name: 'Pix', initiateLoginUri: `${pixUrl}/lti/login`, toolUrl: `${pixUrl}/lti/launch`, redirectUris: [`${pixUrl}/lti/launch`], jwksUri: `${pixUrl}/lti/keys` });
    const pixActivity = sim.addActivity({ courseId: course.id, toolId: pixTool.id, name: 'Pix', instructorCustomParameters: { pix_activity: 'campaign:BENCH1' } });
    const db = await connectAppDatabase({ uri: database.uri, dbName: 'bench_pix', connectTimeoutMs: 10_000, log: silentLogger() });
    await db.connection.dropDatabase();
    await new Registrations(new RegistrationsRepository(db), { allowPrivate: true }, silentLogger()).register({
      issuer: sim.issuer,
      clientId: pixTool.clientId,
      name: 'Bench',
      authLoginUrl: sim.endpoints.authorization,
      tokenUrl: sim.endpoints.token,
      jwksUrl: sim.endpoints.jwks,
      deploymentIds: [pixTool.id],
      status: 'active',
      origin: 'manual',
    });
    await db.close();
    children.push(
      startProcess(['--import', 'tsx', 'lti-tool/src/main.ts'], {
        PORT: String(pixPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: pixUrl,
        MONGODB_URI: database.uri,
        DATABASE_NAME: 'bench_pix',
        ENCRYPTION_KEY: 'bench-only-encryption-key-0123456789abcdef',
        LOG_LEVEL: process.env.BENCH_TOOL_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'development',
      }),
    );

    // The bare ltijs app.
    const ltijsPort = await freePort();
    const ltijsUrl = `http://localhost:${ltijsPort}`;
    const ltijsTool = sim.registerTool({ name: 'ltijs', initiateLoginUri: `${ltijsUrl}/login`, toolUrl: `${ltijsUrl}/`, redirectUris: [`${ltijsUrl}/`], jwksUri: `${ltijsUrl}/keys` });
    const ltijsActivity = sim.addActivity({ courseId: course.id, toolId: ltijsTool.id, name: 'ltijs' });
    const ltijsDb = new URL(database.uri);
    ltijsDb.pathname = '/bench_ltijs';
    const ltijsProcess = startProcess(['bench/launch/ltijs-app.mjs'], {
      LTIJS_DB_URL: ltijsDb.toString(),
      LTIJS_PORT: String(ltijsPort),
      PLATFORM_ISSUER: sim.issuer,
      PLATFORM_CLIENT_ID: ltijsTool.clientId,
      PLATFORM_AUTH_URL: sim.endpoints.authorization,
      PLATFORM_TOKEN_URL: sim.endpoints.token,
      PLATFORM_JWKS_URL: sim.endpoints.jwks,
    });
    children.push(ltijsProcess);
    const ltijsReady = new Promise<void>((resolve) => ltijsProcess.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve()));
    await Promise.all([waitForHttp(`${pixUrl}/readyz`), ltijsReady]);

    // The database server started for this run (none to read when MONGODB_URI names one elsewhere).
    const dbCpu = processesMatching('db', dataDir, ['ferretdb', 'mongod']);
    const pix: Target = {
      name: 'Pix LTI',
      cpu: [processProbe('tool', children[0]!.pid), dbCpu, selfProbe('harness')],
      activityCmid: pixActivity.cmid,
      launched: (status, body) => status === 200 && body.includes('id="pix-launch-config"'),
      apiCall: (_browser, _url, body) => {
        const token = (JSON.parse(/id="pix-launch-config">([^<]*)</.exec(body)![1]!) as { token: string }).token;
        return fetch(`${pixUrl}/api/lti/session`, { headers: { authorization: `Bearer ${token}` } });
      },
    };
    const ltijs: Target = {
      name: 'bare ltijs 5.9.9',
      cpu: [processProbe('tool', ltijsProcess.pid), dbCpu, selfProbe('harness')],
      activityCmid: ltijsActivity.cmid,
      launched: (status, body) => status === 200 && body.startsWith('ok '),
      apiCall: (browser, url) => {
        const ltik = new URL(url).searchParams.get('ltik') ?? '';
        // ltijs needs the ltik and its session cookie.
        return fetch(`${ltijsUrl}/api/session`, { headers: { authorization: `Bearer ${ltik}`, cookie: browser.cookies(`${ltijsUrl}/api/session`) } });
      },
    };

    const results: Result[] = [];
    for (const target of [pix, ltijs]) {
      const warm = await run(sim, target, students.slice(0, Math.min(10, students.length)), WARMUP);
      if (warm.errors > 0) process.stderr.write(`[bench] warm-up of ${target.name}: ${warm.errors} errors, first: ${warm.firstError}\n`);
      results.push(await run(sim, target, students, LAUNCHES));
    }
    const cpuMs = (r: Result, label: string) => r.cpu[label]?.toFixed(2) ?? 'n/a';
    for (const r of results) {
      process.stdout.write(
        `${r.name.padEnd(18)} ${r.launches} launches × ${CONCURRENCY} concurrent in ${(r.elapsedMs / 1000).toFixed(1)} s: ${r.rate.toFixed(1)} launches/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms, errors ${r.errors}${r.firstError ? ` (first: ${r.firstError})` : ''}; ` +
          `CPU ms per launch: tool ${cpuMs(r, 'tool')}, database ${cpuMs(r, 'db')}, load generator + LMS simulator ${cpuMs(r, 'harness')}\n`,
      );
    }
    const [ours, base] = results as [Result, Result];
    process.stdout.write(
      `launch: rate=${ours.rate.toFixed(1)} p50Ms=${ours.p50.toFixed(0)} p99Ms=${ours.p99.toFixed(0)} vsLtijs=${(ours.rate / base.rate).toFixed(2)}x errors=${ours.errors} ltijsRate=${base.rate.toFixed(1)} ` +
        `toolCpuMs=${cpuMs(ours, 'tool')} dbCpuMs=${cpuMs(ours, 'db')} harnessCpuMs=${cpuMs(ours, 'harness')} cores=${os.availableParallelism()}\n`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sim.stop();
    await database.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
