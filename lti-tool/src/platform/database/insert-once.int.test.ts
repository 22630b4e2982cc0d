import { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { insertOnce, insertPreparedOnce } from './insert-once.js';

interface Doc {
  _id: string;
  at: Date;
  note?: string;
  nested: { n: number; label?: string };
}

describe('inserting a document named by its _id, once', () => {
  let db: TestDatabase;
  const model = () =>
    db.model<Doc>('InsertOnceDoc', new Schema<Doc>({ _id: String, at: { type: Date, required: true }, note: String, nested: Schema.Types.Mixed }, { collection: 'insert_once', versionKey: false }));

  beforeAll(async () => {
    db = await openTestDatabase('insert-once');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('inserts, then reports the duplicate instead of throwing, through mongoose or the driver', async () => {
    const at = new Date('2026-11-23T05:00:00Z');
    expect(await insertOnce(model(), { _id: 'a', at, nested: { n: 1 } })).toBe(true);
    expect(await insertOnce(model(), { _id: 'a', at, nested: { n: 2 } })).toBe(false);
    expect(await insertPreparedOnce(model(), { _id: 'b', at, note: undefined, nested: { n: 3, label: undefined } })).toBe(true);
    expect(await insertPreparedOnce(model(), { _id: 'b', at, nested: { n: 4 } })).toBe(false);
    expect(await insertPreparedOnce(model(), { _id: 'a', at, nested: { n: 5 } })).toBe(false);
    // Stored as given: dates stay dates, undefined fields are left out (not null), the first write wins.
    const raw = db.connection.db!.collection('insert_once');
    expect(await raw.findOne({ _id: 'b' as never })).toEqual({ _id: 'b', at, nested: { n: 3 } });
    expect(await model().findById('a').lean()).toEqual({ _id: 'a', at, nested: { n: 1 } });
  });

  it('lets other errors through', async () => {
    // Both servers refuse an array as _id.
    await expect(insertPreparedOnce(model(), { _id: ['c'], at: new Date(), nested: { n: 1 } } as unknown as Doc)).rejects.toThrow();
  });
});
