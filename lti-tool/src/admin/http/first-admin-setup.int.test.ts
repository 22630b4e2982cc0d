import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { AdminModule } from '../admin.module.js';
import { createAdminTestApp, TEST_PUBLIC_URL } from '../testing.js';

describe('first admin from a one-time setup link', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  const form = (token: string, overrides: object = {}) => ({
    token,
    email: 'rectorat@ac-lille.fr',
    displayName: 'Service numérique',
    password: 'hirondelle cartable nuage 31',
    academy: { code: 'lille', name: 'Académie de Lille' },
    ...overrides,
  });

  beforeAll(async () => {
    db = await openTestDatabase('admin_setup');
    ({ app, admin } = await createAdminTestApp(db));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('issues a link while no admin exists; only the last one works, and it is stored hashed', async () => {
    const first = await admin.setup.issueLink(TEST_PUBLIC_URL);
    const link = await admin.setup.issueLink(TEST_PUBLIC_URL);
    expect(link!.url).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/admin/#/setup/[A-Za-z0-9_-]{43}$`));
    const token = link!.url.split('/').pop()!;
    const oldToken = first!.url.split('/').pop()!;
    expect((await request(app).post('/api/admin/setup/check').send({ token: oldToken })).body.code).toBe('ADMIN_SETUP_TOKEN_INVALID');
    expect((await request(app).post('/api/admin/setup/check').send({ token })).body).toEqual({ valid: true });
    const stored = await db.connection.db!.collection('admin_setup_tokens').find().toArray();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    // A weak password does not burn the link.
    const weak = await request(app).post('/api/admin/setup').send(form(token, { password: 'motdepasse' }));
    expect(weak.body.code).toBe('ADMIN_PASSWORD_WEAK');

    const done = await request(app).post('/api/admin/setup').send(form(token));
    expect(done.status).toBe(201);
    expect(done.body.admin).toMatchObject({ email: 'rectorat@ac-lille.fr', role: 'academy-admin', academy: 'lille' });
    const signIn = await request(app).post('/api/admin/session').send({ email: 'rectorat@ac-lille.fr', password: 'hirondelle cartable nuage 31' });
    expect(signIn.status).toBe(201);

    const again = await request(app).post('/api/admin/setup').send(form(token, { email: 'other@ac-lille.fr' }));
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ADMIN_SETUP_TOKEN_INVALID');
  });

  it('issues no link once an admin exists', async () => {
    expect(await admin.setup.issueLink(TEST_PUBLIC_URL)).toBeUndefined();
    expect(await db.connection.db!.collection('admin_setup_tokens').countDocuments()).toBe(0);
  });

  it('refuses an expired link', async () => {
    const token = 'A'.repeat(43);
    const hash = createHash('sha256').update(token).digest('base64url');
    const tokens = db.connection.db!.collection('admin_setup_tokens');
    await tokens.insertOne({ _id: hash as never, createdAt: new Date(Date.now() - 7200_000), expiresAt: new Date(Date.now() + 60_000) });
    expect((await request(app).post('/api/admin/setup/check').send({ token })).body).toEqual({ valid: true });
    await tokens.updateOne({ _id: hash as never }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await request(app).post('/api/admin/setup/check').send({ token });
    expect(res.body.code).toBe('ADMIN_SETUP_TOKEN_INVALID');
  });
});
