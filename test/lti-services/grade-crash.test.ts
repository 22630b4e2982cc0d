import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gradeTargetOf } from '@pix-lti/lti-tool';
import { startPlatformSimulator, type PlatformSimulator } from '../lti-platform/index.js';
import { connect } from '../lti/support/pix-tool.js';
import { freePort } from '../support/ports.js';
import { runEntry, type Started } from '../support/processes.js';
import { launch, settled, startServicesTool, type ServicesTool } from './support/services-tool.js';

const LEASE_MS = 2000;

describe('a tool instance killed while sending a grade', () => {
  let sim: PlatformSimulator;
  let survivor: ServicesTool;
  let doomed: Started | undefined;

  beforeAll(async () => {
    sim = await startPlatformSimulator();
    // The survivor serves the JWKS and the API; its worker starts only after the crash.
    survivor = await startServicesTool({ grading: { worker: false, leaseMs: LEASE_MS, pollMs: 100, scanIntervalMs: 200 } });
  });
  afterAll(async () => {
    if (doomed && doomed.child.exitCode === null) doomed.child.kill('SIGKILL');
    await survivor?.stop();
    await sim?.stop();
  });

  it('is delivered once by another instance after the lease runs out', async () => {
    const { toolType } = await connect(sim, survivor);
    const course = sim.addCourse({ shortname: '3B', fullname: '3e B' });
    const student = sim.addUser({ firstname: 'Léa', lastname: 'Bernard' });
    sim.enrol(student.id, course.id, 'student');
    const activity = sim.addActivity({ courseId: course.id, toolId: toolType.id, name: 'Pix', acceptGrades: true });
    const columnId = sim.lineItems(course.id).find((i) => i.activityId === activity.id)!.id;
    const { session } = await launch(sim, survivor, student.id, activity.id);

    // The doomed instance's score reaches Moodle, which never answers.
    const hang = sim.addFault({ target: 'scores', effect: { hangMs: 60_000 }, times: 1 });
    const port = await freePort();
    doomed = runEntry('test/lti-services/support/tool-instance.ts', {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef',
      MONGODB_URI: inject('mongoUri'),
      DATABASE_NAME: survivor.databaseName,
      GRADE_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'warn',
    });
    await doomed.waitFor(/^ready /, 60_000);

    const queued = await survivor.grading.enqueue({
      ...gradeTargetOf(session, { label: 'Pix', scoreMaximum: 20 })!,
      scoreGiven: 16,
      scoreMaximum: 20,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: 'crash-1' },
    });
    for (let i = 0; i < 200 && hang.stats().matched === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(hang.stats().matched).toBe(1);
    expect((await survivor.grading.status(queued.id))?.status).toBe('delivering');

    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');

    survivor.grading.worker.start();
    const done = await settled(survivor.grading, queued.id, 20_000);
    expect(done.status).toBe('delivered');
    expect(sim.scores({ itemId: columnId, userId: student.id })).toHaveLength(1);
    expect(sim.grade(columnId, student.id)?.finalgrade).toBe(80);
    await survivor.grading.worker.stop();
  });
});
