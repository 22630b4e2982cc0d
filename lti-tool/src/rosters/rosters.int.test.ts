import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicesHarness, type ServicesHarness } from '../lti-services/testing/services-harness.js';
import { learnerIdOf } from '../lti/session/identifiers.js';
import { requireLaunch } from '../lti/session/require-launch.js';
import { createTestLaunch } from '../lti/session/testing.js';
import { createTestApp } from '../platform/testing/test-app.js';
import { createRostersModule, type RostersModule } from './rosters.module.js';

const lis = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe('course rosters (NRPS over HTTP)', () => {
  let h: ServicesHarness;
  let rosters: RostersModule;
  let app: Express;
  let now: number;
  let teacher: { token: string; session: Awaited<ReturnType<typeof createTestLaunch>>['session'] };

  beforeAll(async () => {
    h = await createServicesHarness('rosters');
    now = Date.now();
    rosters = createRostersModule(h.ctx, { services: h.services, requireInstructor: requireLaunch(h.sessions, { roles: ['instructor'] }) }, { clock: () => new Date(now) });
    app = createTestApp((router) => rosters.routes!(router));
    h.lms.members = [
      { user_id: '10', roles: [`${lis}#Instructor`], status: 'Active', name: 'M. Prof', email: 'prof@ecole.test' },
      { user_id: '11', roles: [`${lis}#Learner`], status: 'Active', given_name: 'Léa', family_name: 'Martin', picture: 'https://x/p.png' },
      { user_id: '12', roles: [`${lis}#Learner`], status: 'Active' },
      { user_id: '13', roles: [`${lis}#Learner`], status: 'Deleted' },
      { user_id: '14', roles: [`${lis}#Learner`], status: 'Inactive', lis_person_sourcedid: 'INE-123' },
    ];
    teacher = await createTestLaunch(h.sessions, {
      registrationId: 'reg-1',
      roles: { learner: false, instructor: true },
      context: { id: '2' },
      nrps: { membershipsUrl: `${h.lms.url}/mod/lti/services.php/CourseSection/2/bindings/1/memberships` },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists the course members across pages (Moodle’s rel=“next”), with the least data', async () => {
    h.lms.linkQuotes = 'typographic';
    const res = await request(app).get('/api/roster').set('Authorization', `Bearer ${teacher.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.counts).toEqual({ members: 4, learners: 3, instructors: 1 });
    expect(res.body.complete).toBe(true);
    expect(res.body.members).toEqual([
      { userId: '10', learnerId: learnerIdOf(teacher.session.tenantId, '10'), roles: { learner: false, instructor: true, administrator: false }, status: 'Active', name: 'M. Prof', email: 'prof@ecole.test' },
      { userId: '11', learnerId: learnerIdOf(teacher.session.tenantId, '11'), roles: { learner: true, instructor: false, administrator: false }, status: 'Active', givenName: 'Léa', familyName: 'Martin' },
      { userId: '12', learnerId: learnerIdOf(teacher.session.tenantId, '12'), roles: { learner: true, instructor: false, administrator: false }, status: 'Active' },
      { userId: '14', learnerId: learnerIdOf(teacher.session.tenantId, '14'), roles: { learner: true, instructor: false, administrator: false }, status: 'Inactive' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/INE-123|p\.png/);
  });

  it('serves the roster from memory for a few minutes, refreshes on request after 30 s, and never stores it', async () => {
    const tokens = h.lms.tokensIssued;
    h.lms.members.push({ user_id: '15', roles: [`${lis}#Learner`], status: 'Active' });
    try {
      const cached = await request(app).get('/api/roster').set('Authorization', `Bearer ${teacher.token}`);
      expect(cached.body.counts.members).toBe(4);
      now += 31_000;
      const refreshed = await request(app).get('/api/roster?refresh=true').set('Authorization', `Bearer ${teacher.token}`);
      expect(refreshed.body.counts.members).toBe(5);
      expect(h.lms.tokensIssued).toBe(tokens);
      const collections = await h.db.connection.db!.listCollections().toArray();
      for (const { name } of collections) {
        const docs = await h.db.connection.db!.collection(name).find().toArray();
        expect(JSON.stringify(docs)).not.toContain('Martin');
      }
    } finally {
      h.lms.members.pop();
    }
  });

  it('follows standard rel="next" too', async () => {
    h.lms.linkQuotes = 'ascii';
    now += 10 * 60_000;
    const res = await request(app).get('/api/roster').set('Authorization', `Bearer ${teacher.token}`);
    expect(res.body.counts.members).toBe(4);
  });

  it('is for the course’s instructors, and says when the LMS offered no roster', async () => {
    const learner = await createTestLaunch(h.sessions, {
      registrationId: 'reg-1', context: { id: '2' } });
    expect((await request(app).get('/api/roster').set('Authorization', `Bearer ${learner.token}`)).status).toBe(403);
    const noNrps = await createTestLaunch(h.sessions, {
      registrationId: 'reg-1', roles: { learner: false, instructor: true }, context: { id: '3' } });
    const res = await request(app).get('/api/roster').set('Authorization', `Bearer ${noNrps.token}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ROSTER_UNAVAILABLE');
  });

  it('refuses a memberships URL off the platform, without sending the token', async () => {
    const foreign = await createTestLaunch(h.sessions, {
      registrationId: 'reg-1',
      roles: { learner: false, instructor: true },
      context: { id: '4' },
      nrps: { membershipsUrl: 'https://evil.test/memberships' },
    });
    const res = await request(app).get('/api/roster').set('Authorization', `Bearer ${foreign.token}`);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'ROSTER_LMS_REFUSED', details: { lmsCode: 'LTI_SERVICE_URL_FOREIGN' } });
  });

  it('reports an LMS that does not answer', async () => {
    h.lms.halfOutage(() => true);
    try {
      const ctx5 = await createTestLaunch(h.sessions, {
      registrationId: 'reg-1',
        roles: { learner: false, instructor: true },
        context: { id: '5' },
        nrps: { membershipsUrl: `${h.lms.url}/mod/lti/services.php/CourseSection/5/bindings/1/memberships` },
      });
      const statuses = [];
      for (let i = 0; i < 2; i++) statuses.push((await request(app).get('/api/roster').set('Authorization', `Bearer ${ctx5.token}`)).body.code ?? 'ok');
      expect(statuses).toContain('ROSTER_LMS_UNAVAILABLE');
    } finally {
      h.lms.halfOutage(() => false);
    }
  });
});
