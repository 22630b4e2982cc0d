import type { Express, RequestHandler } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicesHarness, type ServicesHarness } from '../../lti-services/testing/services-harness.js';
import { requireLaunch } from '../../lti/session/require-launch.js';
import { createTestLaunch } from '../../lti/session/testing.js';
import { forbidden } from '../../platform/errors.js';
import { createTestApp } from '../../platform/testing/test-app.js';
import type { EnqueueGradeInput } from '../application/enqueue-grade.js';
import { createGradingModule, type GradingModule } from '../grading.module.js';

const tenantA = { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '1' };
const tenantB = { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '2' };

/** Stands in for the admin module's guard: lets through requests with `x-test-admin: yes`. */
const fakeAdminGuard: RequestHandler = (req, _res, next) => {
  if (req.get('x-test-admin') !== 'yes') throw forbidden('ADMIN_FORBIDDEN', 'admins only');
  next();
};

describe('grade status API (teacher dashboard and admin operations)', () => {
  let h: ServicesHarness;
  let grading: GradingModule;
  let app: Express;
  let teacherA: string;
  let teacherB: string;
  let teacherOtherCourse: string;
  let learnerA: string;
  let tenantIdA: string;
  let tenantIdB: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createServicesHarness('grades_routes');
    const instructor = requireLaunch(h.sessions, { roles: ['instructor'] });
    grading = createGradingModule(h.ctx, { services: h.services, requireInstructor: instructor }, { worker: false });
    app = createTestApp((router) => {
      grading.routes!(router);
      grading.adminRoutes(router, { guard: fakeAdminGuard });
    });
    const teacher = { roles: { learner: false, instructor: true } };
    const a = await createTestLaunch(h.sessions, { ...teacher, tenant: tenantA, context: { id: 'course-2' }, resourceLink: { id: 'link-1' } });
    teacherA = a.token;
    tenantIdA = a.session.tenantId;
    const b = await createTestLaunch(h.sessions, { ...teacher, tenant: tenantB, context: { id: 'course-2' }, resourceLink: { id: 'link-1' } });
    teacherB = b.token;
    tenantIdB = b.session.tenantId;
    teacherOtherCourse = (await createTestLaunch(h.sessions, { ...teacher, tenant: tenantA, context: { id: 'course-9' }, resourceLink: { id: 'link-1' } })).token;
    learnerA = (await createTestLaunch(h.sessions, { tenant: tenantA, context: { id: 'course-2' } })).token;

    const lineItem = { url: h.lms.addLineItem('2', { label: 'Pix', scoreMaximum: 100, resourceLinkId: 'link-1' }) };
    const base = (tenantId: string, n: number, userSub: string): EnqueueGradeInput => ({
      registrationId: 'reg-1',
      tenantId,
      contextId: 'course-2',
      resourceLinkId: 'link-1',
      lineItem,
      userSub,
      learnerId: `l_${userSub}`,
      scoreGiven: n,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: `p-${tenantId}-${n}` },
    });
    h.lms.notGradable.add('teacher-3');
    ids.delivered = (await grading.enqueue(base(tenantIdA, 70, 'student-1'))).id;
    ids.failed = (await grading.enqueue(base(tenantIdA, 50, 'teacher-3'))).id;
    ids.otherTenant = (await grading.enqueue(base(tenantIdB, 90, 'student-2'))).id;
    await grading.worker.drain();
    ids.pending = (await grading.enqueue(base(tenantIdA, 10, 'student-4'))).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the grades of a resource link of the teacher’s course, with status and the LMS’s reason', async () => {
    const res = await request(app).get('/api/grades?resourceLinkId=link-1').set('Authorization', `Bearer ${teacherA}`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ pending: 1, delivering: 0, delivered: 1, failed: 1, superseded: 0 });
    const byId = Object.fromEntries(res.body.grades.map((g: { id: string }) => [g.id, g]));
    expect(byId[ids.delivered!]).toMatchObject({ status: 'delivered', scoreGiven: 70, learnerId: 'l_student-1', deliveredAt: expect.any(String), attempts: 1 });
    expect(byId[ids.failed!]).toMatchObject({ status: 'failed', failure: { code: 'LMS_USER_NOT_GRADABLE', reason: 'Incorrect score received' } });
    expect(byId[ids.pending!]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(byId[ids.otherTenant!]).toBeUndefined();
    // The LMS's user id stays on the server: dashboards key learners by our pseudonymous id.
    for (const grade of res.body.grades) expect(Object.keys(grade)).not.toContain('userSub');
  });

  it('defaults to the launch’s resource link and filters by status', async () => {
    const res = await request(app).get('/api/grades?status=failed').set('Authorization', `Bearer ${teacherA}`);
    expect(res.body.grades.map((g: { id: string }) => g.id)).toEqual([ids.failed]);
  });

  it('keeps tenants and courses apart', async () => {
    const other = await request(app).get('/api/grades?resourceLinkId=link-1').set('Authorization', `Bearer ${teacherB}`);
    expect(other.body.grades.map((g: { id: string }) => g.id)).toEqual([ids.otherTenant]);
    const course = await request(app).get('/api/grades?resourceLinkId=link-1').set('Authorization', `Bearer ${teacherOtherCourse}`);
    expect(course.body.grades).toEqual([]);
  });

  it('is for instructors only', async () => {
    expect((await request(app).get('/api/grades').set('Authorization', `Bearer ${learnerA}`)).body.code).toBe('LAUNCH_ROLE_FORBIDDEN');
    expect((await request(app).get('/api/grades')).status).toBe(401);
    const bad = await request(app).get('/api/grades?status=lost').set('Authorization', `Bearer ${teacherA}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('sends a failed grade again, for its own tenant and course only', async () => {
    const foreign = await request(app).post(`/api/grades/${ids.failed}/resend`).set('Authorization', `Bearer ${teacherB}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('GRADE_NOT_FOUND');
    expect((await request(app).post(`/api/grades/${ids.failed}/resend`).set('Authorization', `Bearer ${teacherOtherCourse}`)).status).toBe(404);
    expect((await request(app).post('/api/grades/nope/resend').set('Authorization', `Bearer ${teacherA}`)).body.code).toBe('VALIDATION_FAILED');

    h.lms.notGradable.delete('teacher-3');
    const res = await request(app).post(`/api/grades/${ids.failed}/resend`).set('Authorization', `Bearer ${teacherA}`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: ids.failed, status: 'pending', attempts: 0 });
    await grading.worker.drain();
    expect(await grading.status(ids.failed!)).toMatchObject({ status: 'delivered' });
  });

  it('refuses to resend a grade being delivered', async () => {
    const other = createGradingModule(h.ctx, { services: h.services, requireInstructor: (_q, _s, n) => n() }, { worker: false });
    const lineItem = { url: h.lms.addLineItem('2', { label: 'Pix 2', scoreMaximum: 100 }) };
    const { id } = await other.enqueue({
      registrationId: 'reg-1',
      tenantId: tenantIdA,
      contextId: 'course-2',
      resourceLinkId: 'link-1',
      lineItem,
      userSub: 'student-5',
      learnerId: 'l_5',
      scoreGiven: 1,
      scoreMaximum: 2,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: 'p-busy' },
    });
    // Claim every due grade as a worker that is still sending them.
    const { GradeJobsRepository } = await import('../infrastructure/grade-jobs.repository.js');
    const { writeLockFor } = await import('../infrastructure/write-lock.js');
    const jobs = new GradeJobsRepository(h.db, writeLockFor(h.db));
    for (const candidate of await jobs.due(new Date(), 100)) await jobs.claim(candidate, new Date(), 60_000, 'busy-worker');
    const res = await request(app).post(`/api/grades/${id}/resend`).set('Authorization', `Bearer ${teacherA}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('GRADE_DELIVERY_IN_PROGRESS');
  });

  describe('admin operations', () => {
    const admin = (req: request.Test) => req.set('x-test-admin', 'yes');

    it('is behind the guard it was given', async () => {
      const res = await request(app).get('/api/admin/grades/summary');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ADMIN_FORBIDDEN');
      expect(() => grading.adminRoutes(createTestRouter(), { guard: undefined as unknown as RequestHandler })).toThrow(/guard/);
      expect(() => grading.adminRoutes(createTestRouter(), { guard: [] })).toThrow(/guard/);
    });

    it('counts grades by status, per tenant or overall', async () => {
      const all = await admin(request(app).get('/api/admin/grades/summary'));
      expect(all.status).toBe(200);
      expect(Object.keys(all.body.counts).sort()).toEqual(['delivered', 'delivering', 'failed', 'pending', 'superseded']);
      const b = await admin(request(app).get(`/api/admin/grades/summary?tenantId=${tenantIdB}`));
      expect(b.body.counts).toEqual({ pending: 0, delivering: 0, delivered: 1, failed: 0, superseded: 0 });
    });

    it('lists failed grades with the LMS’s reason, and resends them', async () => {
      const notGradable = await grading.enqueue({
        registrationId: 'reg-1',
        tenantId: tenantIdB,
        contextId: 'course-2',
        resourceLinkId: 'link-1',
        lineItem: { url: h.lms.addLineItem('2', { label: 'Pix 3', scoreMaximum: 100 }) },
        userSub: 'teacher-8',
        learnerId: 'l_8',
        scoreGiven: 3,
        scoreMaximum: 10,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        source: { type: 'campaign-participation', id: 'p-admin' },
      });
      h.lms.notGradable.add('teacher-8');
      await grading.worker.drain();
      const failed = await admin(request(app).get(`/api/admin/grades?status=failed&tenantId=${tenantIdB}`));
      expect(failed.body.grades).toEqual([
        expect.objectContaining({ id: notGradable.id, tenantId: tenantIdB, registrationId: 'reg-1', failure: expect.objectContaining({ code: 'LMS_USER_NOT_GRADABLE' }) }),
      ]);
      const one = await admin(request(app).post(`/api/admin/grades/${notGradable.id}/resend`));
      expect(one.status).toBe(202);
      await grading.worker.drain();
      const bulk = await admin(request(app).post('/api/admin/grades/resend-failed').send({ tenantId: tenantIdB, code: 'LMS_USER_NOT_GRADABLE' }));
      expect(bulk.body).toEqual({ resent: 1 });
      const bad = await admin(request(app).post('/api/admin/grades/resend-failed').send({ code: 'lower case' }));
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });
  });
});

function createTestRouter() {
  let captured: Parameters<Parameters<typeof createTestApp>[0]>[0] | undefined;
  createTestApp((router) => {
    captured = router;
  });
  return captured!;
}
