import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import type { GradeJob } from '../domain/grade.js';
import type { ClaimedJob } from './deliver-grade.js';
import { GradeWorker } from './grade-worker.js';

function fakeQueue(clock: () => Date) {
  const jobs = new Map<string, Pick<GradeJob, 'id' | 'status' | 'dueAt'>>();
  const calls = { due: 0, claim: 0, delivered: [] as string[] };
  return {
    jobs,
    calls,
    repo: {
      async due() {
        calls.due += 1;
        return [...jobs.values()].filter((j) => j.status === 'pending' && j.dueAt <= clock()) as GradeJob[];
      },
      async findById(id: string) {
        return jobs.get(id) as GradeJob | undefined;
      },
      async claim(candidate: Pick<GradeJob, 'id' | 'status' | 'dueAt'>) {
        calls.claim += 1;
        const job = jobs.get(candidate.id);
        if (!job || job.status !== candidate.status || job.dueAt.getTime() !== candidate.dueAt.getTime()) return undefined;
        job.status = 'delivering';
        return { ...job, leaseId: 'l' } as ClaimedJob;
      },
    },
  };
}

const until = async (check: () => boolean, ms = 2000) => {
  const started = Date.now();
  while (!check() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 5));
  return check();
};

describe('GradeWorker', () => {
  it('claims grades it is told about without reading the queue, when they are due', async () => {
    const clock = () => new Date();
    const q = fakeQueue(clock);
    const worker = new GradeWorker(
      { jobs: q.repo, deliver: async (job) => (q.calls.delivered.push(job.id), 'delivered'), log: silentLogger(), clock },
      { concurrency: 2, pollMs: 20, leaseMs: 60_000, scanIntervalMs: 60_000 },
    );
    worker.start();
    await until(() => q.calls.due === 1);
    const dueAt = new Date(Date.now() + 50);
    q.jobs.set('g_1', { id: 'g_1', status: 'pending', dueAt });
    worker.hint('g_1', dueAt, { status: 'pending', dueAt });
    expect(await until(() => q.calls.delivered.includes('g_1'))).toBe(true);
    expect(q.calls.due).toBe(1);
    await worker.stop();
  });

  it('keeps a hint whose timer fires before the grade is due by its clock', async () => {
    // The worker's clock lags 30 ms behind the timers: the first look finds the grade not yet due.
    const clock = () => new Date(Date.now() - 30);
    const q = fakeQueue(clock);
    const worker = new GradeWorker(
      { jobs: q.repo, deliver: async (job) => (q.calls.delivered.push(job.id), 'delivered'), log: silentLogger(), clock },
      { concurrency: 1, pollMs: 20, leaseMs: 60_000, scanIntervalMs: 60_000 },
    );
    worker.start();
    const dueAt = new Date(clock().getTime() + 40);
    q.jobs.set('g_2', { id: 'g_2', status: 'pending', dueAt });
    worker.hint('g_2', new Date(dueAt.getTime() - 35), { status: 'pending', dueAt });
    expect(await until(() => q.calls.delivered.includes('g_2'))).toBe(true);
    await worker.stop();
  });

  it('reads the queue for grades it was not told about, at most every scanIntervalMs', async () => {
    const clock = () => new Date();
    const q = fakeQueue(clock);
    q.jobs.set('g_3', { id: 'g_3', status: 'pending', dueAt: new Date(0) });
    const worker = new GradeWorker(
      { jobs: q.repo, deliver: async (job) => (q.calls.delivered.push(job.id), 'delivered'), log: silentLogger(), clock },
      { concurrency: 2, pollMs: 10, leaseMs: 60_000, scanIntervalMs: 60_000 },
    );
    worker.start();
    expect(await until(() => q.calls.delivered.includes('g_3'))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(q.calls.due).toBeLessThanOrEqual(2);
    await worker.stop();
  });
});
