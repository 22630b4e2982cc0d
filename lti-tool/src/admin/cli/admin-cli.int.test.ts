import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchSessions } from '../../lti/session/launch-sessions.js';
import { LaunchSessionsRepository } from '../../lti/session/launch-sessions.repository.js';
import { createTestLaunch } from '../../lti/session/testing.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { SAMPLE_BANK_DIR } from '../../content/infrastructure/read-bank-folder.js';
import { argon2Hasher } from '../application/password-hasher.js';
import { runAdminCli } from './admin-cli.js';

describe('operators’ CLI on the real database', () => {
  let db: TestDatabase;
  let dir: string;
  const run = async (args: string[], stdin = '') => {
    let out = '';
    let err = '';
    const code = await runAdminCli(args, {
      env: { MONGODB_URI: db.uri, DATABASE_NAME: db.dbName, ENCRYPTION_KEY: 'cli-test-encryption-key-0123456789abcdef', DATA_DIR: dir },
      out: (t) => (out += t),
      err: (t) => (err += t),
      readStdin: async () => stdin,
    });
    return { code, out, err };
  };
  const collection = (name: string) => db.connection.db!.collection(name);

  beforeAll(async () => {
    db = await openTestDatabase('admin_cli');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-lti-cli-'));
  });
  afterAll(async () => {
    await db.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints usage, and refuses an unknown command or option', async () => {
    expect((await run(['help'])).out).toContain('create-admin');
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['create-admin', '--colour', 'red'])).code).toBe(2);
  });

  it('creates an academy and a first admin with a generated password shown once', async () => {
    expect((await run(['create-academy', '--code', 'versailles', '--name', 'Académie de Versailles'])).code).toBe(0);
    const created = await run(['create-admin', '--email', 'Marie.Curie@ac-versailles.fr', '--name', 'Marie Curie', '--role', 'academy-admin', '--academy', 'versailles']);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const password = /Password \(shown once[^:]*\): (\S+)/.exec(created.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const account = await collection('admin_accounts').findOne({ email: 'marie.curie@ac-versailles.fr' });
    expect(account).toMatchObject({ role: 'academy-admin', academy: 'versailles', status: 'active' });
    expect(await argon2Hasher.verify(account!.passwordHash as string, password!)).toBe(true);
    const audit = await collection('audit_log').findOne({ action: 'admin-account.create' });
    expect(audit).toMatchObject({ actor: { type: 'operator' }, scope: { academy: 'versailles' } });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('takes a password on standard input, under the same policy', async () => {
    const weak = await run(['create-admin', '--email', 'a@ac-versailles.fr', '--name', 'A', '--role', 'auditor', '--academy', 'versailles', '--password-stdin'], 'motdepasse2026\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/^ADMIN_PASSWORD_WEAK/);
    const ok = await run(['create-admin', '--email', 'a@ac-versailles.fr', '--name', 'A', '--role', 'auditor', '--academy', 'versailles', '--password-stdin'], 'baleine parapluie octobre 9\n');
    expect(ok.code).toBe(0);
    expect(ok.out).not.toContain('Password');
    const dup = await run(['create-admin', '--email', 'a@ac-versailles.fr', '--name', 'A', '--role', 'auditor', '--academy', 'versailles']);
    expect(dup.err).toMatch(/^ADMIN_EMAIL_TAKEN/);
    const unknownAcademy = await run(['create-admin', '--email', 'b@x.fr', '--name', 'B', '--role', 'auditor', '--academy', 'atlantis']);
    expect(unknownAcademy.err).toMatch(/^ACADEMY_NOT_FOUND/);
  });

  it('gives no setup link once an admin exists', async () => {
    const res = await run(['setup-link']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('An admin already exists');
  });

  it('rotates the signing key with an overlap, audited in every academy', async () => {
    const before = await collection('signing_keyring').findOne({});
    const res = await run(['rotate-keys', '--overlap-days', '2']);
    expect(res.code).toBe(0);
    const after = await collection('signing_keyring').findOne({});
    expect(after!.activeKid).not.toBe(before!.activeKid);
    const previous = await collection('signing_keys').findOne({ _id: before!.activeKid });
    const overlapMs = (previous!.retireAt as Date).getTime() - (after!.rotatedAt as Date).getTime();
    expect(Math.round(overlapMs / 3600_000)).toBe(48);
    expect(await collection('audit_log').countDocuments({ action: 'keys.rotate', 'scope.academy': 'versailles' })).toBe(1);
  });

  it('exports everything stored about a learner, by tenant and sub or by learner id', async () => {
    const sessions = new LaunchSessions(new LaunchSessionsRepository(db));
    const tenant = { issuer: 'https://elea.ac-versailles.fr', clientId: 'pix', deploymentId: '3' };
    const { session } = await createTestLaunch(sessions, { tenant, user: { sub: 'moodle-77', name: 'Léa Petit' } });
    await createTestLaunch(sessions, { tenant, user: { sub: 'moodle-78' } });
    await collection('audit_log').insertOne({ _id: 'learner-entry' as never, at: new Date(), action: 'grade.resend', actor: { type: 'admin' }, target: { type: 'learner', id: session.user.id }, scope: { academy: 'versailles' }, outcome: 'success' });

    const file = path.join(dir, 'export.json');
    const res = await run(['export-personal-data', '--issuer', tenant.issuer, '--client-id', 'pix', '--deployment-id', '3', '--sub', 'moodle-77', '--output', file]);
    expect(res.code, res.err).toBe(0);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(exported.subject).toMatchObject({ kind: 'learner', learnerId: session.user.id, sub: 'moodle-77' });
    const bySource = Object.fromEntries(exported.sections.map((s: { source: string; records: unknown[] }) => [s.source, s.records]));
    expect(bySource['lti.launch-sessions']).toHaveLength(1);
    expect(bySource['lti.launch-sessions'][0].user).toMatchObject({ sub: 'moodle-77', name: 'Léa Petit' });
    expect(bySource['lti.launch-sessions'][0]._id).toBeUndefined();
    expect(bySource['audit.entries'].map((e: { id: string }) => e.id)).toEqual(['learner-entry']);

    const byId = await run(['export-personal-data', '--learner', session.user.id]);
    expect(JSON.parse(byId.out).sections.find((s: { source: string }) => s.source === 'lti.launch-sessions').records).toHaveLength(1);
  });

  it('exports an admin’s own data without the password hash', async () => {
    const res = await run(['export-personal-data', '--admin-email', 'marie.curie@ac-versailles.fr']);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('marie.curie@ac-versailles.fr');
    expect(res.out).not.toContain('argon2');
  });

  it('imports an item bank through the content module: a bad item is reported and changes nothing, a good bank is imported and audited', async () => {
    const bad = path.join(dir, 'bad-bank');
    await fs.cp(SAMPLE_BANK_DIR, bad, { recursive: true });
    const file = path.join(bad, '1.1-recherche-veille.yaml');
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('type: QCU', 'type: QCX'));
    const refused = await run(['import-item-bank', bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('1.1-recherche-veille.yaml');
    expect(await collection('audit_log').countDocuments({ action: 'content.import' })).toBe(0);

    const dry = await run(['import-item-bank', '--dry-run', '--json', SAMPLE_BANK_DIR]);
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ ok: true, outcome: 'validated' });

    const imported = await run(['import-item-bank', SAMPLE_BANK_DIR]);
    expect(imported.code, imported.err).toBe(0);
    const entry = await collection('audit_log').findOne({ action: 'content.import' });
    expect(entry).toMatchObject({ actor: { type: 'operator' }, scope: { academy: 'versailles' }, after: { outcome: 'imported' } });
    expect((await run(['import-item-bank'])).code).toBe(1);
  });

  it('purges what is past a school year plus 3 months, with a dry run first', async () => {
    const entry = (id: string, at: string) => ({ _id: id as never, at: new Date(at), action: 'school.update', actor: { type: 'admin' }, target: { type: 'school', id: 'x' }, scope: { academy: 'versailles' }, outcome: 'success' });
    await collection('audit_log').insertMany([entry('old-1', '2025-06-30T10:00:00Z'), entry('old-2', '2026-08-31T23:00:00Z'), entry('recent', '2026-09-02T10:00:00Z')]);
    const dry = await run(['purge', '--dry-run', '--now', '2026-12-15T00:00:00Z']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('Would delete data last touched before 2026-09-01T00:00:00.000Z');
    expect(await collection('audit_log').countDocuments({ _id: { $in: ['old-1', 'old-2'] as never[] } })).toBe(2);
    // Before 1 December, 2025–26 is still in its grace period: only 2024–25 goes.
    const early = await run(['purge', '--now', '2026-11-15T00:00:00Z']);
    expect(early.out).toMatch(/audit\.entries: 1\n/);
    const res = await run(['purge', '--now', '2026-12-15T00:00:00Z']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/audit\.entries: \d+\n/);
    expect(await collection('audit_log').countDocuments({ _id: { $in: ['old-1', 'old-2'] as never[] } })).toBe(0);
    expect(await collection('audit_log').countDocuments({ _id: 'recent' as never })).toBe(1);
  });
});
