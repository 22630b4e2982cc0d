import type { RequestHandler } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServicesHarness, type ServicesHarness } from '../lti-services/testing/services-harness.js';
import { AppError } from '../platform/errors.js';
import type { EnqueueGradeInput } from './application/enqueue-grade.js';
import { createGradingModule, type GradingModule } from './grading.module.js';
import { GradeJobsRepository } from './infrastructure/grade-jobs.repository.js';
import { writeLockFor } from './infrastructure/write-lock.js';

const noGuard: RequestHandler = (_req, _res, next) => next();

describe('grade delivery (real database, fake LMS over HTTP)', () => {
  let h: ServicesHarness;
  let grading: GradingModule;
  let jobs: GradeJobsRepository;
  let now: number;
  let seq = 0;

  const clock = () => new Date(now);

  beforeAll(async () => {
    h = await createServicesHarness('grading');
    now = Date.now();
    grading = createGradingModule(h.ctx, { services: h.services, requireInstructor: noGuard }, { clock, retry: { baseMs: 1000, maxMs: 4000 }, leaseMs: 30_000, worker: false });
    jobs = new GradeJobsRepository(h.db, writeLockFor(h.db));
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.lms.notGradable.clear();
  });

  /** A fresh line item and source per test, so tests do not see each other's grades. */
  const grade = (overrides: Partial<EnqueueGradeInput> = {}): EnqueueGradeInput => {
    seq += 1;
    return {
      registrationId: 'reg-1',
      tenantId: 't-1',
      contextId: 'course-2',
      resourceLinkId: `link-${seq}`,
      lineItem: overrides.lineItem ?? { url: h.lms.addLineItem('2', { label: `Pix ${seq}`, scoreMaximum: 100, resourceLinkId: `link-${seq}` }) },
      userSub: 'student-7',
      learnerId: 'l_7',
      scoreGiven: 42,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: `p-${seq}` },
      ...overrides,
    };
  };

  /** Runs the worker until nothing is due, moving the clock past retry delays. */
  const settle = async (rounds = 20) => {
    for (let i = 0; i < rounds; i++) {
      await grading.worker.drain();
      const waiting = (await jobs.list({ status: 'pending' }, { limit: 1 })).length;
      if (!waiting) return;
      now += 5_000;
    }
  };

  const scoresFor = (lineItemUrl: string) => h.lms.scores.filter((s) => s.lineItemUrl === lineItemUrl);

  it('delivers a grade once, FullyGraded, and records when', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    expect(queued).toMatchObject({ status: 'pending', outcome: 'created' });
    await settle();
    const url = (input.lineItem as { url: string }).url;
    expect(scoresFor(url)).toEqual([expect.objectContaining({ userId: 'student-7', scoreGiven: 42, gradingProgress: 'FullyGraded' })]);
    const status = await grading.status(queued.id);
    expect(status).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: expect.any(String) });

    // The same final result again: nothing new is sent.
    expect(await grading.enqueue(input)).toEqual({ id: queued.id, status: 'delivered', outcome: 'unchanged' });
    await settle();
    expect(scoresFor(url)).toHaveLength(1);
  });

  it('persists before sending: a grade survives an LMS that is not reachable at all', async () => {
    h.registrations.add('reg-down', { issuer: 'http://127.0.0.1:9', clientId: 'c', tokenUrl: 'http://127.0.0.1:9/token', url: 'http://127.0.0.1:9' });
    const queued = await grading.enqueue(grade({ registrationId: 'reg-down', lineItem: { url: 'http://127.0.0.1:9/li/1' } }));
    await grading.worker.drain();
    const status = await grading.status(queued.id);
    expect(status).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'LMS_UNREACHABLE' } });
    // The registration is deleted: the grade fails for good (and leaves the queue to the other tests).
    h.registrations.byId.delete('reg-down');
    await settle();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'failed', failure: { code: 'REGISTRATION_UNKNOWN' } });
  });

  it('lets a newer result replace a waiting one, and sends a later one after delivery with a later timestamp', async () => {
    const first = grade();
    await grading.enqueue(first);
    const replaced = await grading.enqueue({ ...first, scoreGiven: 60 });
    expect(replaced.outcome).toBe('superseded');
    await settle();
    const url = (first.lineItem as { url: string }).url;
    expect(scoresFor(url).map((s) => s.scoreGiven)).toEqual([60]);

    await grading.enqueue({ ...first, scoreGiven: 80 });
    await settle();
    const sent = scoresFor(url);
    expect(sent.map((s) => s.scoreGiven)).toEqual([60, 80]);
    expect(Math.floor(Date.parse(sent[1]!.timestamp) / 1000)).toBeGreaterThan(Math.floor(Date.parse(sent[0]!.timestamp) / 1000));
  });

  it('never gets a 409 for rapid scores of one learner on one line item within the same second', async () => {
    const base = grade();
    const refusalsBefore = h.lms.refusals.length;
    for (let i = 0; i < 6; i++) await grading.enqueue({ ...base, scoreGiven: 10 + i, source: { type: 'campaign-participation', id: `${base.source.id}-${i}` } });
    await settle();
    const sent = scoresFor((base.lineItem as { url: string }).url);
    expect(sent.map((s) => s.scoreGiven)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(h.lms.refusals.slice(refusalsBefore)).toEqual([]);
    const seconds = sent.map((s) => Math.floor(Date.parse(s.timestamp) / 1000));
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeGreaterThan(seconds[i - 1]!);
    for (const s of sent) expect(s.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps the timestamp order across a restart (the last second sent is persisted)', async () => {
    const base = grade();
    await grading.enqueue(base);
    await settle();
    // A second tool instance (fresh memory) sends a newer result in the same second.
    const other = createGradingModule(h.ctx, { services: h.services, requireInstructor: noGuard }, { clock, worker: false });
    await other.enqueue({ ...base, scoreGiven: 99, source: { type: 'campaign-participation', id: `${base.source.id}-retake` } });
    await other.worker.drain();
    const sent = scoresFor((base.lineItem as { url: string }).url);
    expect(sent.map((s) => s.scoreGiven)).toEqual([42, 99]);
    expect(h.lms.refusals.filter((r) => r.status === 409)).toEqual([]);
  });

  it('keeps a 400 "user not gradable" as a failure with the LMS’s reason, and does not retry it', async () => {
    h.lms.notGradable.add('teacher-3');
    const queued = await grading.enqueue(grade({ userSub: 'teacher-3' }));
    await settle();
    const status = await grading.status(queued.id);
    expect(status).toMatchObject({ status: 'failed', attempts: 1, failure: { code: 'LMS_USER_NOT_GRADABLE', reason: 'Incorrect score received', httpStatus: 400 } });
    const refusals = h.lms.refusals.length;
    now += 3600_000;
    await settle();
    expect(h.lms.refusals.length).toBe(refusals);
  });

  it('renews the access token on a 401 and delivers', async () => {
    await grading.enqueue(grade());
    await settle();
    const issued = h.lms.tokensIssued;
    h.lms.revokeTokens();
    const queued = await grading.enqueue(grade());
    await settle();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(h.lms.tokensIssued).toBe(issued + 1);
  });

  it('reuses one access token for many grades', async () => {
    const issued = h.lms.tokensIssued;
    for (let i = 0; i < 5; i++) await grading.enqueue(grade());
    await settle();
    expect(h.lms.tokensIssued).toBe(issued);
    const request = h.lms.tokenRequests.at(-1)!;
    expect(request.scope.split(' ')).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    expect(request.assertion).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: h.lms.tokenUrl, jti: expect.any(String), exp: expect.any(Number) });
  });

  it('retries 503s with backoff and delivers', async () => {
    h.lms.failScores(503, 2);
    const queued = await grading.enqueue(grade());
    await grading.worker.drain();
    const waiting = await grading.status(queued.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'LMS_UNAVAILABLE', httpStatus: 503 } });
    const due = Date.parse(waiting!.nextAttemptAt!) - now;
    expect(due).toBeGreaterThanOrEqual(500);
    expect(due).toBeLessThanOrEqual(1000);
    await settle();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('picks up a grade whose worker died mid-delivery once its lease ends, and delivers it once', async () => {
    const input = grade();
    const queued = await grading.enqueue(input);
    const [candidate] = await jobs.due(clock(), 1);
    const claimed = await jobs.claim(candidate!, clock(), 30_000, 'crashed-worker');
    expect(await jobs.claim(candidate!, clock(), 30_000, 'second-worker')).toBeUndefined();
    expect(claimed?.id).toBe(queued.id);
    await grading.worker.drain();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivering' });
    now += 31_000;
    await settle();
    expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered' });
    expect(scoresFor((input.lineItem as { url: string }).url)).toHaveLength(1);
    // The dead worker's late completion is ignored: its lease is gone.
    expect(await jobs.markFailed(queued.id, 'crashed-worker', 1, { failure: { code: 'X', reason: 'x', at: clock() }, attempts: 1, now: clock() })).toBe(false);
  });

  it('finds the resource link’s line item across pages (Moodle’s rel=“next”), or creates it once', async () => {
    const lineItemsUrl = h.lms.lineItemsUrl('5');
    for (let i = 0; i < 5; i++) h.lms.addLineItem('5', { label: `Other ${i}`, scoreMaximum: 10, resourceLinkId: `other-${i}` });
    const existing = h.lms.addLineItem('5', { label: 'Pix', scoreMaximum: 100, resourceLinkId: 'rl-found', resourceId: 'campaign-1' });
    const target = { lineItemsUrl, label: 'Pix', scoreMaximum: 100, resourceId: 'campaign-1' };
    h.lms.ignoreLineItemFilters = true;
    try {
      await grading.enqueue(grade({ resourceLinkId: 'rl-found', lineItem: target }));
      await settle();
    } finally {
      h.lms.ignoreLineItemFilters = false;
    }
    expect(scoresFor(existing)).toHaveLength(1);

    const itemsBefore = h.lms.lineItems.size;
    for (let i = 0; i < 4; i++) await grading.enqueue(grade({ resourceLinkId: 'rl-new', lineItem: target, userSub: `student-${i}` }));
    const parallel = createGradingModule(h.ctx, { services: h.services, requireInstructor: noGuard }, { clock, worker: false });
    await Promise.all([grading.worker.drain(), parallel.worker.drain(), grading.worker.drain()]);
    await settle();
    expect(h.lms.lineItems.size).toBe(itemsBefore + 1);
    const created = [...h.lms.lineItems.entries()].find(([, item]) => item.resourceLinkId === 'rl-new')!;
    expect(created[1]).toMatchObject({ label: 'Pix', scoreMaximum: 100, resourceId: 'campaign-1' });
    expect(scoresFor(created[0])).toHaveLength(4);
  });

  it('refuses, with nothing stored, a score that is not final', async () => {
    const input = grade({ gradingProgress: 'Pending' });
    await expect(grading.enqueue(input)).rejects.toMatchObject({ code: 'GRADE_NOT_FINAL', status: 400 });
    await expect(grading.enqueue(grade({ activityProgress: 'InProgress' }))).rejects.toMatchObject({ code: 'GRADE_NOT_FINAL' });
    expect(await jobs.list({ resourceLinkId: input.resourceLinkId }, { limit: 10 })).toEqual([]);
  });

  it('refuses a line item that is not on the registration’s platform (another tenant’s LMS)', async () => {
    const input = grade({ lineItem: { url: 'https://other-lms.test/mod/lti/services.php/2/lineitems/1/lineitem?type_id=3' } });
    const error = await grading.enqueue(input).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'GRADE_LINE_ITEM_FOREIGN', status: 400 });
    await expect(grading.enqueue(grade({ lineItem: { lineItemsUrl: 'https://other-lms.test/li', label: 'x', scoreMaximum: 1 } }))).rejects.toMatchObject({
      code: 'GRADE_LINE_ITEM_FOREIGN',
    });
    await expect(grading.enqueue(grade({ registrationId: 'nope' }))).rejects.toMatchObject({ code: 'GRADE_REGISTRATION_UNKNOWN' });
    // Another tenant (deployment) than the registration's own.
    h.registrations.byId.get('reg-1')!.tenantIds = ['t-1'];
    try {
      await expect(grading.enqueue(grade({ tenantId: 't-other' }))).rejects.toMatchObject({ code: 'GRADE_TENANT_MISMATCH' });
    } finally {
      delete h.registrations.byId.get('reg-1')!.tenantIds;
    }
    expect(await jobs.list({ resourceLinkId: input.resourceLinkId }, { limit: 10 })).toEqual([]);
  });

  it('holds grades of a suspended registration and sends them once it is active again', async () => {
    h.registrations.byId.get('reg-1')!.status = 'disabled';
    try {
      const queued = await grading.enqueue(grade());
      await grading.worker.drain();
      expect(await grading.status(queued.id)).toMatchObject({ status: 'pending', lastError: { code: 'REGISTRATION_INACTIVE' } });
      h.registrations.byId.get('reg-1')!.status = 'active';
      await settle();
      expect(await grading.status(queued.id)).toMatchObject({ status: 'delivered' });
    } finally {
      h.registrations.byId.get('reg-1')!.status = 'active';
    }
  });

  it('drains the delivery in flight on stop', async () => {
    const worker = createGradingModule(h.ctx, { services: h.services, requireInstructor: noGuard }, { concurrency: 2, pollMs: 50 });
    h.lms.scoreDelayMs = 300;
    try {
      await worker.start?.();
      const queued = await worker.enqueue(grade());
      for (let i = 0; i < 100 && (await worker.status(queued.id))?.status !== 'delivering'; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await worker.status(queued.id))?.status).toBe('delivering');
      await worker.stop?.();
      expect((await worker.status(queued.id))?.status).toBe('delivered');
    } finally {
      h.lms.scoreDelayMs = 0;
    }
  });

  it('exports a learner’s grades on an access request, and purges finished ones past retention only', async () => {
    const input = grade({ learnerId: 'l_gdpr', userSub: 'student-gdpr' });
    const queued = await grading.enqueue(input);
    const provider = grading.personalData!.find((p) => p.name === 'grading.grades')!;
    const exported = (await provider.exportFor!({ kind: 'learner', learnerId: 'l_gdpr' })) as Array<Record<string, unknown>>;
    expect(exported).toEqual([expect.objectContaining({ id: queued.id, learnerId: 'l_gdpr', lmsUserId: 'student-gdpr', status: 'pending' })]);
    const future = { before: new Date(now + 10 * 365 * 24 * 3600_000), now: new Date(now), dryRun: true };
    const waiting = (await jobs.list({ status: 'pending' }, { limit: 1000 })).length;
    const finished = (await jobs.list({}, { limit: 1000 })).length - waiting - (await jobs.list({ status: 'delivering' }, { limit: 1000 })).length;
    expect(await provider.purge!(future)).toBe(finished);
    expect(await provider.purge!({ ...future, dryRun: false })).toBe(finished);
    expect(await grading.status(queued.id)).toMatchObject({ status: 'pending' });
  });
});
