import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedInAdmin, type SignedIn } from '../../admin/testing.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { startEntHarness, UAI, type EntHarness } from '../testing/ent-harness.js';

const BASE = '/api/admin/ent-connectors';
const VALID = {
  issuer: 'https://ent.monlycee.example.org',
  name: 'Mon lycée.net',
  jwksUrl: 'https://ent.monlycee.example.org/.well-known/jwks.json',
  uais: [UAI.lycee.toLowerCase(), UAI.college],
  origins: ['https://ENT.monlycee.example.org/', 'https://www.monlycee.example.org'],
};

describe('ENT connectors admin API', () => {
  let db: TestDatabase;
  let h: EntHarness;
  let auditor: SignedIn;
  let schoolAdmin: SignedIn;
  let otherAcademy: SignedIn;

  beforeAll(async () => {
    db = await openTestDatabase('ent_admin');
    h = await startEntHarness(db);
    auditor = await createSignedInAdmin(h.app, h.admin, { email: 'audit@ac-versailles.fr', role: 'auditor', academy: 'versailles' });
    schoolAdmin = await createSignedInAdmin(h.app, h.admin, { email: 'sa@ac-versailles.fr', role: 'school-admin', academy: 'versailles', uai: UAI.lycee });
    otherAcademy = await createSignedInAdmin(h.app, h.admin, { email: 'aa@ac-creteil.fr', role: 'academy-admin', academy: 'creteil' });
  });
  afterAll(async () => {
    await db.drop();
  });

  const as = (who: SignedIn, req: request.Test) => req.set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf);
  const post = (who: SignedIn, path: string, body: unknown) => as(who, request(h.app).post(path)).send(body as object);

  it('registers a connector in the admin’s academy, normalised, and audits it', async () => {
    const res = await post(h.academyAdmin, BASE, VALID);
    expect(res.status).toBe(201);
    const c = res.body.connector;
    expect(c).toMatchObject({
      issuer: VALID.issuer,
      academy: 'versailles',
      uais: [UAI.lycee, UAI.college].sort(),
      origins: ['https://ent.monlycee.example.org', 'https://www.monlycee.example.org'],
      status: 'active',
      jwks: null,
      createdBy: h.academyAdmin.id,
    });
    expect(c.id).toMatch(/^ent_/);
    expect(res.headers.location).toBe(`${BASE}/${c.id}`);
    const audit = await as(h.academyAdmin, request(h.app).get('/api/admin/audit'));
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'ent-connector.create')).toMatchObject({ target: { type: 'ent-connector', id: c.id }, scope: { academy: 'versailles' } });
  });

  it.each([
    ['a school of another academy', { issuer: 'https://a.example.org', uais: [UAI.creteil] }, 400, 'ENT_CONNECTOR_SCHOOL_UNKNOWN'],
    ['a UAI with a wrong check letter', { issuer: 'https://b.example.org', uais: ['0750654E'] }, 400, 'UAI_INVALID'],
    ['a page URL instead of an origin', { issuer: 'https://c.example.org', origins: ['https://ent.example.org/portail'] }, 400, 'ENT_CONNECTOR_ORIGIN_INVALID'],
    ['a wildcard origin', { issuer: 'https://d.example.org', origins: ['https://*.example.org'] }, 400, 'ENT_CONNECTOR_ORIGIN_INVALID'],
    ['both a JWKS URL and keys', { issuer: 'https://e.example.org', jwks: [{ kty: 'RSA', kid: 'k', n: 'n', e: 'AQAB' }] }, 400, 'ENT_CONNECTOR_KEYS_INVALID'],
    ['a private key', { issuer: 'https://f.example.org', jwksUrl: undefined, jwks: [{ kty: 'RSA', kid: 'k', n: 'n', e: 'AQAB', d: 'secret' }] }, 400, 'ENT_CONNECTOR_KEYS_INVALID'],
    ['an issuer that is not a URL', { issuer: 'mon-ent' }, 400, 'VALIDATION_FAILED'],
    ['an already registered issuer', {}, 409, 'ENT_CONNECTOR_EXISTS'],
    ['another academy', { issuer: 'https://g.example.org', academy: 'creteil' }, 400, 'ENT_CONNECTOR_ACADEMY_FORBIDDEN'],
    ['an unknown field', { issuer: 'https://h.example.org', secret: 'x' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_label, change, status, code) => {
    const res = await post(h.academyAdmin, BASE, { ...VALID, ...change });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('lets auditors read, and keeps other academies and school admins out', async () => {
    const { body } = await post(h.academyAdmin, BASE, { ...VALID, issuer: 'https://read.example.org' });
    const id = body.connector.id as string;
    expect((await as(auditor, request(h.app).get(`${BASE}/${id}`))).status).toBe(200);
    expect((await as(auditor, request(h.app).get(BASE))).body.connectors.map((c: { id: string }) => c.id)).toContain(id);
    const write = await post(auditor, `${BASE}/${id}/disable`, {});
    expect(write.status).toBe(403);
    expect((await as(schoolAdmin, request(h.app).get(BASE))).status).toBe(403);
    const foreign = await as(otherAcademy, request(h.app).get(`${BASE}/${id}`));
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('ENT_CONNECTOR_NOT_FOUND');
    expect((await as(otherAcademy, request(h.app).get(BASE))).body.connectors).toEqual([]);
    expect((await post(otherAcademy, `${BASE}/${id}/disable`, {})).status).toBe(404);
  });

  it('changes keys, schools and origins, and audits before and after', async () => {
    const { body } = await post(h.academyAdmin, BASE, { ...VALID, issuer: 'https://change.example.org' });
    const id = body.connector.id as string;
    const jwks = [{ kty: 'EC', kid: 'ec-1', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }];
    const res = await as(h.academyAdmin, request(h.app).patch(`${BASE}/${id}`)).send({ jwks, uais: [UAI.lycee], origins: [] });
    expect(res.status).toBe(200);
    expect(res.body.connector).toMatchObject({ jwksUrl: null, jwks, uais: [UAI.lycee], origins: [] });
    const empty = await as(h.academyAdmin, request(h.app).patch(`${BASE}/${id}`)).send({});
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const audit = await as(h.academyAdmin, request(h.app).get('/api/admin/audit'));
    const entry = audit.body.entries.find((e: { action: string; target: { id: string } }) => e.action === 'ent-connector.update' && e.target.id === id);
    expect(entry.changed).toEqual(expect.arrayContaining(['jwks', 'jwksUrl', 'origins', 'uais']));
  });

  it('disables and enables, auditing each change once', async () => {
    const { body } = await post(h.academyAdmin, BASE, { ...VALID, issuer: 'https://status.example.org' });
    const id = body.connector.id as string;
    expect((await post(h.academyAdmin, `${BASE}/${id}/disable`, {})).body.connector.status).toBe('disabled');
    expect((await post(h.academyAdmin, `${BASE}/${id}/disable`, {})).body.connector.status).toBe('disabled');
    expect((await as(h.academyAdmin, request(h.app).get(`${BASE}?status=disabled`))).body.connectors.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await post(h.academyAdmin, `${BASE}/${id}/enable`, {})).body.connector.status).toBe('active');
    const audit = await as(h.academyAdmin, request(h.app).get('/api/admin/audit'));
    const actions = audit.body.entries.filter((e: { target: { id: string } }) => e.target.id === id).map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['ent-connector.create', 'ent-connector.disable', 'ent-connector.enable']);
  });

  it('exports the connectors an admin touched as that admin’s personal data', async () => {
    const { PersonalDataRegistry } = await import('../../platform/privacy/personal-data.js');
    const sections = await PersonalDataRegistry.fromModules(h.modules).exportFor({ kind: 'admin', adminId: h.academyAdmin.id, email: 'aa@ac-versailles.fr' });
    const records = sections.find((s) => s.source === 'ent.connectors')!.records as Array<{ createdBy: string }>;
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.createdBy === h.academyAdmin.id)).toBe(true);
  });
});
