import { Mutex } from 'async-mutex';
import type { AppDatabase } from '../../platform/database/connection.js';

/**
 * Runs the grade queue's conditional writes to one document one at a time in this
 * process when the server does not make them atomic. FerretDB v1 (SQLite backend) evaluates an update's
 * filter and writes the document in separate steps: we measured 8 concurrent
 * `findOneAndUpdate({ _id, v: 0 }, { $set: { v: 1 } })` all succeeding, and concurrent
 * `$inc`s losing updates (unique-index inserts stay atomic). MongoDB makes single-document
 * updates atomic; its servers here always run as a replica set, i.e. with transactions, so
 * that flag tells them apart without naming the server. Every conditional write names its
 * document by `_id`, so a lock per document is enough and writes to different documents
 * still run side by side. Serialised so, a single instance is correct on FerretDB; several
 * instances need MongoDB (docs/adr/0010-grade-delivery.md).
 */
export interface WriteLock {
  readonly serialised: boolean;
  /** Runs `write` (a conditional write to the document `key` of `collection`) alone among this process's writes to it. */
  run<T>(collection: string, key: string, write: () => Promise<T>): Promise<T>;
}

const locks = new WeakMap<object, WriteLock>();

/** The lock of a database connection: every grading writer of this process on it shares one. */
export function writeLockFor(db: Pick<AppDatabase, 'capabilities' | 'connection'>): WriteLock {
  const known = locks.get(db.connection);
  if (known) return known;
  let lock: WriteLock;
  if (db.capabilities.transactions) {
    lock = { serialised: false, run: (_collection, _key, write) => write() };
  } else {
    const mutexes = new Map<string, { mutex: Mutex; users: number }>();
    lock = {
      serialised: true,
      async run(collection, key, write) {
        const id = `${collection}\n${key}`;
        const entry = mutexes.get(id) ?? { mutex: new Mutex(), users: 0 };
        mutexes.set(id, entry);
        entry.users += 1;
        try {
          return await entry.mutex.runExclusive(write);
        } finally {
          entry.users -= 1;
          if (entry.users === 0) mutexes.delete(id);
        }
      },
    };
  }
  locks.set(db.connection, lock);
  return lock;
}
