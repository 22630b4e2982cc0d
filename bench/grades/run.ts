// npm run bench:grades [-- --quick]
// Grade delivery against the Moodle-shaped simulator on loopback, the whole tool in this process
// (composition root, FerretDB or MONGODB_URI, the real worker and its defaults). Two runs:
//  1. throughput: SCORES final results of distinct learners enqueued at once; rate = scores delivered
//     per second, from the first enqueue to the last score the simulator stored;
//  2. outage: the simulator's score endpoint answers 503 to every other call for a minute while
//     learners keep finishing (OUTAGE_SCORES spread over the minute); every (learner, line item) must
//     reach the gradebook exactly once: counted at the simulator. outageRecoveredIn = from the end of
//     the outage to the last score stored.
// BENCH_SKIP_OUTAGE=1 runs the throughput part only (while working on it).
// Last line: grades: rate=… lost=… duplicated=… outageRecoveredIn=…s toolCpuMs=… dbCpuMs=… (CPU per score in the throughput run)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeToolModules, createLogger, gradeTargetOf, parseConfig, startTool, type AppModule, type EnqueueGradeInput, type GradingModule, type LtiModule } from '@pix-lti/lti-tool';
import { launchAs, startPlatformSimulator, type PlatformSimulator, type User } from '../../test/lti-platform/index.js';
import { browserFor, launchConfigOf } from '../../test/lti/support/scenario.js';
import { freePort } from '../../test/support/ports.js';
import { processesMatching, selfProbe, startCpuCount, type CpuProbe } from '../support/process-cpu.js';

const quick = process.argv.includes('--quick');
const SCORES = quick ? 600 : 2000;
const OUTAGE_MS = quick ? 15_000 : 60_000;
const OUTAGE_SCORES = quick ? 150 : 300;
const RECOVERY_TIMEOUT_MS = 15 * 60_000;
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-bench-grades-'));
  const port = await freePort();
  const parsed = parseConfig({
    ENCRYPTION_KEY: 'bench-only-encryption-key-0123456789abcdef',
    PORT: String(port),
    DATA_DIR: root,
    LOG_LEVEL: 'error',
    MONGODB_URI: process.env.MONGODB_URI,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const log = createLogger({ level: 'error', name: 'bench' });
  const sim = await startPlatformSimulator();
  let modules: AppModule[] = [];
  const tool = await startTool(parsed.config, log, async (ctx) => (modules = await composeToolModules(ctx)));
  const lti = modules.find((m) => m.name === 'lti') as LtiModule;
  const grading = modules.find((m) => m.name === 'grading') as GradingModule;
  say(`database: ${tool.database.source}; simulator ${sim.url}; tool ${tool.url}`);
  try {
    const setup = await connect(sim, lti, parsed.config.publicUrl);
    // This process is the tool and the simulated LMS; the database server is started for the run under `root`.
    const cpu = [selfProbe('tool+lms'), processesMatching('db', root, ['ferretdb', 'mongod'])];
    const throughput = await throughputRun(sim, lti, grading, setup, cpu);
    const outage = process.env.BENCH_SKIP_OUTAGE ? { lost: 0, duplicated: 0, recoveredInS: NaN } : await outageRun(sim, lti, grading, setup);
    const lost = throughput.lost + outage.lost;
    const duplicated = throughput.duplicated + outage.duplicated;
    const cpuMs = (label: string) => throughput.cpu[label]?.toFixed(2) ?? 'n/a';
    process.stdout.write(
      `grades: rate=${throughput.rate.toFixed(0)} lost=${lost} duplicated=${duplicated} outageRecoveredIn=${outage.recoveredInS.toFixed(1)}s toolCpuMs=${cpuMs('tool+lms')} dbCpuMs=${cpuMs('db')}\n`,
    );
  } finally {
    await tool.close();
    await sim.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

interface Setup {
  toolId: string;
  courseId: string;
  registrationId: string;
}

async function connect(sim: PlatformSimulator, lti: LtiModule, toolUrl: string): Promise<Setup> {
  const toolType = sim.registerTool({
    name: 'Pix',
    initiateLoginUri: `${toolUrl}/lti/login`,
    toolUrl: `${toolUrl}/lti/launch`,
    redirectUris: [`${toolUrl}/lti/launch`],
    jwksUri: `${toolUrl}/lti/keys`,
    acceptGrades: 'delegate',
    gradeSync: 2,
    memberships: true,
  });
  const registration = await lti.registrations.register({
    issuer: sim.issuer,
    clientId: toolType.clientId,
    name: 'Éléa (bench)',
    authLoginUrl: sim.endpoints.authorization,
    tokenUrl: sim.endpoints.token,
    jwksUrl: sim.endpoints.jwks,
    deploymentIds: [toolType.id],
    status: 'active',
    origin: 'manual',
  });
  const course = sim.addCourse({ shortname: 'BENCH', fullname: 'Bench' });
  return { toolId: toolType.id, courseId: course.id, registrationId: registration.id };
}

/** A graded activity, its students, and a grade target from one real launch (the others differ by user). */
async function classWithActivity(sim: PlatformSimulator, lti: LtiModule, setup: Setup, name: string, size: number) {
  const students: User[] = [];
  for (let i = 0; i < size; i++) {
    const user = sim.addUser({ firstname: `E${i}`, lastname: name });
    sim.enrol(user.id, setup.courseId, 'student');
    students.push(user);
  }
  const activity = sim.addActivity({ courseId: setup.courseId, toolId: setup.toolId, name, acceptGrades: true });
  const columnId = sim.lineItems(setup.courseId).find((i) => i.activityId === activity.id)!.id;
  const flow = await launchAs(browserFor('allowed').browser, sim, { userId: students[0]!.id, activityId: activity.id });
  const session = await lti.sessions.resolve(launchConfigOf(flow.page).token as string);
  const target = gradeTargetOf(session!, { label: name, scoreMaximum: 100 });
  if (!target || !('url' in target.lineItem)) throw new Error('the launch carried no lineitem claim');
  const scoreOf = (user: User, i: number): EnqueueGradeInput => ({
    ...target,
    userSub: user.id,
    learnerId: `l_bench_${name}_${i}`,
    scoreGiven: (i * 7) % 101,
    scoreMaximum: 100,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    source: { type: 'bench', id: `${name}-${i}` },
  });
  return { students, columnId, scoreOf };
}

/** Per learner, how many scores the simulator stored on the column; and when it stored the last one. */
function countAtSimulator(sim: PlatformSimulator, columnId: string, students: User[]) {
  const perUser = new Map<string, number>();
  let last = 0;
  for (const record of sim.scores({ itemId: columnId })) {
    perUser.set(record.userId, (perUser.get(record.userId) ?? 0) + 1);
    last = Math.max(last, record.receivedAt.getTime());
  }
  const lost = students.filter((s) => !perUser.has(s.id)).length;
  const duplicated = students.filter((s) => (perUser.get(s.id) ?? 0) > 1).length;
  return { lost, duplicated, delivered: students.length - lost, last };
}

async function waitForAll(sim: PlatformSimulator, columnId: string, students: User[], timeoutMs: number) {
  const started = Date.now();
  let count = countAtSimulator(sim, columnId, students);
  let reported = started;
  while (count.lost > 0 && Date.now() - started < timeoutMs) {
    await sleep(100);
    count = countAtSimulator(sim, columnId, students);
    if (Date.now() - reported >= 10_000) {
      reported = Date.now();
      say(`  … ${count.delivered}/${students.length} delivered`);
    }
  }
  return count;
}

async function throughputRun(sim: PlatformSimulator, lti: LtiModule, grading: GradingModule, setup: Setup, probes: CpuProbe[]) {
  const { students, columnId, scoreOf } = await classWithActivity(sim, lti, setup, 'throughput', SCORES);
  say(`throughput: enqueuing ${SCORES} final scores of distinct learners`);
  const cpuCount = startCpuCount(probes);
  const started = Date.now();
  for (let i = 0; i < students.length; i += 100) {
    await Promise.all(students.slice(i, i + 100).map((s, j) => grading.enqueue(scoreOf(s, i + j))));
    say(`  … ${i + 100} enqueued after ${((Date.now() - started) / 1000).toFixed(1)} s, ${countAtSimulator(sim, columnId, students).delivered} delivered`);
  }
  const enqueuedS = (Date.now() - started) / 1000;
  const count = await waitForAll(sim, columnId, students, 10 * 60_000);
  const elapsedS = (count.last - started) / 1000;
  const cpu = cpuCount.perUnit(students.length);
  await sleep(1000);
  const final = countAtSimulator(sim, columnId, students);
  const rate = final.delivered / elapsedS;
  say(
    `throughput: enqueued in ${enqueuedS.toFixed(1)} s, delivered ${final.delivered} in ${elapsedS.toFixed(1)} s → ${rate.toFixed(0)} scores/s; lost=${final.lost} duplicated=${final.duplicated}; ` +
      `CPU ms per score: tool and simulated LMS ${cpu['tool+lms']?.toFixed(2) ?? 'n/a'}, database ${cpu.db?.toFixed(2) ?? 'n/a'}`,
  );
  return { rate, lost: final.lost, duplicated: final.duplicated, cpu };
}

async function outageRun(sim: PlatformSimulator, lti: LtiModule, grading: GradingModule, setup: Setup) {
  const { students, columnId, scoreOf } = await classWithActivity(sim, lti, setup, 'outage', OUTAGE_SCORES);
  const refusedBefore = sim.events('service-refused').length;
  const fault = sim.addFault({ target: 'scores', effect: { status: 503 }, ratio: 0.5, durationMs: OUTAGE_MS });
  const started = Date.now();
  say(`outage: scores answer 503 to every other call for ${OUTAGE_MS / 1000} s; ${OUTAGE_SCORES} learners finish meanwhile`);
  const spacing = OUTAGE_MS / OUTAGE_SCORES;
  for (let i = 0; i < students.length; i++) {
    await sleep(Math.max(0, started + i * spacing - Date.now()));
    await grading.enqueue(scoreOf(students[i]!, i));
  }
  await sleep(Math.max(0, started + OUTAGE_MS - Date.now()));
  const endedAt = Date.now();
  const during = countAtSimulator(sim, columnId, students);
  const { matched, affected } = fault.stats();
  say(`outage: over; ${during.delivered}/${OUTAGE_SCORES} delivered during it; ${affected} of ${matched} score calls answered 503`);
  const count = await waitForAll(sim, columnId, students, RECOVERY_TIMEOUT_MS);
  const recoveredInS = Math.max(0, (count.last - endedAt) / 1000);
  await sleep(2000);
  const final = countAtSimulator(sim, columnId, students);
  const conflicts = sim.events('service-refused').filter((e) => e.detail.status === 409).length - 0;
  say(
    `outage: all ${final.delivered} delivered ${recoveredInS.toFixed(1)} s after it ended; lost=${final.lost} duplicated=${final.duplicated}; ` +
      `refusals during the run=${sim.events('service-refused').length - refusedBefore} (409s: ${conflicts})`,
  );
  return { lost: final.lost, duplicated: final.duplicated, recoveredInS };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:grades failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
