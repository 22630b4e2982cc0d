import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import { insertPreparedOnce } from '../../platform/database/insert-once.js';
import { updateIf, type WriteLock } from './write-lock.js';
import { nextScoreTimestamp } from '../domain/score-timestamp.js';

/**
 * Per (registration, line item, user): the last AGS timestamp we reserved, who is
 * sending to that pair right now, and the newest result already sent to it.
 */
interface ScoreClockDoc {
  _id: string;
  last: Date;
  /**
   * The job sending to this pair (`<grade id>|<lease id>`): one score in flight per pair, so
   * they arrive in timestamp order. Not cleared after the send (a write saved per grade):
   * the next job checks that the holder still holds its grade's lease before waiting.
   */
  holder: string;
  heldUntil: Date;
  /** The `enqueuedAt` of the newest result sent: an older result must not overwrite it. */
  newestSent: Date;
  touchedAt: Date;
}

export type Reservation = { kind: 'reserved'; timestamp: Date } | { kind: 'busy' } | { kind: 'stale' };

/** A pair untouched this long is forgotten: by then "now" is far past any timestamp we sent. */
const CLOCK_TTL_SECONDS = 7 * 24 * 3600;
const MAX_CAS_TRIES = 9;

/**
 * Persisted so that a restart, or another instance, never reuses a second Moodle has
 * already seen for the pair (Moodle answers 409 to a timestamp not later, at second
 * resolution, than the stored grade's).
 */
export class ScoreClocksRepository {
  readonly collection = 'grade_score_clocks';
  private readonly model: Model<ScoreClockDoc>;

  constructor(
    db: AppDatabase,
    private readonly lock: WriteLock,
  ) {
    this.model = db.model<ScoreClockDoc>(
      'GradeScoreClock',
      new Schema<ScoreClockDoc>(
        {
          _id: String,
          last: { type: Date, required: true },
          holder: { type: String, default: '' },
          heldUntil: { type: Date, required: true },
          newestSent: { type: Date, required: true },
          touchedAt: { type: Date, required: true },
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'touchedAt', ttlSeconds: CLOCK_TTL_SECONDS };
  }

  /**
   * Takes the pair for `holder` until `now + leaseMs` and reserves the next timestamp
   * (strictly later, at second resolution, than any reserved before). `busy` if another
   * job is still sending to the pair (`stillHolds` asks); `stale` if a result enqueued
   * after `enqueuedAt` was already sent. Compare-and-set on the previous state, retried
   * on a race.
   */
  async reserve(
    pair: string,
    holder: string,
    enqueuedAt: Date,
    now: Date,
    leaseMs: number,
    stillHolds: (holder: string) => Promise<boolean>,
  ): Promise<Reservation> {
    const heldUntil = new Date(now.getTime() + leaseMs);
    for (let tries = 0; tries < MAX_CAS_TRIES; tries++) {
      // Most pairs are new (a learner's first grade on a column): try the insert first, it costs one write.
      const doc = tries === 0 ? null : await this.model.findById(pair).lean();
      if (!doc) {
        const timestamp = nextScoreTimestamp(undefined, now);
        if (await insertPreparedOnce(this.model, { _id: pair, last: timestamp, holder, heldUntil, newestSent: enqueuedAt, touchedAt: now })) return { kind: 'reserved', timestamp };
        continue;
      }
      if (doc.holder && doc.holder !== holder && doc.heldUntil.getTime() > now.getTime() && (await stillHolds(doc.holder))) return { kind: 'busy' };
      if (doc.newestSent.getTime() > enqueuedAt.getTime()) return { kind: 'stale' };
      const timestamp = nextScoreTimestamp(doc.last, now);
      const updated = await updateIf(
        this.model,
        this.lock,
        { _id: pair, last: doc.last, holder: doc.holder },
        { $set: { last: timestamp, holder, heldUntil, newestSent: enqueuedAt, touchedAt: now } },
      );
      if (updated) return { kind: 'reserved', timestamp };
    }
    return { kind: 'busy' };
  }

  async lastTimestamp(pair: string): Promise<Date | undefined> {
    return (await this.model.findById(pair).lean())?.last;
  }
}
