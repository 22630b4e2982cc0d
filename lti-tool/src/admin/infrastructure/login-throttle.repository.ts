import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { activeFailures, forgetAt, lockAfter, type ThrottlePolicy, type ThrottleState } from '../domain/login-throttle.js';

interface ThrottleDoc extends ThrottleState {
  /** `account:<sha256 of the e-mail>` or `address:<ip>`. */
  _id: string;
  expiresAt: Date;
}

/**
 * Failure counters shared by every instance of the tool. A failure is one atomic
 * `$inc` (no lost update between concurrent attempts); the lock is then derived from
 * the count and written with `$max`, so a later, shorter lock never shortens it.
 */
export class LoginThrottleRepository {
  readonly collection = 'admin_login_throttle';
  private readonly model: Model<ThrottleDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<ThrottleDoc>(
      'AdminLoginThrottle',
      new Schema<ThrottleDoc>(
        {
          _id: String,
          failures: { type: Number, required: true },
          lastFailureAt: { type: Date, required: true },
          lockedUntil: Date,
          expiresAt: { type: Date, required: true },
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  async get(key: string): Promise<ThrottleState | undefined> {
    const doc = await this.model.findById(key).lean();
    return doc ?? undefined;
  }

  /** Counts one failure; returns the failures in the window and the lock now in force. */
  async recordFailure(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleState> {
    const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
    // A quiet period restarts the count: reset stale counters first (idempotent).
    await this.model.updateOne({ _id: key, lastFailureAt: { $lt: windowStart } }, { $set: { failures: 0 }, $unset: { lockedUntil: '' } });
    const after = await this.model.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1 }, $set: { lastFailureAt: now }, $setOnInsert: { expiresAt: now } },
      { upsert: true, new: true },
    ).lean();
    const failures = activeFailures(after!, policy, now);
    const lock = lockAfter(failures, policy, now);
    const state: ThrottleState = { failures, lastFailureAt: now, ...(lock ? { lockedUntil: lock } : {}) };
    await this.model.updateOne(
      { _id: key },
      { $max: { expiresAt: forgetAt(state, policy), ...(lock ? { lockedUntil: lock } : {}) } },
    );
    return { ...state, lockedUntil: lock ?? after!.lockedUntil };
  }

  async clear(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key });
  }
}
