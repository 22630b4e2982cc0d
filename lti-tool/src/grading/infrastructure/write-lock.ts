import { Mutex } from 'async-mutex';
import type { AppDatabase } from '../../platform/database/connection.js';

/**
 * Runs the grade queue's conditional writes one at a time in this process when the
 * server does not make them atomic. FerretDB v1 (SQLite backend) evaluates an update's
 * filter and writes the document in separate steps: we measured 8 concurrent
 * `findOneAndUpdate({ _id, v: 0 }, { $set: { v: 1 } })` all succeeding, and concurrent
 * `$inc`s losing updates (unique-index inserts stay atomic). MongoDB makes single-document
 * updates atomic; its servers here always run as a replica set, i.e. with transactions, so
 * that flag tells them apart without naming the server. Serialised, a single instance is
 * correct on FerretDB; several instances need MongoDB (docs/adr/0005-grade-delivery.md).
 */
export interface WriteLock {
  readonly serialised: boolean;
  run<T>(write: () => Promise<T>): Promise<T>;
}

const locks = new WeakMap<object, WriteLock>();

/** The lock of a database connection: every grading writer of this process on it shares one. */
export function writeLockFor(db: Pick<AppDatabase, 'capabilities' | 'connection'>): WriteLock {
  const known = locks.get(db.connection);
  if (known) return known;
  let lock: WriteLock;
  if (db.capabilities.transactions) {
    lock = { serialised: false, run: (write) => write() };
  } else {
    const mutex = new Mutex();
    lock = { serialised: true, run: (write) => mutex.runExclusive(write) };
  }
  locks.set(db.connection, lock);
  return lock;
}
