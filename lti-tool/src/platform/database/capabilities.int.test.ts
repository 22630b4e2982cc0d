import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';

/** Races `contenders` compare-and-sets on one document; returns how many "won". */
async function raceCompareAndSet(client: MongoClient, dbName: string, contenders: number): Promise<number> {
  const col = client.db(dbName).collection<{ _id: string; v: number }>('cas_race');
  await col.deleteMany({});
  await col.insertOne({ _id: 'doc', v: 0 });
  const results = await Promise.all(Array.from({ length: contenders }, () => col.updateOne({ _id: 'doc', v: 0 }, { $set: { v: 1 } })));
  return results.filter((r) => r.modifiedCount === 1).length;
}

describe('atomicUpdates', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('capabilities');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('agrees with what racing compare-and-sets do on a pooled client', async () => {
    const pooled = new MongoClient(db.uri, { maxPoolSize: 16 });
    try {
      // Races are won by chance: since our FerretDB build narrows `{ _id, v }` by the index the
      // window is short, so race until two winners show (or enough rounds to call it atomic).
      const winners: number[] = [];
      for (let round = 0; round < 200 && !winners.some((w) => w > 1); round++) winners.push(await raceCompareAndSet(pooled, db.dbName, 16));
      if (db.capabilities.atomicUpdates) expect(Math.max(...winners)).toBe(1);
      // If FerretDB ever makes updates atomic, this fails: drop the one-connection fallback.
      else expect(Math.max(...winners)).toBeGreaterThan(1);
    } finally {
      await pooled.close();
    }
  });

  it('keeps the app connection correct either way: one winner, no lost increments', async () => {
    const col = db.connection.db!.collection<{ _id: string; v: number; n: number }>('cas_app');
    for (let round = 0; round < 10; round++) {
      await col.deleteMany({});
      await col.insertOne({ _id: 'doc', v: 0, n: 0 });
      const cas = await Promise.all(Array.from({ length: 8 }, () => col.updateOne({ _id: 'doc', v: 0 }, { $set: { v: 1 } })));
      expect(cas.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
      await Promise.all(Array.from({ length: 20 }, () => col.updateOne({ _id: 'doc' }, { $inc: { n: 1 } })));
      expect((await col.findOne({ _id: 'doc' }))?.n).toBe(20);
    }
  });

  it('gives modules that lock their own writes a pooled connection only where updates are not atomic', async () => {
    const locked = db.forLockedWrites();
    expect(db.forLockedWrites()).toBe(locked);
    if (db.capabilities.atomicUpdates) {
      expect(locked).toBe(db);
      return;
    }
    expect(locked.connection).not.toBe(db.connection);
    await locked.connection.asPromise();
    expect(locked.connection.getClient().options.maxPoolSize).toBeGreaterThan(1);
    // The same database: what one connection writes, the other reads.
    await locked.connection.db!.collection<{ _id: string }>('locked_writes').insertOne({ _id: 'x' });
    expect(await db.connection.db!.collection<{ _id: string }>('locked_writes').findOne({ _id: 'x' })).toEqual({ _id: 'x' });
  });
});
