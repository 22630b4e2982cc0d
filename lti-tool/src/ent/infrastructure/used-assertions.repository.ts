import { createHash } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import { insertOnce } from '../../platform/database/insert-once.js';

interface UsedAssertionDoc {
  /** SHA-256 of (connector id, jti): the jti itself is the ENT's and is not kept. */
  _id: string;
  connectorId: string;
  usedAt: Date;
  /** The assertion's exp plus the clock tolerance: after that it could not verify anyway. */
  expiresAt: Date;
}

/**
 * The replay store of the ENT exchange: an assertion's jti is recorded once, by one atomic
 * insert keyed by its hash, so two concurrent posts of the same assertion cannot both
 * succeed. Nothing personal is stored. Expired records go with the expiry sweeper.
 */
export class UsedAssertionsRepository {
  readonly collection = 'ent_used_assertions';
  private readonly model: Model<UsedAssertionDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<UsedAssertionDoc>(
      'EntUsedAssertion',
      new Schema<UsedAssertionDoc>(
        {
          _id: String,
          connectorId: { type: String, required: true },
          usedAt: { type: Date, required: true },
          expiresAt: { type: Date, required: true },
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  /** Records the jti as used; false when it already was (a replay or a concurrent double post). */
  async take(connectorId: string, jti: string, keepUntil: Date, now: Date): Promise<boolean> {
    const _id = createHash('sha256').update(`${connectorId}\n${jti}`).digest('base64url');
    return insertOnce(this.model, { _id, connectorId, usedAt: now, expiresAt: keepUntil });
  }
}
