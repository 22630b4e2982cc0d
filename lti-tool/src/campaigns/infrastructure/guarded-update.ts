import { Mutex } from 'async-mutex';
import type { Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

/**
 * Conditional single-document updates that stay cheap and correct on both servers.
 * MongoDB applies `updateOne({ _id, ...condition })` atomically through the `_id` index.
 * FerretDB v1 (SQLite) neither makes it atomic nor looks it up by `_id` when the filter has
 * other fields: it decodes the whole collection while holding SQLite's write lock (72 ms on
 * 5,000 documents, against 5 ms by `_id` alone — measured, see ADR 0061), which under load
 * ends in `database is locked`. There, the condition is checked on the document read by
 * `_id` and the update is written by `_id`, one at a time per document in this process.
 * (Several tool instances need MongoDB, as for the grade queue: ADR 0010.)
 */
export class GuardedUpdates {
  private readonly mutexes = new Map<string, { mutex: Mutex; users: number }>();
  private readonly atomic: boolean;

  constructor(db: Pick<AppDatabase, 'capabilities'>) {
    // MongoDB servers here run as replica sets, i.e. with transactions: the flag tells them apart.
    this.atomic = db.capabilities.transactions;
  }

  /**
   * Applies `update` to document `id` if it satisfies the condition, given twice: as a
   * query filter (for MongoDB) and as a predicate on the document (for FerretDB). True if written.
   */
  async update<T>(model: Model<T>, id: string, condition: { filter: Record<string, unknown>; test: (doc: T) => boolean }, update: Record<string, unknown>): Promise<boolean> {
    if (this.atomic) return (await model.updateOne({ _id: id, ...condition.filter } as never, update as never)).matchedCount > 0;
    return this.exclusive(`${model.collection.name}\n${id}`, async () => {
      const doc = (await model.findById(id).lean()) as T | null;
      if (!doc || !condition.test(doc)) return false;
      await model.updateOne({ _id: id } as never, update as never);
      return true;
    });
  }

  private async exclusive<R>(key: string, run: () => Promise<R>): Promise<R> {
    const entry = this.mutexes.get(key) ?? { mutex: new Mutex(), users: 0 };
    this.mutexes.set(key, entry);
    entry.users += 1;
    try {
      return await entry.mutex.runExclusive(run);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.mutexes.delete(key);
    }
  }
}
