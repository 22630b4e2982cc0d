import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

interface Doc {
  _id: string;
  count: number;
}

/** The counter of tests started, next to the items' counters. */
const TESTS = '#tests';
/** Exposure control tolerates slightly stale counts: read them at most this often per instance. */
const CACHE_MS = 10_000;

/**
 * How often each item was given in certification tests, and how many tests started: what
 * the flash engine's exposure control needs (no item in more than a quarter of the tests,
 * adaptive.md). Counters only, incremented atomically; read through a short cache.
 */
export class ItemExposureRepository {
  private readonly model: Model<Doc>;
  private cache?: { at: number; counts: Map<string, number>; tests: number };

  constructor(db: AppDatabase) {
    this.model = db.model<Doc>('CertificationItemExposure', new Schema<Doc>({ _id: String, count: { type: Number, required: true } }, { collection: 'certification_item_exposure', versionKey: false }));
  }

  async testStarted(): Promise<void> {
    await this.model.updateOne({ _id: TESTS }, { $inc: { count: 1 } }, { upsert: true });
  }

  async itemGiven(challengeId: string): Promise<void> {
    await this.model.updateOne({ _id: challengeId }, { $inc: { count: 1 } }, { upsert: true });
  }

  async snapshot(now: number): Promise<{ counts: Map<string, number>; tests: number }> {
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache;
    const docs = await this.model.find().lean();
    const counts = new Map(docs.filter((d) => d._id !== TESTS).map((d) => [d._id, d.count]));
    this.cache = { at: now, counts, tests: docs.find((d) => d._id === TESTS)?.count ?? 0 };
    return this.cache;
  }
}
