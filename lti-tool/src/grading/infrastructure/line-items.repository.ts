import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import { insertOnce } from '../../platform/database/insert-once.js';
import { updateIf, type WriteLock } from './write-lock.js';

interface LineItemDoc {
  /** Hash of (registration, line items URL, resource link, resource id, tag). */
  _id: string;
  registrationId: string;
  state: 'resolving' | 'resolved';
  url?: string;
  /** The job finding or creating it: one at a time, or two workers would create two gradebook columns. */
  holder: string;
  heldUntil: Date;
  touchedAt: Date;
}

export type LineItemClaim = { kind: 'resolved'; url: string } | { kind: 'mine' } | { kind: 'busy' };

/** Line items found or created are remembered a month; then found again (not re-created) by listing. */
const LINE_ITEM_TTL_SECONDS = 30 * 24 * 3600;

/** The line item of each resource link we deliver to when the launch gave no `lineitem` claim. */
export class LineItemsRepository {
  readonly collection = 'grade_line_items';
  private readonly model: Model<LineItemDoc>;

  constructor(
    db: AppDatabase,
    private readonly lock: WriteLock,
  ) {
    this.model = db.model<LineItemDoc>(
      'GradeLineItem',
      new Schema<LineItemDoc>(
        {
          _id: String,
          registrationId: { type: String, required: true },
          state: { type: String, required: true },
          url: String,
          holder: { type: String, default: '' },
          heldUntil: { type: Date, required: true },
          touchedAt: { type: Date, required: true },
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'touchedAt', ttlSeconds: LINE_ITEM_TTL_SECONDS };
  }

  /** The known URL, or the right to resolve it now (`mine`), or `busy` while another job does. */
  async claim(key: string, registrationId: string, holder: string, now: Date, leaseMs: number): Promise<LineItemClaim> {
    const heldUntil = new Date(now.getTime() + leaseMs);
    for (let tries = 0; tries < 4; tries++) {
      const doc = await this.model.findById(key).lean();
      if (!doc) {
        if (await insertOnce(this.model, { _id: key, registrationId, state: 'resolving', holder, heldUntil, touchedAt: now })) return { kind: 'mine' };
        continue;
      }
      if (doc.state === 'resolved' && doc.url) return { kind: 'resolved', url: doc.url };
      if (doc.holder !== holder && doc.heldUntil.getTime() > now.getTime()) return { kind: 'busy' };
      const taken = await updateIf(this.model, this.lock, { _id: key, state: 'resolving', holder: doc.holder }, { $set: { holder, heldUntil, touchedAt: now } });
      if (taken) return { kind: 'mine' };
    }
    return { kind: 'busy' };
  }

  async resolved(key: string, holder: string, url: string, now: Date): Promise<void> {
    await updateIf(this.model, this.lock, { _id: key, holder }, { $set: { state: 'resolved', url, holder: '', touchedAt: now } });
  }

  /** Gives up resolving (the LMS failed): the next job tries again. */
  async abandon(key: string, holder: string): Promise<void> {
    await this.lock.run(this.collection, key, () => this.model.deleteOne({ _id: key, holder, state: 'resolving' }));
  }

  /** The LMS says the line item is gone (404): find or create it again next time. */
  async forget(key: string): Promise<void> {
    await this.lock.run(this.collection, key, () => this.model.deleteOne({ _id: key }));
  }
}
