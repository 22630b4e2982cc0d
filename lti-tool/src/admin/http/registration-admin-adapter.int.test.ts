import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LtiModule } from '../../lti/lti.module.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { AdminModule } from '../admin.module.js';
import { createAdminTestApp, createSignedInAdmin, type SignedIn } from '../testing.js';

const BASE = '/api/admin/lti/registrations';

describe('platform registrations in the admin API: academies kept apart, changes audited', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let lti: LtiModule;
  let versailles: SignedIn;
  let lyon: SignedIn;
  let auditor: SignedIn;
  const ids: Record<string, string> = {};

  const register = async (name: string, issuer: string, academy?: string) =>
    (
      await lti.registrations.register({
        issuer,
        clientId: `client-${name}`,
        name,
        authLoginUrl: `${issuer}/mod/lti/auth.php`,
        tokenUrl: `${issuer}/mod/lti/token.php`,
        jwksUrl: `${issuer}/mod/lti/certs.php`,
        deploymentIds: ['1'],
        status: academy ? 'active' : 'pending',
        origin: academy ? 'manual' : 'dynamic-registration',
        ...(academy ? { academy } : {}),
      })
    ).id;

  const as = (who: SignedIn) => ({
    get: (url: string) => request(app).get(url).set('Cookie', who.cookie),
    send: (method: 'post' | 'patch' | 'delete', url: string, body: object = {}) => request(app)[method](url).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body),
  });

  beforeAll(async () => {
    db = await openTestDatabase('registration_admin');
    const built = await createAdminTestApp(db);
    ({ app, admin } = built);
    lti = built.modules.find((m) => m.name === 'lti') as LtiModule;
    await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await admin.academies.create({ code: 'lyon', name: 'Académie de Lyon' });
    versailles = await createSignedInAdmin(app, admin, { email: 'a@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    lyon = await createSignedInAdmin(app, admin, { email: 'a@ac-lyon.fr', role: 'academy-admin', academy: 'lyon' });
    auditor = await createSignedInAdmin(app, admin, { email: 'audit@ac-versailles.fr', role: 'auditor', academy: 'versailles' });
    ids.versailles = await register('Éléa Versailles', 'https://elea.ac-versailles.fr', 'versailles');
    ids.lyon = await register('Éléa Lyon', 'https://elea.ac-lyon.fr', 'lyon');
    ids.pending = await register('Moodle du collège', 'https://moodle.college.example');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('lists an academy’s registrations and the unclaimed pending ones, never another academy’s', async () => {
    const names = (await as(lyon).get(BASE)).body.registrations.map((r: { name: string }) => r.name).sort();
    expect(names).toEqual(['Moodle du collège', 'Éléa Lyon']);
    const asked = (await as(lyon).get(`${BASE}?academy=versailles`)).body.registrations;
    expect(asked).toEqual([]);
    expect((await as(lyon).get(`${BASE}/${ids.versailles}`)).body.code).toBe('REGISTRATION_NOT_FOUND');
    expect((await as(lyon).send('post', `${BASE}/${ids.versailles}/disable`)).status).toBe(404);
    expect((await as(auditor).get(`${BASE}/${ids.versailles}`)).status).toBe(200);
    expect((await as(auditor).send('post', `${BASE}/${ids.versailles}/disable`)).body.code).toBe('ADMIN_ROLE_FORBIDDEN');
  });

  it('registers a platform for the admin’s own academy only', async () => {
    const body = { issuer: 'https://moodle.lycee.example', clientId: 'pix', name: 'Moodle du lycée', authLoginUrl: 'https://moodle.lycee.example/auth', tokenUrl: 'https://moodle.lycee.example/token', jwksUrl: 'https://moodle.lycee.example/jwks' };
    expect((await as(lyon).send('post', BASE, { ...body, academy: 'versailles' })).body.code).toBe('REGISTRATION_ACADEMY_FORBIDDEN');
    const created = await as(lyon).send('post', BASE, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.academy).toBe('lyon');
    expect((await as(versailles).get(`${BASE}/${created.body.id}`)).status).toBe(404);
  });

  it('makes registration links for the admin’s own academy only', async () => {
    expect((await as(lyon).send('post', '/api/admin/lti/registration-links', { academy: 'versailles' })).body.code).toBe('REGISTRATION_ACADEMY_FORBIDDEN');
    const link = await as(lyon).send('post', '/api/admin/lti/registration-links', {});
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const entry = (await as(lyon).get('/api/admin/audit?action=platform-registration.link.create')).body.entries[0];
    expect(entry).toMatchObject({ scope: { academy: 'lyon' }, actor: { email: 'a@ac-lyon.fr' }, after: { academy: 'lyon' } });
    expect(JSON.stringify(entry)).not.toContain('invitation=');
  });

  it('claims and approves a pending dynamic registration, with audit entries before/after', async () => {
    expect((await as(versailles).send('patch', `${BASE}/${ids.pending}`, { academy: 'versailles' })).status).toBe(200);
    const approved = await as(versailles).send('post', `${BASE}/${ids.pending}/approve`);
    expect(approved.body.status).toBe('active');
    expect((await as(lyon).get(`${BASE}/${ids.pending}`)).status).toBe(404);
    const entries = (await as(versailles).get('/api/admin/audit?targetType=platform-registration')).body.entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['platform-registration.approve', 'platform-registration.update']);
    expect(entries[0]).toMatchObject({ before: { status: 'pending' }, after: { status: 'active' }, actor: { email: 'a@ac-versailles.fr' } });
  });

  it('keeps grade operations to the academy’s registrations', async () => {
    expect((await as(lyon).get('/api/admin/grades')).body.code).toBe('GRADES_REGISTRATION_REQUIRED');
    expect((await as(lyon).get(`/api/admin/grades?registrationId=${ids.versailles}`)).body.code).toBe('REGISTRATION_NOT_FOUND');
    expect((await as(lyon).get(`/api/admin/grades/summary?registrationId=${ids.versailles}`)).status).toBe(404);
    expect((await as(lyon).send('post', '/api/admin/grades/resend-failed', { registrationId: ids.versailles })).status).toBe(404);
    const own = await as(versailles).get(`/api/admin/grades?registrationId=${ids.versailles}`);
    expect(own.status).toBe(200);
    expect(own.body.grades).toEqual([]);
    expect((await as(auditor).get(`/api/admin/grades/summary?registrationId=${ids.versailles}`)).status).toBe(200);
    const gradeId = 'g_00000000-0000-4000-8000-000000000001';
    await db.connection.db!.collection('grade_jobs').insertOne({ _id: gradeId as never, registrationId: ids.versailles, status: 'failed' });
    const foreign = await as(lyon).send('post', `/api/admin/grades/${gradeId}/resend`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('GRADE_NOT_FOUND');
    const resent = await as(versailles).send('post', '/api/admin/grades/resend-failed', { registrationId: ids.versailles });
    expect(resent.status).toBe(202);
    const entry = (await as(versailles).get('/api/admin/audit?action=grade.resend-failed')).body.entries[0];
    expect(entry).toMatchObject({ target: { id: ids.versailles }, actor: { email: 'a@ac-versailles.fr' } });
  });

  it('links a school only to a registration of its academy', async () => {
    await as(versailles).send('post', '/api/admin/schools', { uai: '0780001C', name: 'Lycée Hoche', city: 'Versailles' });
    expect((await as(versailles).send('post', '/api/admin/schools', {})).status).toBe(400);
    const link = (platform: string) => request(app).put(`/api/admin/schools/0780001C/platforms/${platform}`).set('Cookie', versailles.cookie).set('X-CSRF-Token', versailles.csrf).send({});
    expect((await link(ids.lyon!)).body.code).toBe('PLATFORM_NOT_FOUND');
    const ok = await link(ids.versailles!);
    expect(ok.status).toBe(200);
    expect(ok.body.school.platformIds).toEqual([ids.versailles]);
  });
});
