import { Mutex } from 'async-mutex';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
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
 * instances need MongoDB (docs/adr/0010-grade-delivery.md). Because every grading write that
 * depends on a document's state runs in this lock, grading may use a pooled connection
 * (`AppDatabase.forLockedWrites`) where the rest of the app relies on a one-connection pool.
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

/** A condition of `updateIf`: equality (dates by time), or membership with `$in`. */
type Condition = string | number | boolean | Date | null | { $in: readonly unknown[] };

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/** Whether `doc` meets the flat conditions of `updateIf` (the only shapes it accepts, so nothing is silently ignored). */
export function meets(doc: Record<string, unknown>, conditions: Record<string, Condition>): boolean {
  return Object.entries(conditions).every(([field, condition]) =>
    condition !== null && typeof condition === 'object' && !(condition instanceof Date)
      ? condition.$in.some((value) => same(doc[field], value))
      : same(doc[field], condition),
  );
}

/**
 * `findOneAndUpdate({ _id, ...conditions }, update)` returning the updated document, or
 * null when the conditions no longer hold. Where updates are atomic, one call. Where they
 * are not (FerretDB v1), inside the document's lock: a read by `_id`, the conditions
 * checked here, and an update by `_id` alone.
 */
export async function updateIf<T>(
  model: Model<T>,
  lock: WriteLock,
  filter: { _id: string } & Record<string, Condition>,
  update: UpdateQuery<T>,
): Promise<T | null> {
  const { _id, ...conditions } = filter;
  if (!lock.serialised) return (await model.findOneAndUpdate(filter as FilterQuery<T>, update, { new: true }).lean()) as T | null;
  return lock.run(model.collection.collectionName, _id, async () => {
    const current = (await model.findById(_id).lean()) as Record<string, unknown> | null;
    if (!current || !meets(current, conditions)) return null;
    // updateOne costs FerretDB about half a findOneAndUpdate; the lock makes the local result exact.
    await model.updateOne({ _id } as FilterQuery<T>, update);
    return applyUpdate(current, update as Record<string, Record<string, unknown> | undefined>) as T;
  });
}

/**
 * `updateIf` for a caller that holds the document as last written (`known`): its conditions
 * pin every field a writer changes together with the others (status, revision…), so a match
 * means the document was `known`, and the result is `known` with the update applied. One
 * write, no read, on both servers (the filter names `_id`, which our FerretDB build narrows
 * by its index: ADR 0002).
 */
export async function updateKnown<T>(
  model: Model<T>,
  lock: WriteLock,
  filter: { _id: string } & Record<string, Condition>,
  update: UpdateQuery<T>,
  known: Record<string, unknown>,
): Promise<T | null> {
  const { _id: _ignored, ...conditions } = filter;
  if (!meets(known, conditions) || !(await updateWhere(model, lock, filter, update))) return null;
  return applyUpdate(known, update as Record<string, Record<string, unknown> | undefined>) as T;
}

/**
 * A conditional write whose caller only needs to know whether it matched. One `updateOne`,
 * in the document's lock where updates are not atomic, so that it cannot fall between the
 * read and the write of another of this process's conditional writes.
 */
export async function updateWhere<T>(model: Model<T>, lock: WriteLock, filter: { _id: string } & Record<string, Condition>, update: UpdateQuery<T>): Promise<boolean> {
  return lock.run(model.collection.collectionName, filter._id, async () => (await model.updateOne(filter as FilterQuery<T>, update)).matchedCount === 1);
}

/** The document after `$set`, `$unset` and `$inc` of top-level fields (the only operators the repositories use). */
export function applyUpdate(doc: Record<string, unknown>, update: Record<string, Record<string, unknown> | undefined>): Record<string, unknown> {
  const next = { ...doc };
  for (const [operator, fields] of Object.entries(update)) {
    for (const [field, value] of Object.entries(fields ?? {})) {
      if (operator === '$set') next[field] = value;
      else if (operator === '$unset') delete next[field];
      else if (operator === '$inc') next[field] = Number(next[field] ?? 0) + Number(value);
      else throw new Error(`updateIf does not support ${operator}`);
    }
  }
  return next;
}
