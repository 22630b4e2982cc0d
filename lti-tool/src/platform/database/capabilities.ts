import type { Db } from 'mongodb';

/**
 * What the connected server can do, probed at connect time where a probe is reliable:
 * application code and tests branch on these flags, never on the server kind.
 */
export interface DatabaseCapabilities {
  kind: 'mongodb' | 'ferretdb';
  /** The server's own version (FerretDB's, not the MongoDB version it emulates). */
  version: string;
  replicaSet: boolean;
  transactions: boolean;
  ttlIndexes: boolean;
  changeStreams: boolean;
  /**
   * Whether concurrent updates of one document are atomic (a compare-and-set has one
   * winner, `$inc`s all count). MongoDB: yes. FerretDB v1 runs an update as a read then a
   * write, so concurrent ones interleave (measured: 8 racing compare-and-sets often all
   * "win", racing `$inc`s lose counts). A race cannot be probed reliably at start-up, so
   * this follows from the server; `capabilities.int.test.ts` demonstrates it on FerretDB.
   * When false, the app's connection sends one operation at a time (see connection.ts).
   */
  atomicUpdates: boolean;
}

const PROBE = '_capabilities_probe';

export async function detectCapabilities(db: Db): Promise<DatabaseCapabilities> {
  const admin = db.admin();
  const [hello, build] = await Promise.all([
    admin.command({ hello: 1 }) as Promise<{ setName?: string }>,
    admin.command({ buildInfo: 1 }) as Promise<{ version: string; ferretdbVersion?: string }>,
  ]);
  const kind = build.ferretdbVersion ? 'ferretdb' : 'mongodb';
  const replicaSet = typeof hello.setName === 'string';
  const probe = db.collection(`${PROBE}_${process.pid}_${Date.now()}`);
  try {
    return {
      kind,
      version: build.ferretdbVersion ?? build.version,
      replicaSet,
      ttlIndexes: await probeTtl(probe.collectionName, db),
      transactions: replicaSet && (await probeTransactions(probe.collectionName, db)),
      changeStreams: replicaSet && (await probeChangeStreams(probe.collectionName, db)),
      atomicUpdates: kind === 'mongodb',
    };
  } finally {
    await probe.drop().catch(() => undefined);
  }
}

async function probeTtl(name: string, db: Db): Promise<boolean> {
  try {
    await db.collection(name).createIndex({ at: 1 }, { expireAfterSeconds: 3600, name: 'ttl_probe' });
    return true;
  } catch {
    return false; // FerretDB v1: NotImplemented (238).
  }
}

async function probeTransactions(name: string, db: Db): Promise<boolean> {
  // Only reached on a replica set. FerretDB ignores or rejects the transaction fields.
  const session = db.client.startSession();
  try {
    await session.withTransaction(async () => {
      await db.collection(name).insertOne({ probe: true }, { session });
    });
    return true;
  } catch {
    return false;
  } finally {
    await session.endSession().catch(() => undefined);
  }
}

async function probeChangeStreams(name: string, db: Db): Promise<boolean> {
  try {
    await db.createCollection(name).catch(() => undefined);
    const reply = (await db.command({ aggregate: name, pipeline: [{ $changeStream: {} }], cursor: {} })) as {
      cursor?: { id?: unknown };
    };
    const id = reply.cursor?.id;
    if (id) await db.command({ killCursors: name, cursors: [id] }).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}
