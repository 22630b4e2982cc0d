import type { RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicesHarness, type ServicesHarness } from '../../lti-services/testing/services-harness.js';
import type { EnqueueGradeInput } from '../application/enqueue-grade.js';
import { createGradingModule, type GradingModule } from '../grading.module.js';
import { GradeJobsRepository } from './grade-jobs.repository.js';
import type { GradeJob } from '../domain/grade.js';
import { writeLockFor, type WriteLock } from './write-lock.js';

const noGuard: RequestHandler = (_req, _res, next) => next();

/**
 * Finished grades leave the queue for `grade_history` where updates are not atomic
 * (FerretDB: the queue must stay small). Whatever the server, a grade is found in one of
 * the two collections, with its newest status, and never sent twice.
 */
describe('grade history (finished grades out of the queue)', () => {
  let h: ServicesHarness;
  let grading: GradingModule;
  let jobs: GradeJobsRepository;
  let lock: WriteLock;
  let now: number;
  let seq = 0;
  const clock = () => new Date(now);
  const raw = (name: string) => h.db.connection.db!.collection<{ _id: string; status?: string; revision?: number }>(name);
  const inQueue = async (id: string) => (await raw('grade_jobs').findOne({ _id: id })) ?? undefined;
  const inHistory = async (id: string) => (await raw('grade_history').findOne({ _id: id })) ?? undefined;

  beforeAll(async () => {
    h = await createServicesHarness('grade-history');
    now = Date.now();
    grading = createGradingModule(h.ctx, { services: h.services, requireInstructor: noGuard }, { clock, retry: { baseMs: 1000, maxMs: 4000 }, leaseMs: 30_000, worker: false });
    lock = writeLockFor(h.db);
    jobs = new GradeJobsRepository(h.db, lock);
  });
  afterAll(async () => {
    await h.close();
  });

  const grade = (overrides: Partial<EnqueueGradeInput> = {}): EnqueueGradeInput => {
    seq += 1;
    return {
      registrationId: 'reg-1',
      tenantId: 't-1',
      contextId: 'course-history',
      resourceLinkId: `link-h${seq}`,
      lineItem: { url: h.lms.addLineItem('2', { label: `Pix h${seq}`, scoreMaximum: 100, resourceLinkId: `link-h${seq}` }) },
      userSub: `student-h${seq}`,
      learnerId: `l_h${seq}`,
      scoreGiven: 42,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: `p-h${seq}` },
      ...overrides,
    };
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await grading.worker.drain();
      if ((await jobs.list({ status: 'pending' }, { limit: 1 })).length === 0) return;
      now += 5_000;
    }
  };
  const scoresFor = (input: EnqueueGradeInput) => h.lms.scores.filter((s) => s.lineItemUrl === (input.lineItem as { url: string }).url);

  it('moves a delivered grade to the history where updates are not atomic, and still reads, counts, lists and exports it', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    await settle();
    expect(scoresFor(input)).toHaveLength(1);
    if (jobs.archives) {
      expect(await inQueue(queued.id)).toBeUndefined();
      expect(await inHistory(queued.id)).toMatchObject({ status: 'delivered', revision: 1 });
    } else {
      expect(await inQueue(queued.id)).toMatchObject({ status: 'delivered' });
    }
    expect(jobs.archives).toBe(lock.serialised);
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await jobs.registrationOf(queued.id)).toBe('reg-1');
    expect((await jobs.list({ resourceLinkId: input.resourceLinkId }, { limit: 10 })).map((j) => [j.id, j.status])).toEqual([[queued.id, 'delivered']]);
    expect(await jobs.countByStatus({ resourceLinkId: input.resourceLinkId }, ['pending', 'delivering', 'delivered'])).toEqual({ pending: 0, delivering: 0, delivered: 1 });
    expect((await jobs.forLearner(input.learnerId)).map((j) => j.status)).toEqual(['delivered']);

    // The same result again is a no-op: found in the history, never sent twice.
    expect(await grading.enqueue(input)).toEqual({ id: queued.id, status: 'delivered', outcome: 'unchanged' });
    await settle();
    expect(scoresFor(input)).toHaveLength(1);
  });

  it('brings a finished grade back to the queue for a newer result or a resend, and keeps only its newest status', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    await settle();
    const newer = await grading.enqueue({ ...input, scoreGiven: 77 });
    expect(newer).toEqual({ id: queued.id, status: 'pending', outcome: 'superseded' });
    expect(await inQueue(queued.id)).toMatchObject({ status: 'pending', revision: 2 });
    expect(await inHistory(queued.id)).toBeUndefined();
    expect(await jobs.countByStatus({ resourceLinkId: input.resourceLinkId }, ['pending', 'delivered'])).toEqual({ pending: 1, delivered: 0 });
    await settle();
    expect(scoresFor(input).map((s) => s.scoreGiven)).toEqual([42, 77]);
    expect(await jobs.findById(queued.id)).toMatchObject({ status: 'delivered', revision: 2 });

    const resent = await jobs.resend(queued.id, clock());
    expect(resent).toMatchObject({ status: 'pending', revision: 3, attempts: 0 });
    await settle();
    expect(scoresFor(input).map((s) => s.scoreGiven)).toEqual([42, 77, 77]);
    expect(await jobs.findById(queued.id)).toMatchObject({ status: 'delivered', revision: 3 });
    expect((await jobs.list({ resourceLinkId: input.resourceLinkId }, { limit: 10 })).map((j) => j.revision)).toEqual([3]);
  });

  it('finishes a move a crash interrupted (copied to the history, still in the queue) instead of sending the grade again', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    const [candidate] = (await jobs.due(clock(), 100)).filter((j) => j.id === queued.id);
    const claimed = await jobs.claim(candidate!, clock(), 30_000, 'crashing-worker');
    expect(claimed).toBeDefined();
    // What the worker wrote before it died: the LMS took the score, the history has it, the queue still says delivering.
    const { _id: _ignored, ...queuedDoc } = (await inQueue(queued.id))!;
    await raw('grade_history').insertOne({ _id: queued.id, ...queuedDoc, status: 'delivered', updatedAt: clock() } as never);
    now += 31_000;
    await settle();
    expect(scoresFor(input)).toHaveLength(0);
    expect(await inQueue(queued.id)).toBeUndefined();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered' });
    await raw('grade_history').deleteOne({ _id: queued.id });
  });

  it('claims and ends a delivery from the grade as this process holds it, and refuses both once the grade changed', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    const [read] = (await jobs.due(clock(), 100)).filter((j) => j.id === queued.id);
    // A newer result arrives after the worker read the queue: the whole, now stale, candidate cannot be claimed.
    await grading.enqueue({ ...input, scoreGiven: 50 });
    expect(await jobs.claim(read!, clock(), 30_000, 'stale')).toBeUndefined();
    const [fresh] = (await jobs.due(clock(), 100)).filter((j) => j.id === queued.id);
    const claimed = await jobs.claim(fresh!, clock(), 30_000, 'lease-a');
    expect(claimed).toMatchObject({ status: 'delivering', revision: 2, leaseId: 'lease-a', score: { scoreGiven: 50 } });
    expect(await inQueue(queued.id)).toMatchObject({ status: 'delivering', leaseId: 'lease-a' });
    // Another newer result while it is being delivered: the end of the claimed revision is refused and leaves no history copy.
    await grading.enqueue({ ...input, scoreGiven: 60 });
    expect(await jobs.markDelivered(queued.id, 'lease-a', 2, { lineItemUrl: 'http://lms.test/li', attempts: 1, timestamp: clock(), now: clock() })).toBe(false);
    expect(await inQueue(queued.id)).toMatchObject({ status: 'delivering', revision: 3 });
    expect(await inHistory(queued.id)).toBeUndefined();
    expect(await jobs.release(queued.id, 'lease-a', { dueAt: clock(), now: clock() })).toBe(true);
    await settle();
    expect(scoresFor(input).map((s) => s.scoreGiven)).toEqual([60]);
    expect(await jobs.findById(queued.id)).toMatchObject({ status: 'delivered', revision: 3 });
  });

  it('sends a grade once when the same result is enqueued again and again while it is being delivered and archived', async () => {
    const input = grade();
    h.lms.scoreDelayMs = 50;
    try {
      await grading.enqueue(input);
      const delivering = settle();
      const again = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 15));
        return grading.enqueue(input);
      }));
      await delivering;
      await settle();
      expect(again.map((r) => r.outcome)).toEqual(Array(8).fill('unchanged'));
      expect(scoresFor(input)).toHaveLength(1);
    } finally {
      h.lms.scoreDelayMs = 0;
    }
  });

  it('where updates are atomic (MongoDB), keeps finished grades in the queue and still reads a history written before', async () => {
    // Sequential calls, so FerretDB's non-atomic updates do not matter here: this is the MongoDB code path.
    const atomic: WriteLock = { serialised: false, run: (_collection, _key, write) => write() };
    const repo = new GradeJobsRepository(h.db, atomic);
    expect(repo.archives).toBe(false);
    const at = clock();
    const job = (id: string): GradeJob => ({
      id,
      tenantId: 't-1',
      registrationId: 'reg-1',
      contextId: 'course-history',
      resourceLinkId: 'link-atomic',
      lineItem: { url: 'http://lms.test/li/1' },
      userSub: 'student-atomic',
      learnerId: 'l_atomic',
      score: { scoreGiven: 1, scoreMaximum: 2, activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
      source: { type: 'test', id },
      status: 'pending',
      revision: 1,
      attempts: 0,
      dueAt: at,
      enqueuedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    expect(await repo.insert(job('g_atomic_1'))).toBe(true);
    const claimed = await repo.claim({ id: 'g_atomic_1', status: 'pending', dueAt: at }, at, 30_000, 'lease-1');
    expect(claimed).toBeDefined();
    expect(await repo.markDelivered('g_atomic_1', 'lease-1', 1, { lineItemUrl: 'http://lms.test/li/1', attempts: 1, timestamp: at, now: at })).toBe(true);
    expect(await inQueue('g_atomic_1')).toMatchObject({ status: 'delivered' });
    expect(await inHistory('g_atomic_1')).toBeUndefined();
    expect(await repo.insert(job('g_atomic_1'))).toBe(false);

    // A grade finished in the history (a database that ran on FerretDB before): found, not queued twice, re-queued once.
    const { id: _id, ...finished } = { ...job('g_atomic_2'), status: 'delivered' as const };
    await raw('grade_history').insertOne({ _id: 'g_atomic_2', ...finished } as never);
    expect(await repo.findById('g_atomic_2')).toMatchObject({ status: 'delivered' });
    expect(await repo.insert(job('g_atomic_2'))).toBe(false);
    const newer = await repo.supersede('g_atomic_2', 1, { ...finished.score, scoreGiven: 2 }, at);
    expect(newer).toMatchObject({ status: 'pending', revision: 2, score: { scoreGiven: 2 } });
    expect(await repo.supersede('g_atomic_2', 1, { ...finished.score, scoreGiven: 2 }, at)).toBeUndefined();
    expect(await inHistory('g_atomic_2')).toBeUndefined();
    expect((await repo.list({ resourceLinkId: 'link-atomic' }, { limit: 10 })).map((j) => [j.id, j.status]).sort()).toEqual([
      ['g_atomic_1', 'delivered'],
      ['g_atomic_2', 'pending'],
    ]);
  });
});
