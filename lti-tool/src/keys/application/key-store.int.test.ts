import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { SigningKeysRepository } from '../infrastructure/signing-keys.repository.js';
import { KeyStore } from './key-store.js';

describe('KeyStore', () => {
  let db: TestDatabase;
  let now: Date;
  const box = new SecretBox('k'.repeat(40), 'signing-keys');
  const storeOn = (database: TestDatabase) => new KeyStore(new SigningKeysRepository(database), box, silentLogger(), () => now);

  beforeAll(async () => {
    db = await openTestDatabase('keys');
    now = new Date('2026-11-01T08:00:00Z');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates exactly one first key even when several instances start together', async () => {
    const stores = [storeOn(db), storeOn(db), storeOn(db)];
    await Promise.all(stores.map((s) => s.ensureActiveKey()));
    const kids = await Promise.all(stores.map((s) => s.activeKid()));
    expect(new Set(kids).size).toBe(1);
    expect((await stores[0]!.jwks()).keys).toHaveLength(1);
    expect(await db.connection.db!.collection('signing_keys').countDocuments()).toBe(1);
  });

  it('stores the private key sealed, never as clear PEM', async () => {
    const doc = await db.connection.db!.collection('signing_keys').findOne({});
    expect(JSON.stringify(doc)).not.toContain('PRIVATE KEY');
    expect(doc?.sealedPrivateKey).toMatch(/^v1\./);
  });

  it('signs RS256 JWTs that verify against its own JWKS', async () => {
    const store = storeOn(db);
    const token = await store.sign({ iss: 'https://tool.example', aud: 'moodle' }, { expiresInSeconds: 60 });
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'RS256', kid: await store.activeKid(), typ: 'JWT' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(await store.jwks()), { currentDate: now });
    expect(payload.aud).toBe('moodle');
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('rotates with an overlap: the new key signs, the old one stays published until its retirement', async () => {
    const store = storeOn(db);
    const before = await store.activeKid();
    const oldToken = await store.sign({ sub: 'before-rotation' });

    const rotation = await store.rotate(24 * 3600);
    expect(rotation.previousKid).toBe(before);
    expect(rotation.activeKid).not.toBe(before);
    expect(decodeProtectedHeader(await store.sign({})).kid).toBe(rotation.activeKid);

    const during = await store.jwks();
    expect(during.keys.map((k) => k.kid).sort()).toEqual([before, rotation.activeKid].sort());
    await expect(jwtVerify(oldToken, createLocalJWKSet(during), { currentDate: now })).resolves.toBeTruthy();

    now = new Date(now.getTime() + 25 * 3600_000);
    const fresh = storeOn(db); // no cache: as another instance would see it
    expect((await fresh.jwks()).keys.map((k) => k.kid)).toEqual([rotation.activeKid]);
    expect(await fresh.destroyRetiredPrivateKeys()).toBe(1);
    const retired = await db.connection.db!.collection('signing_keys').findOne({ _id: before as never });
    expect(retired?.sealedPrivateKey).toBeUndefined();
    expect(retired?.publicJwk.kid).toBe(before);
  });

  it('refuses a second rotation racing the first one instead of losing a key', async () => {
    const results = await Promise.allSettled([storeOn(db).rotate(3600), storeOn(db).rotate(3600)]);
    const failures = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason.code).toBe('KEY_ROTATION_CONFLICT');
    const describeRing = await storeOn(db).describe();
    expect(describeRing.keys.filter((k) => k.published)).toHaveLength(2);
  });

  it('never reuses a kid', async () => {
    const { keys } = await storeOn(db).describe();
    expect(new Set(keys.map((k) => k.kid)).size).toBe(keys.length);
  });
});
