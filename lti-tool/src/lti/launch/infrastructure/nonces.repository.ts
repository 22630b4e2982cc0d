import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../../platform/database/connection.js';
import type { ExpiryRule } from '../../../platform/database/expiry-sweeper.js';

interface NonceDoc {
  /** Hash of (registration, nonce): a nonce is unique per platform, not worldwide. */
  _id: string;
  expiresAt: Date;
}

/**
 * Nonces of accepted id_tokens, kept until the token could no longer verify (its exp
 * plus the clock tolerance), so a replay within its lifetime is refused.
 */
export class NoncesRepository {
  readonly collection = 'lti_nonces';
  private readonly model: Model<NonceDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<NonceDoc>(
      'LtiNonce',
      new Schema<NonceDoc>({ _id: String, expiresAt: { type: Date, required: true } }, { collection: this.collection, versionKey: false }),
    );
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  async seen(key: string, now: Date): Promise<boolean> {
    return (await this.model.exists({ _id: key, expiresAt: { $gt: now } })) !== null;
  }

  /** Records a nonce; false if it was already there (a concurrent replay). */
  async record(key: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: key, expiresAt });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) {
        // An expired record the sweeper has not removed yet does not count.
        const res = await this.model.updateOne({ _id: key, expiresAt: { $lte: new Date() } }, { $set: { expiresAt } });
        return res.modifiedCount === 1;
      }
      throw err;
    }
  }
}
