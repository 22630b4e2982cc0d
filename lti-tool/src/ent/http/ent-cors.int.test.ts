import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { AUDIENCE, startEntHarness, UAI, type EntHarness } from '../testing/ent-harness.js';
import { FakeEnt } from '../testing/fake-ent.js';

const PAGE = 'https://ent.monlycee.example.org';
const OPERATOR_WIDE = 'https://pix-demo.example.org';

describe('CORS for ENT pages, on the whole tool', () => {
  let db: TestDatabase;
  let h: EntHarness;
  let ent: FakeEnt;
  let connectorId: string;
  let token: string;

  beforeAll(async () => {
    db = await openTestDatabase('ent_cors');
    h = await startEntHarness(db, { env: { CORS_ORIGINS: OPERATOR_WIDE } });
    ent = await FakeEnt.start();
    connectorId = (await h.register({ issuer: ent.issuer, name: 'ENT', jwksUrl: ent.jwksUrl, uais: [UAI.lycee], origins: [PAGE] })).id;
    token = (await h.exchange(await ent.assertion(AUDIENCE))).body.token;
  });
  afterAll(async () => {
    await ent?.close();
    await db.drop();
  });

  const preflight = (origin: string, path = '/api/lti/session', method = 'GET') =>
    request(h.app).options(path).set('Origin', origin).set('Access-Control-Request-Method', method).set('Access-Control-Request-Headers', 'authorization,content-type');

  it.each([PAGE, OPERATOR_WIDE])('answers the preflight and the request of %s', async (origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({ 'access-control-allow-origin': origin, 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'Authorization,Content-Type', 'access-control-max-age': '7200' });
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await request(h.app).get('/api/lti/session').set('Origin', origin).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
  });

  it('lets an allowed page read the API’s errors too (the player shows them)', async () => {
    const res = await request(h.app).get('/api/lti/session').set('Origin', PAGE).set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('gives a refused origin no CORS header', async () => {
    const pre = await preflight('https://evil.example.org');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(h.app).get('/api/lti/session').set('Origin', 'https://evil.example.org').set('Authorization', `Bearer ${token}`);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never answers CORS on the exchange (server to server) nor on the admin API', async () => {
    expect((await preflight(PAGE, '/api/ent/sessions', 'POST')).headers['access-control-allow-origin']).toBeUndefined();
    const exchange = await request(h.app).post('/api/ent/sessions').set('Origin', PAGE).send({ assertion: await ent.assertion(AUDIENCE) });
    expect(exchange.status).toBe(201);
    expect(exchange.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(PAGE, '/api/admin/session')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('follows the connector: a disabled connector’s pages lose CORS at once, an added origin gains it', async () => {
    const as = (req: request.Test) => req.set('Cookie', h.academyAdmin.cookie).set('X-CSRF-Token', h.academyAdmin.csrf);
    await as(request(h.app).post(`/api/admin/ent-connectors/${connectorId}/disable`)).send({});
    expect((await preflight(PAGE)).headers['access-control-allow-origin']).toBeUndefined();
    await as(request(h.app).post(`/api/admin/ent-connectors/${connectorId}/enable`)).send({});
    expect((await preflight(PAGE)).headers['access-control-allow-origin']).toBe(PAGE);
    const added = 'https://portail.monlycee.example.org';
    expect((await preflight(added)).headers['access-control-allow-origin']).toBeUndefined();
    await as(request(h.app).patch(`/api/admin/ent-connectors/${connectorId}`)).send({ origins: [PAGE, added] });
    expect((await preflight(added)).headers['access-control-allow-origin']).toBe(added);
  });
});
