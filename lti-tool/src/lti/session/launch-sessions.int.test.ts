import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../platform/testing/test-app.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { LaunchSessions } from './launch-sessions.js';
import { LaunchSessionsRepository } from './launch-sessions.repository.js';
import { launchOf, requireLaunch } from './require-launch.js';
import { createTestLaunch } from './testing.js';

describe('launch sessions', () => {
  let db: TestDatabase;
  let now: Date;
  let sessions: LaunchSessions;
  let app: Express;

  beforeAll(async () => {
    db = await openTestDatabase('launch_sessions');
    now = new Date();
    sessions = new LaunchSessions(new LaunchSessionsRepository(db), () => now);
    app = createTestApp((router) => {
      router.get('/me', requireLaunch(sessions), (_req, res) => {
        const s = launchOf(res);
        res.json({ user: s.user.id, tenant: s.tenantId });
      });
      router.get('/class', requireLaunch(sessions, { roles: ['instructor'] }), (_req, res) => {
        res.json({ ok: true });
      });
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('resolves a bearer token to its session, with pseudonymous stable ids', async () => {
    const { token, session } = await createTestLaunch(sessions);
    const res = await request(app).get('/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.user).toBe(session.user.id);
    expect(session.user.id).not.toContain('moodle-user-42');
    const again = await createTestLaunch(sessions);
    expect(again.session.user.id).toBe(session.user.id);
    expect(again.token).not.toBe(token);
  });

  it('keeps learners of different deployments apart', async () => {
    const a = await createTestLaunch(sessions, { tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '1' } });
    const b = await createTestLaunch(sessions, { tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '2' } });
    expect(a.session.tenantId).not.toBe(b.session.tenantId);
    expect(a.session.user.id).not.toBe(b.session.user.id);
  });

  it('stores only a hash of the token', async () => {
    const { token } = await createTestLaunch(sessions);
    const docs = await db.connection.db!.collection('launch_sessions').find().toArray();
    expect(JSON.stringify(docs)).not.toContain(token);
  });

  it.each([
    [undefined, 'LAUNCH_SESSION_MISSING'],
    ['Basic abc', 'LAUNCH_SESSION_MISSING'],
    ['Bearer not-a-token', 'LAUNCH_SESSION_EXPIRED'],
    [`Bearer ${'A'.repeat(43)}`, 'LAUNCH_SESSION_EXPIRED'],
  ])('refuses %s with %s', async (header, code) => {
    const req = request(app).get('/me');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
  });

  it('refuses an expired session', async () => {
    const { token } = await createTestLaunch(sessions);
    const later = new LaunchSessions(new LaunchSessionsRepository(db), () => new Date(now.getTime() + 9 * 3600_000));
    expect(await later.resolve(token)).toBeUndefined();
  });

  it('checks roles from the session, i.e. from the signed roles claim', async () => {
    const learner = await createTestLaunch(sessions);
    const teacher = await createTestLaunch(sessions, { roles: { learner: false, instructor: true } });
    const refused = await request(app).get('/class').set('Authorization', `Bearer ${learner.token}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LAUNCH_ROLE_FORBIDDEN');
    expect((await request(app).get('/class').set('Authorization', `Bearer ${teacher.token}`)).status).toBe(200);
  });

  it('forgets a revoked session at once', async () => {
    const { token } = await createTestLaunch(sessions);
    expect(await sessions.resolve(token)).toBeDefined();
    await sessions.revoke(token);
    expect(await sessions.resolve(token)).toBeUndefined();
  });
});
