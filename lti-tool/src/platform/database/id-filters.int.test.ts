import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';

/**
 * Our FerretDB build narrows any filter that names `_id` by the `_id` index (ferretdb-binary.ts,
 * patch 2). The narrowing must stay a pre-filter: the other conditions still decide. Holds on
 * MongoDB too, where it is just the query language.
 */
describe('filters on _id plus other fields', () => {
  let db: TestDatabase;
  let client: MongoClient;
  type Doc = { _id: string; status: string; n: number; tags?: string[] };
  const col = () => client.db(db.dbName).collection<Doc>('id_filters');

  beforeAll(async () => {
    db = await openTestDatabase('id-filters');
    client = await MongoClient.connect(db.uri);
    await col().insertMany([
      { _id: 'a', status: 'pending', n: 1, tags: ['x'] },
      { _id: 'b', status: 'done', n: 2 },
    ]);
  });
  afterAll(async () => {
    await client.close();
    await db.drop();
  });

  it('finds, counts and aggregates only documents meeting every condition', async () => {
    expect(await col().findOne({ _id: 'a', status: 'pending' })).toMatchObject({ n: 1 });
    expect(await col().findOne({ _id: 'a', status: 'done' })).toBeNull();
    expect(await col().findOne({ _id: 'a', n: { $gt: 1 } })).toBeNull();
    expect(await col().findOne({ status: 'done', _id: 'b' })).toMatchObject({ n: 2 });
    expect(await col().countDocuments({ _id: 'a', tags: 'x' })).toBe(1);
    expect(await col().countDocuments({ _id: 'a', tags: 'y' })).toBe(0);
    expect(await col().aggregate([{ $match: { _id: 'b', status: 'pending' } }]).toArray()).toEqual([]);
  });

  it('updates and deletes only when every condition holds', async () => {
    expect((await col().updateOne({ _id: 'a', status: 'done' }, { $set: { n: 10 } })).matchedCount).toBe(0);
    expect((await col().updateOne({ _id: 'a', status: 'pending' }, { $set: { n: 10 } })).matchedCount).toBe(1);
    expect(await col().findOneAndUpdate({ _id: 'b', n: 3 }, { $set: { n: 30 } })).toBeNull();
    expect((await col().deleteOne({ _id: 'b', status: 'pending' })).deletedCount).toBe(0);
    expect((await col().deleteOne({ _id: 'b', status: 'done' })).deletedCount).toBe(1);
    expect(await col().find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', status: 'pending', n: 10, tags: ['x'] }]);
  });
});
