import type { Model } from 'mongoose';

/** True for a unique-index violation (MongoDB and FerretDB both answer code 11000). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 11000;
}

/**
 * Inserts a document whose `_id` names it (derived ids make concurrent starts and retries
 * meet on one document): false when it already exists, so the caller reads the winner's.
 */
export async function insertOnce<T>(model: Model<T>, doc: T): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * `insertOnce` through the driver, without a mongoose document (no casting, defaults or
 * validation): for hot paths whose documents typed code builds whole, with every required
 * field set. `Model.create` cost 0.73 ms of CPU per insert against 0.16 ms for the driver's
 * (2,000 inserts on FerretDB). Undefined fields are left out, as mongoose does.
 */
export async function insertPreparedOnce<T>(model: Model<T>, doc: T): Promise<boolean> {
  try {
    await model.collection.insertOne(doc as never, { ignoreUndefined: true });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
