import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminModule } from '../../admin/admin.module.js';
import { createAdminTestApp, createSignedInAdmin, type SignedIn } from '../../admin/testing.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { bankFiles, smallBank } from '../testing/bank-files.js';
import { ITEM_BANK_UPLOAD_TYPE } from './content-admin.routes.js';

const UAI = '0750654D';

/** The item bank screens' API on the whole app, with real admin sessions. */
describe('item bank admin API', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let academyAdmin: SignedIn;
  let schoolAdmin: SignedIn;
  let auditor: SignedIn;
  let lyon: SignedIn;

  const as = (who: SignedIn) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const upload = (who: SignedIn, files: ReturnType<typeof bankFiles>, dryRun = false) =>
    request(app)
      .post('/api/admin/item-bank/imports')
      .set(as(who))
      .set('Content-Type', ITEM_BANK_UPLOAD_TYPE)
      .send(JSON.stringify({ dryRun, files: files.map((f) => (typeof f.content === 'string' ? { name: f.name, text: f.content } : { name: f.name, base64: Buffer.from(f.content).toString('base64') })) }));
  const activeVersion = async () => (await request(app).get('/api/admin/item-bank').set(as(auditor))).body.activeVersionId as string;

  beforeAll(async () => {
    db = await openTestDatabase('content_admin');
    ({ app, admin } = await createAdminTestApp(db));
    await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await db.connection.db!.collection('schools').insertOne({ _id: UAI as never, name: 'Lycée', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: new Date(), updatedAt: new Date() });
    academyAdmin = await createSignedInAdmin(app, admin, { email: 'admin@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    schoolAdmin = await createSignedInAdmin(app, admin, { email: 'ce@lycee.fr', role: 'school-admin', academy: 'versailles', uai: UAI });
    auditor = await createSignedInAdmin(app, admin, { email: 'audit@ac-versailles.fr', role: 'auditor', academy: 'versailles' });
    await admin.academies.create({ code: 'lyon', name: 'Académie de Lyon' });
    lyon = await createSignedInAdmin(app, admin, { email: 'audit@ac-lyon.fr', role: 'auditor', academy: 'lyon' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('shows the active version, its counts and the competences to everyone', async () => {
    const res = await request(app).get('/api/admin/item-bank').set(as(schoolAdmin));
    expect(res.status).toBe(200);
    expect(res.body.activeVersionId).toMatch(/@[0-9a-f]{16}$/);
    expect(res.body.counts.challenges).toBeGreaterThan(10);
    expect(res.body.versions).toContainEqual(expect.objectContaining({ id: res.body.activeVersionId, complete: true }));
    expect(res.body.competences).toContainEqual(expect.objectContaining({ code: '1.1' }));
  });

  it('refuses a bank with one bad item: every error names its file, item and field, and nothing changes', async () => {
    const before = await activeVersion();
    const bank = smallBank();
    const challenges = bank.content.challenges as Array<Record<string, unknown>>;
    challenges[0]!.solution = 7; // a QCU with two choices
    delete challenges[2]!.instruction;
    const res = await upload(academyAdmin, bankFiles(bank));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'SOLUTION_INVALID', file: '1.1.yaml', item: 'qcu-1', field: 'solution' }),
        expect.objectContaining({ code: 'SCHEMA_VIOLATION', file: '1.1.yaml', item: 'qroc-1', field: 'instruction', line: expect.any(Number) }),
      ]),
    );
    expect(await activeVersion()).toBe(before);
    const audit = (await request(app).get('/api/admin/audit').query({ action: 'content.import' }).set(as(auditor))).body;
    expect(audit.entries[0]).toMatchObject({ action: 'content.import', outcome: 'failure', actor: expect.objectContaining({ email: 'admin@ac-versailles.fr' }) });
  });

  it('validates without writing on a dry run, then imports and activates', async () => {
    const before = await activeVersion();
    const dry = await upload(academyAdmin, bankFiles(), true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ ok: true, outcome: 'validated', counts: expect.objectContaining({ challenges: 5 }) });
    expect(await activeVersion()).toBe(before);

    const svg = { name: 'images/a.svg', content: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') };
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[0]!.illustration = { src: 'images/a.svg', alt: 'Un schéma' };
    const res = await upload(academyAdmin, bankFiles(bank, [svg]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ok: true, outcome: 'imported', previousVersionId: before });
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ code: 'REMOVED_FROM_ACTIVE_VERSION' }));
    expect(await activeVersion()).toBe(res.body.versionId);
    // The bank serves every academy: each one's log shows the new version, the refused attempt stays with its author's.
    const elsewhere = (await request(app).get('/api/admin/audit').query({ action: 'content.import' }).set(as(lyon))).body.entries;
    expect(elsewhere).toEqual([expect.objectContaining({ outcome: 'success', target: expect.objectContaining({ id: res.body.versionId }) })]);
  });

  it('lists, filters and previews challenges as a learner sees them, without the solution', async () => {
    const list = await request(app).get('/api/admin/item-bank/challenges').query({ type: 'QCU' }).set(as(auditor));
    expect(list.body).toMatchObject({ total: 1, challenges: [{ id: 'qcu-1', type: 'QCU', status: 'validated', skill: { name: '@recherche1', level: 1 } }] });
    const search = await request(app).get('/api/admin/item-bank/challenges').query({ q: '@sources' }).set(as(auditor));
    expect(search.body.challenges.map((c: { id: string }) => c.id)).toEqual(['ind-1', 'dep-1']);
    const preview = await request(app).get('/api/admin/item-bank/challenges/qcu-1/preview').set(as(schoolAdmin));
    expect(preview.status).toBe(200);
    expect(preview.body.challenge).toMatchObject({ id: 'qcu-1', type: 'QCU', illustration: { alt: 'Un schéma' } });
    expect(JSON.stringify(preview.body)).not.toMatch(/solution/);
    const missing = await request(app).get('/api/admin/item-bank/challenges/nope/preview').set(as(auditor));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('CHALLENGE_NOT_FOUND');
  });

  it('withdraws and restores a challenge (audited); auditors and school admins may not', async () => {
    const refused = await request(app).post('/api/admin/item-bank/challenges/qcm-1/status').set(as(auditor)).send({ status: 'obsolete' });
    expect(refused.status).toBe(403);
    const schoolRefused = await request(app).post('/api/admin/item-bank/challenges/qcm-1/status').set(as(schoolAdmin)).send({ status: 'obsolete' });
    expect(schoolRefused.status).toBe(403);
    const res = await request(app).post('/api/admin/item-bank/challenges/qcm-1/status').set(as(academyAdmin)).send({ status: 'obsolete', reason: 'Deux bonnes réponses' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ challengeId: 'qcm-1', status: 'obsolete', fileStatus: 'validated', overridden: true });
    const listed = await request(app).get('/api/admin/item-bank/challenges').query({ status: 'obsolete' }).set(as(auditor));
    expect(listed.body.challenges.map((c: { id: string }) => c.id)).toEqual(['qcm-1']);
    const audit = (await request(app).get('/api/admin/audit').query({ targetId: 'qcm-1' }).set(as(auditor))).body;
    expect(audit.entries[0]).toMatchObject({ action: 'content.challenge.status' });
    const restored = await request(app).post('/api/admin/item-bank/challenges/qcm-1/status').set(as(academyAdmin)).send({ status: 'validated' });
    expect(restored.body).toMatchObject({ status: 'validated', overridden: false });
  });

  it('validates its input', async () => {
    const bad = await request(app).post('/api/admin/item-bank/imports').set(as(academyAdmin)).send({ files: [{ name: 'a.yaml' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const badStatus = await request(app).post('/api/admin/item-bank/challenges/qcu-1/status').set(as(academyAdmin)).send({ status: 'gone' });
    expect(badStatus.status).toBe(400);
  });
});
