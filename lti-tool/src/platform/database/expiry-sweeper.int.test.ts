import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpiryRule } from './expiry-sweeper.js';
import { silentLogger } from '../logger.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { ExpirySweeper } from './expiry-sweeper.js';

/** Creation-date rules, shaped like the TTLs ltijs 5.9 declares on its collections. */
const CREATED_AT_RULES: ExpiryRule[] = [
  { collection: 'nonces', field: 'createdAt', ttlSeconds: 10 },
  { collection: 'states', field: 'createdAt', ttlSeconds: 600 },
  { collection: 'accesstokens', field: 'createdAt', ttlSeconds: 3600 },
  { collection: 'idtokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
  { collection: 'contexttokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
];

describe('ExpirySweeper', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('expiry');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('deletes documents older than their rule\'s TTL and keeps live ones', async () => {
    const native = db.connection.db!;
    const now = new Date('2026-11-22T12:00:00Z');
    const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
    await native.collection('nonces').insertMany([{ nonce: 'old', createdAt: secondsAgo(11) }, { nonce: 'new', createdAt: secondsAgo(5) }]);
    await native.collection('states').insertMany([{ state: 'old', createdAt: secondsAgo(601) }, { state: 'new', createdAt: secondsAgo(60) }]);
    await native.collection('accesstokens').insertMany([{ createdAt: secondsAgo(3601) }, { createdAt: secondsAgo(3500) }]);
    await native.collection('idtokens').insertMany([{ createdAt: secondsAgo(86401) }, { createdAt: secondsAgo(600) }]);
    await native.collection('contexttokens').insertMany([{ createdAt: secondsAgo(86401) }, { createdAt: secondsAgo(600) }]);

    const sweeper = new ExpirySweeper(native, silentLogger(), 60_000).register(...CREATED_AT_RULES);
    const deleted = await sweeper.sweep(now);

    expect(deleted).toEqual({ nonces: 1, states: 1, accesstokens: 1, idtokens: 1, contexttokens: 1 });
    expect(await native.collection('nonces').find().map((d) => d.nonce).toArray()).toEqual(['new']);
    for (const rule of CREATED_AT_RULES) expect(await native.collection(rule.collection).countDocuments()).toBe(1);
  });

  it('expires documents whose field holds the expiry date itself', async () => {
    const native = db.connection.db!;
    const now = new Date();
    await native.collection('sessions').insertMany([
      { sid: 'gone', expiresAt: new Date(now.getTime() - 1) },
      { sid: 'kept', expiresAt: new Date(now.getTime() + 60_000) },
    ]);
    const sweeper = new ExpirySweeper(native, silentLogger(), 60_000).register({ collection: 'sessions', field: 'expiresAt' });
    expect(await sweeper.sweep(now)).toEqual({ sessions: 1 });
    expect(await native.collection('sessions').find().map((d) => d.sid).toArray()).toEqual(['kept']);
  });

  it('runs periodically once started and stops cleanly', async () => {
    const native = db.connection.db!;
    await native.collection('ticks').insertOne({ at: new Date(Date.now() - 10_000) });
    const sweeper = new ExpirySweeper(native, silentLogger(), 20).register({ collection: 'ticks', field: 'at' });
    sweeper.start();
    await expect.poll(() => native.collection('ticks').countDocuments(), { timeout: 5000 }).toBe(0);
    await sweeper.stop();
  });
});
