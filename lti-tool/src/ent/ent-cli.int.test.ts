import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCli } from '../admin/cli/admin-cli.js';
import { openTestDatabase, type TestDatabase } from '../platform/testing/test-database.js';
import { FakeEnt } from './testing/fake-ent.js';

describe('operators’ CLI: ENT connectors', () => {
  let db: TestDatabase;
  let dir: string;
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runAdminCli(args, {
      env: { MONGODB_URI: db.uri, DATABASE_NAME: db.dbName, ENCRYPTION_KEY: 'cli-test-encryption-key-0123456789abcdef', DATA_DIR: dir, PUBLIC_URL: 'https://pix-lti.example.org' },
      out: (t) => (out += t),
      err: (t) => (err += t),
      readStdin: async () => '',
    });
    return { code, out, err };
  };

  beforeAll(async () => {
    db = await openTestDatabase('ent_cli');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-lti-ent-cli-'));
    expect((await run(['create-academy', '--code', 'versailles', '--name', 'Académie de Versailles'])).code).toBe(0);
    const now = new Date();
    await db.connection.db!.collection('schools').insertOne({ _id: '0750654D' as never, name: 'Louis-le-Grand', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: now, updatedAt: now });
  });
  afterAll(async () => {
    await db.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('registers a connector with a public JWKS file, lists it, disables and enables it, audited as the operator', async () => {
    const ent = await FakeEnt.start({ alg: 'ES256' });
    const file = path.join(dir, 'jwks.json');
    await fs.writeFile(file, JSON.stringify({ keys: ent.publicJwks }));
    await ent.close();
    const created = await run(['ent-connector-create', '--academy', 'versailles', '--issuer', 'https://ent.example.org', '--name', 'ENT 75', '--jwks-file', file, '--uais', '0750654d', '--origins', 'https://ent.example.org,https://www.ent.example.org']);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain('aud=https://pix-lti.example.org');
    const id = /connector (ent_[0-9a-f-]{36})/.exec(created.out)![1]!;
    const listed = await run(['ent-connector-list']);
    expect(listed.out).toContain(`${id}  active    versailles  https://ent.example.org  "ENT 75"  schools 0750654D  origins https://ent.example.org,https://www.ent.example.org`);
    expect((await run(['ent-connector-disable', '--id', id])).out).toContain('disabled');
    expect((await run(['ent-connector-enable', '--id', id])).out).toContain('active');
    const actions = await db.connection.db!.collection('audit_log').find({ 'target.id': id }).toArray();
    expect(actions.map((a) => a.action).sort()).toEqual(['ent-connector.create', 'ent-connector.disable', 'ent-connector.enable']);
    expect(actions.every((a) => a.actor.type === 'operator')).toBe(true);
  });

  it('says what is wrong in one line', async () => {
    const foreign = await run(['ent-connector-create', '--academy', 'versailles', '--issuer', 'https://other.example.org', '--name', 'X', '--jwks-url', 'https://other.example.org/jwks', '--uais', '0780001C']);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(/^ENT_CONNECTOR_SCHOOL_UNKNOWN: Not schools of academy versailles: 0780001C/);
    const noKeys = await run(['ent-connector-create', '--academy', 'versailles', '--issuer', 'https://other.example.org', '--name', 'X', '--uais', '0750654D']);
    expect(noKeys.err).toMatch(/^ENT_CONNECTOR_KEYS_INVALID/);
  });
});
