import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminModule } from '../../admin/admin.module.js';
import { createAdminTestApp, createSignedInAdmin, type SignedIn } from '../../admin/testing.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';

/** "Send a test credential" against a real HTTP registry on loopback. */
describe('registry: send a test credential', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let versailles: SignedIn;
  let creteil: SignedIn;
  let registry: Server;
  let registryUrl: string;
  let answer = 201;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  const as = (who: SignedIn) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const configure = (url: string) =>
    request(app).put('/api/admin/registry/academies/versailles/endpoint').set(as(versailles)).send({ url, auth: { kind: 'bearer', token: 'registry-token-0123456789' }, enabled: false });

  beforeAll(async () => {
    registry = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer, { 'Content-Type': 'application/json' }).end(answer < 300 ? '{}' : '{"error":"unknown achievement"}');
      });
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/credentials`;
    db = await openTestDatabase('registry_test_credential');
    ({ app, admin } = await createAdminTestApp(db));
    for (const code of ['versailles', 'creteil']) await admin.academies.create({ code, name: code });
    versailles = await createSignedInAdmin(app, admin, { email: 'admin@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    creteil = await createSignedInAdmin(app, admin, { email: 'admin@ac-creteil.fr', role: 'academy-admin', academy: 'creteil' });
  });
  afterAll(async () => {
    await db.drop();
    await new Promise((resolve) => registry.close(resolve));
  });

  it('says when no endpoint is configured', async () => {
    const res = await request(app).post('/api/admin/registry/academies/versailles/endpoint/test').set(as(versailles));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('REGISTRY_ENDPOINT_NOT_FOUND');
  });

  it('pushes a signed credential about no pupil with the endpoint’s credentials, even while it is disabled', async () => {
    expect((await configure(registryUrl)).status).toBe(200);
    const res = await request(app).post('/api/admin/registry/academies/versailles/endpoint/test').set(as(versailles));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, outcome: 'delivered', status: 201, credentialId: expect.stringMatching(/^urn:uuid:/) });
    const sent = received.at(-1)!;
    expect(sent.headers['content-type']).toBe('application/vc+jwt');
    expect(sent.headers.authorization).toBe('Bearer registry-token-0123456789');
    expect(sent.headers['idempotency-key']).toMatch(/^connection-test-/);
    const jwks = (await request(app).get('/.well-known/jwks.json')).body;
    const { payload, protectedHeader } = await jwtVerify(sent.body, createLocalJWKSet(jwks));
    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload).toMatchObject({ jti: res.body.credentialId, sub: 'urn:pix-lti:connection-test:versailles' });
    expect((payload.credentialSubject as { achievement: { id: string } }).achievement.id).toMatch(/\/achievements\/connection-test$/);
    // Nothing went through the outbox.
    expect((await request(app).get('/api/admin/registry/outbox').set(as(versailles))).body.entries).toEqual([]);
  });

  it('reports the registry’s refusal and an unreachable registry', async () => {
    answer = 422;
    const refused = await request(app).post('/api/admin/registry/academies/versailles/endpoint/test').set(as(versailles));
    expect(refused.body).toMatchObject({ ok: false, outcome: 'refused', status: 422, error: expect.stringContaining('unknown achievement') });
    answer = 201;
    await configure('http://127.0.0.1:9/nothing-listens-here');
    const unreachable = await request(app).post('/api/admin/registry/academies/versailles/endpoint/test').set(as(versailles));
    expect(unreachable.body).toMatchObject({ ok: false, outcome: 'unreachable' });
  });

  it('is refused for another academy', async () => {
    const res = await request(app).post('/api/admin/registry/academies/versailles/endpoint/test').set(as(creteil));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACADEMY_FORBIDDEN');
  });
});
