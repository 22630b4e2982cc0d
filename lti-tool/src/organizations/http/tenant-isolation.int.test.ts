import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminModule, type AdminModule } from '../../admin/admin.module.js';
import { createSignedInAdmin, createAdminTestApp, type SignedIn } from '../../admin/testing.js';
import { createAuditModule } from '../../audit/audit.module.js';
import { createKeysModule } from '../../keys/keys.module.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { PlatformSummary } from '../domain/organization.js';

const PLATFORMS: PlatformSummary[] = [
  { id: 'elea-versailles', name: 'Éléa Versailles', status: 'active', academy: 'versailles' },
  { id: 'elea-lyon', name: 'Éléa Lyon', status: 'active', academy: 'lyon' },
];

describe('tenant isolation between academies and schools', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let versailles: SignedIn;
  let lyon: SignedIn;
  let school: SignedIn;
  let auditor: SignedIn;

  const as = (who: SignedIn) => ({
    get: (url: string) => request(app).get(url).set('Cookie', who.cookie),
    send: (method: 'post' | 'patch' | 'put' | 'delete', url: string, body: object = {}) =>
      request(app)[method](url).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body),
  });

  beforeAll(async () => {
    db = await openTestDatabase('tenant_isolation');
    ({ app, admin } = await createAdminTestApp(db, {
      compose: async (ctx) => {
        const keys = await createKeysModule(ctx);
        const audit = createAuditModule(ctx);
        const adminModule = createAdminModule(ctx, { keys: keys.store, audit: audit.log, platforms: { find: async (id) => PLATFORMS.find((p) => p.id === id) } });
        return [keys, audit, adminModule];
      },
    }));
    await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await admin.academies.create({ code: 'lyon', name: 'Académie de Lyon' });
    versailles = await createSignedInAdmin(app, admin, { email: 'a@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    lyon = await createSignedInAdmin(app, admin, { email: 'a@ac-lyon.fr', role: 'academy-admin', academy: 'lyon' });
    for (const [who, uai, name] of [
      [versailles, '0780001C', 'Lycée Hoche'],
      [versailles, '0780002D', 'Collège Racine'],
      [lyon, '0690001B', 'Lycée du Parc'],
    ] as const) {
      const res = await as(who).send('post', '/api/admin/schools', { uai, name, city: 'Somewhere' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    school = await createSignedInAdmin(app, admin, { email: 'direction@hoche.fr', role: 'school-admin', academy: 'versailles', uai: '0780001C' });
    auditor = await createSignedInAdmin(app, admin, { email: 'audit@ac-versailles.fr', role: 'auditor', academy: 'versailles' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('validates the UAI, check letter included', async () => {
    const bad = await as(versailles).send('post', '/api/admin/schools', { uai: '0780001E', name: 'X', city: 'Y' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'UAI_INVALID', details: { problem: 'check-letter' } });
    const format = await as(versailles).send('post', '/api/admin/schools', { uai: '780001C', name: 'X', city: 'Y' });
    expect(format.body.details.problem).toBe('format');
  });

  it('shows an academy admin only their academy’s schools, academies, accounts and audit entries', async () => {
    const list = await as(lyon).get('/api/admin/schools');
    expect(list.body.schools.map((s: { uai: string }) => s.uai)).toEqual(['0690001B']);
    expect((await as(lyon).get('/api/admin/schools/0780001C')).body.code).toBe('SCHOOL_NOT_FOUND');
    expect((await as(lyon).send('patch', '/api/admin/schools/0780001C', { name: 'Pris' })).status).toBe(404);
    expect((await as(lyon).send('delete', '/api/admin/schools/0780001C')).status).toBe(404);
    expect((await as(lyon).get('/api/admin/academies')).body.academies.map((a: { code: string }) => a.code)).toEqual(['lyon']);
    expect((await as(lyon).get('/api/admin/academies/versailles')).status).toBe(404);
    const accounts = (await as(lyon).get('/api/admin/accounts')).body.accounts.map((a: { email: string }) => a.email);
    expect(accounts).toEqual(['a@ac-lyon.fr']);
    expect((await as(lyon).get(`/api/admin/accounts/${versailles.id}`)).status).toBe(404);
    const audit = (await as(lyon).get('/api/admin/audit')).body.entries as Array<{ scope: { academy: string }; target: { id: string } }>;
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.scope.academy === 'lyon')).toBe(true);
    expect(audit.some((e) => e.target.id === '0780001C')).toBe(false);
  });

  it('refuses the same UAI twice without saying which academy has it', async () => {
    const dup = await as(lyon).send('post', '/api/admin/schools', { uai: '0780001C', name: 'Copie', city: 'Lyon' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('SCHOOL_EXISTS');
    expect(JSON.stringify(dup.body)).not.toContain('versailles');
  });

  it('links a school only to a platform of its academy', async () => {
    const other = await as(versailles).send('put', '/api/admin/schools/0780001C/platforms/elea-lyon');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('PLATFORM_NOT_FOUND');
    const ok = await as(versailles).send('put', '/api/admin/schools/0780001C/platforms/elea-versailles');
    expect(ok.status).toBe(200);
    expect(ok.body.school.platformIds).toEqual(['elea-versailles']);
    const byPlatform = await as(versailles).get('/api/admin/schools?platformId=elea-versailles');
    expect(byPlatform.body.schools.map((s: { uai: string }) => s.uai)).toEqual(['0780001C']);
  });

  it('keeps a school admin to their own UAI', async () => {
    const list = await as(school).get('/api/admin/schools');
    expect(list.body.schools.map((s: { uai: string }) => s.uai)).toEqual(['0780001C']);
    expect((await as(school).get('/api/admin/schools/0780002D')).status).toBe(404);
    expect((await as(school).send('patch', '/api/admin/schools/0780002D', { name: 'Autre' })).status).toBe(404);
    const own = await as(school).send('patch', '/api/admin/schools/0780001C', { city: 'Versailles' });
    expect(own.status).toBe(200);
    expect(own.body.school.city).toBe('Versailles');
    const audit = (await as(school).get('/api/admin/audit')).body.entries as Array<{ scope: { uai?: string } }>;
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.scope.uai === '0780001C')).toBe(true);
    const accounts = (await as(school).get('/api/admin/accounts')).body.accounts.map((a: { email: string }) => a.email);
    expect(accounts).toEqual(['direction@hoche.fr']);
  });

  it('lets an auditor read the whole academy and change nothing', async () => {
    expect((await as(auditor).get('/api/admin/schools')).body.schools).toHaveLength(2);
    expect((await as(auditor).get('/api/admin/schools/0690001B')).status).toBe(404);
    const change = await as(auditor).send('patch', '/api/admin/schools/0780002D', { name: 'Renommé' });
    expect(change.status).toBe(403);
    expect(change.body.code).toBe('ADMIN_ROLE_FORBIDDEN');
  });

  it('records before/after of a change with actor, request id and address, and pages the log', async () => {
    const res = await as(versailles).send('patch', '/api/admin/schools/0780002D', { name: 'Collège Jean Racine' });
    const requestId = res.headers['x-request-id'];
    const page = await as(versailles).get('/api/admin/audit?action=school.update&limit=1');
    const entry = page.body.entries[0];
    expect(entry).toMatchObject({
      action: 'school.update',
      actor: { type: 'admin', email: 'a@ac-versailles.fr', role: 'academy-admin' },
      target: { type: 'school', id: '0780002D' },
      before: { name: 'Collège Racine' },
      after: { name: 'Collège Jean Racine' },
      changed: ['name'],
      requestId,
    });
    expect(entry.ip).toBeTruthy();
    const all = await as(versailles).get('/api/admin/audit?limit=2');
    expect(all.body.entries).toHaveLength(2);
    const next = await as(versailles).get(`/api/admin/audit?limit=2&cursor=${all.body.next}`);
    expect(next.body.entries[0].id).not.toBe(all.body.entries[1].id);
    expect(new Date(next.body.entries[0].at).getTime()).toBeLessThanOrEqual(new Date(all.body.entries[1].at).getTime());
    expect((await as(versailles).get('/api/admin/audit?cursor=garbage')).body.code).toBe('AUDIT_CURSOR_INVALID');
  });
});
