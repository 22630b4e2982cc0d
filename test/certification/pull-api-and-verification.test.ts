import request from 'supertest';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFinishedSession, seedPublishedSession } from '../../lti-tool/src/certification/testing/seed.js';
import { finaliseSession } from '../../lti-tool/src/certification/application/finalise-session.js';
import { registerRegistryClient } from '../../lti-tool/src/registry/application/registry-clients.js';
import { startCertificationStack, type CertificationStack } from '../support/certification-stack.js';

let stack: CertificationStack;
let versaillesResult: { verificationCode: string; id: string };
const clients: Record<string, { id: string; secret: string }> = {};

beforeAll(async () => {
  stack = await startCertificationStack('pull-api', { env: { VERIFICATION_REQUESTS_PER_MINUTE: '12' } });
  const deps = stack.certification.deps;
  const { courseIds } = await seedPublishedSession(deps, {
    uai: '0781234A',
    academyId: 'versailles',
    candidates: 2,
    identity: (i) => (i === 0 ? { learnerId: 'l-0', firstName: 'Léa', lastName: 'Martin', birthdate: '2011-05-04', nationalStudentId: '123456789AB' } : { learnerId: 'l-1' }),
  });
  await seedPublishedSession(deps, { uai: '0941111Z', academyId: 'creteil', candidates: 1 });
  // A finalised, unpublished session: its candidates are "pending" for the livret.
  const pending = await seedFinishedSession(deps, { uai: '0781234A', academyId: 'versailles', candidates: 1, date: '2026-04-02' });
  await finaliseSession({ sessionId: pending.sessionId, scope: 'all' }, deps);
  const first = (await deps.results.find(courseIds[0]!))!;
  versaillesResult = { verificationCode: first.verificationCode, id: first.id };
  for (const academyId of ['versailles', 'creteil']) {
    const { client, clientSecret } = await registerRegistryClient({ name: `LSU ${academyId}`, academyId }, stack.registry.deps);
    clients[academyId] = { id: client.clientId, secret: clientSecret };
  }
});
afterAll(async () => stack?.close());

async function token(academyId: string): Promise<string> {
  const { id, secret } = clients[academyId]!;
  const res = await request(stack.url).post('/api/oauth/token').auth(id, secret).type('form').send({ grant_type: 'client_credentials', scope: 'organizations-certifications-result' });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

describe('OAuth2 client credentials (POST /api/oauth/token)', () => {
  it('issues a short-lived bearer token with the livret scope', async () => {
    const res = await request(stack.url).post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clients.versailles!.id, client_secret: clients.versailles!.secret });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'organizations-certifications-result' });
  });

  it.each([
    [{ grant_type: 'password' }, 400, 'unsupported_grant_type'],
    [{ grant_type: 'client_credentials', client_id: 'reg_nobody', client_secret: 'x' }, 401, 'invalid_client'],
    [{ grant_type: 'client_credentials', scope: 'admin' }, 400, 'invalid_scope'],
  ])('refuses %j with %i %s', async (body, status, error) => {
    const req = request(stack.url).post('/api/oauth/token').type('form');
    if (!('client_id' in body) && body.grant_type === 'client_credentials') req.auth(clients.versailles!.id, clients.versailles!.secret);
    const res = await req.send(body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error, code: expect.stringMatching(/^OAUTH_/), requestId: expect.any(String) });
  });

  it('refuses a wrong secret for a real client', async () => {
    const res = await request(stack.url).post('/api/oauth/token').auth(clients.versailles!.id, 'wrong').type('form').send({ grant_type: 'client_credentials' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('OAUTH_INVALID_CLIENT');
  });
});

describe('pull API GET /api/organizations/{uai}/certifications', () => {
  it('returns the school’s certifications in the livret scolaire’s shape, with identity only when known', async () => {
    const res = await request(stack.url).get('/api/organizations/0781234A/certifications').auth(await token('versailles'), { type: 'bearer' });
    expect(res.status).toBe(200);
    const { certifications, competences, framework, uai } = res.body.data;
    expect(uai).toBe('0781234A');
    expect(framework).toBe('CORE');
    expect(competences).toHaveLength(16);
    expect(competences[0]).toMatchObject({ id: '1.1', area: { id: '1' } });
    const lea = certifications.find((c: { nationalStudentId?: string }) => c.nationalStudentId === '123456789AB');
    expect(lea).toMatchObject({
      firstName: 'Léa',
      lastName: 'Martin',
      birthdate: '2011-05-04',
      status: expect.stringMatching(/validated|rejected/),
      pixScore: expect.any(Number),
      verificationCode: versaillesResult.verificationCode,
      date: '2026-03-10T00:00:00.000Z',
      certificationCenter: 'Collège 0781234A',
    });
    if (lea.status === 'validated') expect(lea.competenceResults).toHaveLength(16);
    expect(lea.competenceResults[0] ?? { competenceId: '1.1', level: 0 }).toMatchObject({ competenceId: expect.stringMatching(/^\d\.\d$/), level: expect.any(Number) });
    const anonymous = certifications.find((c: { id: string; status: string; nationalStudentId?: string }) => !c.nationalStudentId && c.id !== lea.id && c.status !== 'pending');
    expect(anonymous).not.toHaveProperty('firstName');
    expect(certifications.filter((c: { status: string }) => c.status === 'pending')).toHaveLength(1);
  });

  it('keeps each client to its academy’s schools', async () => {
    const creteil = await token('creteil');
    const res = await request(stack.url).get('/api/organizations/0781234A/certifications').auth(creteil, { type: 'bearer' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ORGANIZATION_NOT_FOUND');
    const own = await request(stack.url).get('/api/organizations/0941111Z/certifications').auth(creteil, { type: 'bearer' });
    expect(own.status).toBe(200);
    expect(own.body.data.certifications).toHaveLength(1);
  });

  it('needs a valid token of the right kind', async () => {
    expect((await request(stack.url).get('/api/organizations/0781234A/certifications')).body.code).toBe('ACCESS_TOKEN_MISSING');
    const forged = await request(stack.url).get('/api/organizations/0781234A/certifications').auth('eyJhbGciOiJIUzI1NiJ9.e30.x', { type: 'bearer' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('ACCESS_TOKEN_INVALID');
    // A VC-JWT signed by the same key is not an access token (typ, audience).
    const vc = await stack.registry.deps.signer.sign({ iss: stack.config.publicUrl, aud: `${stack.config.publicUrl}/api/organizations`, scope: 'organizations-certifications-result', sub: clients.versailles!.id }, { typ: 'vc+jwt' });
    expect((await request(stack.url).get('/api/organizations/0781234A/certifications').auth(vc, { type: 'bearer' })).status).toBe(401);
  });

  it('stops accepting the tokens of a revoked client', async () => {
    const { client, clientSecret } = await registerRegistryClient({ name: 'temporary', academyId: 'versailles' }, stack.registry.deps);
    const res = await request(stack.url).post('/api/oauth/token').auth(client.clientId, clientSecret).type('form').send({ grant_type: 'client_credentials' });
    await stack.registry.deps.clients.revoke(client.clientId, new Date());
    const pulled = await request(stack.url).get('/api/organizations/0781234A/certifications').auth(res.body.access_token, { type: 'bearer' });
    expect(pulled.status).toBe(401);
  });

  it('pages with a cursor', async () => {
    const auth = await token('versailles');
    const first = await request(stack.url).get('/api/organizations/0781234A/certifications?limit=1').auth(auth, { type: 'bearer' });
    expect(first.body.meta.nextCursor).toEqual(expect.any(String));
    const second = await request(stack.url).get(`/api/organizations/0781234A/certifications?limit=1&cursor=${first.body.meta.nextCursor}`).auth(auth, { type: 'bearer' });
    const ids = (r: request.Response) => r.body.data.certifications.filter((c: { status: string }) => c.status !== 'pending').map((c: { id: string }) => c.id);
    expect(ids(second)).toHaveLength(1);
    expect(ids(second)[0]).not.toBe(ids(first)[0]);
  });
});

describe('public verification by code', () => {
  it('shows what the attestation shows and nothing more', async () => {
    const res = await request(stack.url).get(`/api/certifications/verify/${versaillesResult.verificationCode.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['centre', 'certifiedOn', 'competenceLevels', 'firstName', 'framework', 'lastName', 'pixScore', 'status', 'validUntil', 'verificationCode'].sort());
    expect(res.body).toMatchObject({ firstName: 'Léa', verificationCode: versaillesResult.verificationCode, validUntil: '2029-03-10', centre: { uai: '0781234A' } });
    expect(JSON.stringify(res.body)).not.toMatch(/123456789AB|2011-05-04|l-0/);
  });

  it('answers 404 CERTIFICATE_NOT_FOUND for unknown or malformed codes', async () => {
    for (const code of ['P-BCDFGHJK', 'nonsense', 'P-0000000']) {
      const res = await request(stack.url).get(`/api/certifications/verify/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
    }
  });

  it('serves a French, accessible HTML page', async () => {
    const res = await request(stack.url).get(`/certifications/verification?code=${versaillesResult.verificationCode}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<label for="code">');
    expect(res.text).toContain('aria-live="polite"');
    expect(res.text).toContain('Collège 0781234A');
    const missing = await request(stack.url).get('/certifications/verification?code=P-BCDFGHJK');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Aucune certification ne correspond');
  });

  it('delivers the PDF attestation made with pdfkit', async () => {
    const res = await request(stack.url).get(`/api/certifications/verify/${versaillesResult.verificationCode}/attestation.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(res.body as Buffer);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(`Attestation de certification Pix ${versaillesResult.verificationCode}`);
  });

  it('is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 14; i++) last = (await request(stack.url).get('/api/certifications/verify/P-BCDFGHJK')).status;
    expect(last).toBe(429);
  });
});
