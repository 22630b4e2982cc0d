import type { Express, RequestHandler } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/logger.js';
import { unauthorized } from '../../../platform/errors.js';
import { createTestApp } from '../../../platform/testing/test-app.js';
import { openTestDatabase, type TestDatabase } from '../../../platform/testing/test-database.js';
import { Registrations } from '../application/registrations.js';
import { RegistrationsRepository } from '../infrastructure/registrations.repository.js';
import { registrationAdminRoutes } from './registration-admin.routes.js';

/** Stands in for the admin module's guard: a fixed header means "an admin". */
const fakeGuard: RequestHandler = (req, res, next) => {
  if (req.get('x-test-admin') !== 'alice') throw unauthorized('ADMIN_AUTH_REQUIRED', 'admin only');
  res.locals.testAdmin = 'alice';
  next();
};

const moodle = (suffix = '') => ({
  issuer: `https://elea${suffix}.ac-test.fr`,
  clientId: `client${suffix}`,
  name: `Éléa${suffix}`,
  authLoginUrl: `https://elea${suffix}.ac-test.fr/mod/lti/auth.php`,
  tokenUrl: `https://elea${suffix}.ac-test.fr/mod/lti/token.php`,
  jwksUrl: `https://elea${suffix}.ac-test.fr/mod/lti/certs.php`,
});

describe('registration admin routes', () => {
  let db: TestDatabase;
  let app: Express;
  let registrations: Registrations;
  const admin = (req: request.Test) => req.set('x-test-admin', 'alice');

  beforeAll(async () => {
    db = await openTestDatabase('registration_admin');
    registrations = new Registrations(new RegistrationsRepository(db), { allowPrivate: false }, silentLogger());
    app = createTestApp((router) => registrationAdminRoutes(router, registrations, { guard: fakeGuard, actorOf: (_req, res) => res.locals.testAdmin as string }));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('sits behind the guard it is given', async () => {
    const res = await request(app).get('/api/admin/lti/registrations');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ADMIN_AUTH_REQUIRED');
    expect((await request(app).post('/api/admin/lti/registrations').send(moodle('-g'))).status).toBe(401);
  });

  it('registers a platform by hand, active, with privacy off by default', async () => {
    const res = await admin(request(app).post('/api/admin/lti/registrations')).send({ ...moodle('-a'), deploymentIds: ['1'], academy: 'versailles' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', origin: 'manual', privacy: { sendNames: false, sendEmail: false }, deploymentIds: ['1'], academy: 'versailles' });
    expect(res.body.statusHistory[0]).toMatchObject({ status: 'active', by: 'alice' });
    const endpoints = await registrations.platformEndpoints(res.body.id);
    expect(endpoints).toEqual({
      issuer: 'https://elea-a.ac-test.fr',
      clientId: 'client-a',
      tokenUrl: 'https://elea-a.ac-test.fr/mod/lti/token.php',
      jwksUrl: 'https://elea-a.ac-test.fr/mod/lti/certs.php',
      authLoginUrl: 'https://elea-a.ac-test.fr/mod/lti/auth.php',
      status: 'active',
    });
  });

  it('refuses a duplicate (issuer, client id)', async () => {
    await admin(request(app).post('/api/admin/lti/registrations')).send(moodle('-d')).expect(201);
    const res = await admin(request(app).post('/api/admin/lti/registrations')).send({ ...moodle('-d'), issuer: 'https://elea-d.ac-test.fr/' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REGISTRATION_EXISTS');
  });

  it('refuses plain http endpoints in production mode, naming the field', async () => {
    const res = await admin(request(app).post('/api/admin/lti/registrations')).send({ ...moodle('-h'), jwksUrl: 'http://elea-h.ac-test.fr/certs' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PLATFORM_URL_REFUSED', details: { field: 'jwksUrl' } });
  });

  it('lists every invalid field of a bad body', async () => {
    const res = await admin(request(app).post('/api/admin/lti/registrations')).send({ issuer: 'nope', unknown: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.issuer', 'body.clientId', 'body.jwksUrl']));
  });

  it('walks the status life cycle and refuses a transition that makes no sense', async () => {
    const created = (await admin(request(app).post('/api/admin/lti/registrations')).send({ ...moodle('-s'), activate: false })).body;
    expect(created.status).toBe('pending');
    const approved = await admin(request(app).post(`/api/admin/lti/registrations/${created.id}/approve`)).send({});
    expect(approved.body.status).toBe('active');
    const rejected = await admin(request(app).post(`/api/admin/lti/registrations/${created.id}/reject`)).send({ reason: 'late' });
    expect(rejected.status).toBe(409);
    expect(rejected.body.code).toBe('REGISTRATION_STATUS_CONFLICT');
    const disabled = await admin(request(app).post(`/api/admin/lti/registrations/${created.id}/disable`)).send({ reason: 'fin du contrat' });
    expect(disabled.body.status).toBe('disabled');
    expect(disabled.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['pending', 'active', 'disabled']);
    expect(disabled.body.statusHistory[2]).toMatchObject({ by: 'alice', reason: 'fin du contrat' });
    const listed = await admin(request(app).get('/api/admin/lti/registrations?status=disabled'));
    expect(listed.body.registrations.map((r: { id: string }) => r.id)).toContain(created.id);
  });

  it('adds and removes deployments', async () => {
    const created = (await admin(request(app).post('/api/admin/lti/registrations')).send(moodle('-p'))).body;
    const added = await admin(request(app).post(`/api/admin/lti/registrations/${created.id}/deployments`)).send({ deploymentId: '7' });
    expect(added.status).toBe(201);
    expect(added.body.deploymentIds).toEqual(['7']);
    await admin(request(app).post(`/api/admin/lti/registrations/${created.id}/deployments`)).send({ deploymentId: '7' });
    expect((await registrations.get(created.id)).deploymentIds).toEqual(['7']);
    const removed = await admin(request(app).delete(`/api/admin/lti/registrations/${created.id}/deployments/7`));
    expect(removed.body.deploymentIds).toEqual([]);
    const again = await admin(request(app).delete(`/api/admin/lti/registrations/${created.id}/deployments/7`));
    expect(again.body.code).toBe('DEPLOYMENT_NOT_FOUND');
  });

  it('updates privacy opt-ins and answers 404 for an unknown id', async () => {
    const created = (await admin(request(app).post('/api/admin/lti/registrations')).send(moodle('-u'))).body;
    const res = await admin(request(app).patch(`/api/admin/lti/registrations/${created.id}`)).send({ privacy: { sendNames: true } });
    expect(res.body.privacy).toEqual({ sendNames: true, sendEmail: false });
    const missing = await admin(request(app).get('/api/admin/lti/registrations/reg_nope'));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('REGISTRATION_NOT_FOUND');
  });
});
