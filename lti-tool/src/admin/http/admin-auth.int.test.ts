import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { AdminModule } from '../admin.module.js';
import { AdminSessions } from '../application/admin-sessions.js';
import { AdminAccountsRepository } from '../infrastructure/admin-accounts.repository.js';
import { AdminSessionsRepository } from '../infrastructure/admin-sessions.repository.js';
import { cookieOf, createAdminTestApp, createSignedInAdmin, signInOver, TEST_PASSWORD, TEST_PUBLIC_URL } from '../testing.js';
import type { AppContext } from '../../platform/module.js';

describe('admin authentication', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let ctx: AppContext;
  const logLines: Array<Record<string, unknown>> = [];
  let ipCounter = 0;
  /** Each test its own client address (TRUST_PROXY), so address throttling stays per test. */
  const freshIp = () => `203.0.113.${++ipCounter}`;

  beforeAll(async () => {
    db = await openTestDatabase('admin_auth');
    const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
    ({ app, admin, ctx } = await createAdminTestApp(db, { log, env: { TRUST_PROXY: 'true' } }));
    await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('signs in with a __Host- cookie that is HttpOnly, Secure and SameSite=Strict, storing only its hash', async () => {
    await admin.accounts.create({ email: 'Alice@ac-versailles.fr', displayName: 'Alice Martin', role: 'academy-admin', academy: 'versailles', password: TEST_PASSWORD });
    const res = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: ' alice@AC-versailles.fr', password: TEST_PASSWORD });
    expect(res.status).toBe(201);
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(setCookie).toMatch(/^__Host-pix-admin=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(res.body.admin).toMatchObject({ email: 'alice@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    expect(res.headers['cache-control']).toBe('no-store');
    const token = cookieOf(setCookie).split('=')[1]!;
    const stored = await db.connection.db!.collection('admin_sessions').find().toArray();
    expect(JSON.stringify(stored)).not.toContain(token);

    const me = await request(app).get('/api/admin/session').set('Cookie', cookieOf(setCookie));
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const wrong = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: 'alice@ac-versailles.fr', password: 'not the password at all' });
    const unknown = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: 'nobody@ac-versailles.fr', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ code: wrong.body.code, message: wrong.body.message }).toEqual({ code: unknown.body.code, message: unknown.body.message });
    expect(wrong.body.code).toBe('ADMIN_LOGIN_FAILED');
  });

  it('slows an account down after repeated failures, even with the right password, and logs it without the password', async () => {
    await admin.accounts.create({ email: 'bob@ac-versailles.fr', displayName: 'Bob', role: 'auditor', academy: 'versailles', password: TEST_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Every attempt from another address: the account alone must be slowed.
      const res = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: 'bob@ac-versailles.fr', password: `guess-number-${i}-xyz` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const locked = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: 'bob@ac-versailles.fr', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('ADMIN_LOGIN_THROTTLED');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(0);

    const warning = logLines.find((l) => l.event === 'admin.login.throttled' && l.scope === 'account' && l.account === 'bob@ac-versailles.fr');
    expect(warning).toMatchObject({ level: 40, failures: 6 });
    expect(warning!.ip).toMatch(/^203\.0\.113\./);
    expect(JSON.stringify(logLines)).not.toContain('guess-number-');
    expect(JSON.stringify(logLines)).not.toContain(TEST_PASSWORD);
  });

  it('slows an address down after many failures across accounts, and logs it', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await request(app).post('/api/admin/session').set('X-Forwarded-For', ip).send({ email: `probe${i}@example.org`, password: 'whatever-password' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    const next = await request(app).post('/api/admin/session').set('X-Forwarded-For', ip).send({ email: 'alice@ac-versailles.fr', password: TEST_PASSWORD });
    expect(next.status).toBe(429);
    expect(logLines.some((l) => l.event === 'admin.login.throttled' && l.scope === 'address' && l.ip === ip)).toBe(true);
  });

  it('audits sign-ins and failed sign-ins of known accounts', async () => {
    const entries = await db.connection.db!.collection('audit_log').find({ action: { $in: ['admin.login', 'admin.login.failed'] } }).toArray();
    expect(entries.some((e) => e.action === 'admin.login' && e.target.label === 'alice@ac-versailles.fr')).toBe(true);
    expect(entries.some((e) => e.action === 'admin.login.failed' && e.target.label === 'bob@ac-versailles.fr' && e.outcome === 'failure')).toBe(true);
  });

  describe('CSRF and origin', () => {
    it('refuses a change without the session’s token, with a wrong one, or from another site', async () => {
      const carol = await createSignedInAdmin(app, admin, { email: 'carol@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
      const body = { uai: '0750654D', name: 'Lycée Louis-le-Grand', city: 'Paris' };
      const none = await request(app).post('/api/admin/schools').set('Cookie', carol.cookie).send(body);
      expect(none.status).toBe(403);
      expect(none.body.code).toBe('ADMIN_CSRF_INVALID');
      const wrong = await request(app).post('/api/admin/schools').set('Cookie', carol.cookie).set('X-CSRF-Token', carol.csrf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))).send(body);
      expect(wrong.body.code).toBe('ADMIN_CSRF_INVALID');
      const foreign = await request(app)
        .post('/api/admin/schools')
        .set('Cookie', carol.cookie)
        .set('X-CSRF-Token', carol.csrf)
        .set('Origin', 'https://evil.example')
        .send(body);
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('ADMIN_ORIGIN_FORBIDDEN');
      const form = await request(app).post('/api/admin/session').type('form').send({ email: 'carol@ac-versailles.fr', password: TEST_PASSWORD });
      expect(form.status).toBe(415);
      const ok = await request(app).post('/api/admin/schools').set('Cookie', carol.cookie).set('X-CSRF-Token', carol.csrf).set('Origin', TEST_PUBLIC_URL).send(body);
      expect(ok.status).toBe(201);
      // Another session's token does not fit this one.
      const other = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const crossed = await request(app).patch('/api/admin/schools/0750654D').set('Cookie', carol.cookie).set('X-CSRF-Token', other.csrf).send({ city: 'Paris 5e' });
      expect(crossed.body.code).toBe('ADMIN_CSRF_INVALID');
    });
  });

  describe('session life', () => {
    it('signs out, and the cookie is dead afterwards', async () => {
      const s = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const out = await request(app).delete('/api/admin/session').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf);
      expect(out.status).toBe(204);
      const after = await request(app).get('/api/admin/session').set('Cookie', s.cookie);
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('ADMIN_SESSION_EXPIRED');
      expect((await request(app).get('/api/admin/session')).body.code).toBe('ADMIN_SESSION_MISSING');
    });

    it('rotates the session at sign-in: the cookie held before no longer works', async () => {
      const first = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const again = await request(app).post('/api/admin/session').set('Cookie', first.cookie).send({ email: 'carol@ac-versailles.fr', password: TEST_PASSWORD });
      expect(again.status).toBe(201);
      expect(cookieOf(again.headers['set-cookie'])).not.toBe(first.cookie);
      expect((await request(app).get('/api/admin/session').set('Cookie', first.cookie)).status).toBe(401);
    });

    it('expires after the idle timeout, slides with activity, and ends at the absolute timeout', async () => {
      let now = new Date('2026-10-01T08:00:00Z');
      const accounts = new AdminAccountsRepository(db);
      const sessions = new AdminSessions(new AdminSessionsRepository(db), accounts, { idleSeconds: 1800, maxSeconds: 3 * 3600 }, 'k'.repeat(40), () => now);
      const carol = (await accounts.findCredentials('carol@ac-versailles.fr'))!.account;

      const idle = await sessions.open(carol.id, {});
      now = new Date(now.getTime() + 31 * 60_000);
      expect(await sessions.resolve(idle.token)).toBeUndefined();

      now = new Date('2026-10-01T08:00:00Z');
      const active = await sessions.open(carol.id, {});
      for (let minutes = 20; minutes <= 160; minutes += 20) {
        now = new Date(Date.parse('2026-10-01T08:00:00Z') + minutes * 60_000);
        expect(await sessions.resolve(active.token), `after ${minutes} min of activity`).toBeDefined();
      }
      now = new Date(Date.parse('2026-10-01T08:00:00Z') + 3 * 3600_000 + 1000);
      expect(await sessions.resolve(active.token)).toBeUndefined();
    });

    it('registers sessions, throttle counters and setup links with the expiry sweeper', () => {
      const collections = ctx.expiry.registered().map((r) => r.collection);
      expect(collections).toEqual(expect.arrayContaining(['admin_sessions', 'admin_login_throttle', 'admin_setup_tokens']));
    });

    it('closes every session of an account that is disabled', async () => {
      const dave = await createSignedInAdmin(app, admin, { email: 'dave@ac-versailles.fr', role: 'auditor', academy: 'versailles' });
      const carol = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const res = await request(app).patch(`/api/admin/accounts/${dave.id}`).set('Cookie', carol.cookie).set('X-CSRF-Token', carol.csrf).send({ status: 'disabled' });
      expect(res.status).toBe(200);
      expect((await request(app).get('/api/admin/session').set('Cookie', dave.cookie)).status).toBe(401);
      const login = await request(app).post('/api/admin/session').set('X-Forwarded-For', freshIp()).send({ email: 'dave@ac-versailles.fr', password: TEST_PASSWORD });
      expect(login.body.code).toBe('ADMIN_LOGIN_FAILED');
    });

    it('changes one’s own password under the policy, closing the other sessions', async () => {
      const a = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const b = await signInOver(app, 'carol@ac-versailles.fr', TEST_PASSWORD);
      const weak = await request(app).put('/api/admin/session/password').set('Cookie', a.cookie).set('X-CSRF-Token', a.csrf).send({ currentPassword: TEST_PASSWORD, newPassword: 'azertyuiop123' });
      expect(weak.body).toMatchObject({ code: 'ADMIN_PASSWORD_WEAK', details: { problems: ['common'] } });
      const ok = await request(app).put('/api/admin/session/password').set('Cookie', a.cookie).set('X-CSRF-Token', a.csrf).send({ currentPassword: TEST_PASSWORD, newPassword: 'girafe lampadaire orage 77' });
      expect(ok.status).toBe(204);
      expect((await request(app).get('/api/admin/session').set('Cookie', a.cookie)).status).toBe(200);
      expect((await request(app).get('/api/admin/session').set('Cookie', b.cookie)).status).toBe(401);
    });
  });
});
