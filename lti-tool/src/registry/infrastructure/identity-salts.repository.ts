import { randomBytes } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import { isDuplicateKey } from '../../certification/infrastructure/duplicate-key.js';
import type { AppDatabase } from '../../platform/database/connection.js';

interface SaltDoc {
  _id: string;
  salt: string;
  createdAt: Date;
}

/**
 * Each academy's identity salt (the OB IdentityObject salt, published in credentials so
 * the academy's registry can match hashed INEs). Created on first use; an upsert with
 * `$setOnInsert` makes concurrent first uses agree on one salt.
 */
export class IdentitySaltsRepository {
  private readonly model: Model<SaltDoc>;
  private readonly cache = new Map<string, string>();

  constructor(db: AppDatabase) {
    this.model = db.model<SaltDoc>(
      'RegistryIdentitySalt',
      new Schema<SaltDoc>({ _id: String, salt: { type: String, required: true }, createdAt: { type: Date, required: true } }, { collection: 'registry_identity_salts', versionKey: false }),
    );
  }

  async saltOf(academyId: string): Promise<string> {
    const cached = this.cache.get(academyId);
    if (cached) return cached;
    try {
      await this.model.updateOne({ _id: academyId }, { $setOnInsert: { salt: randomBytes(16).toString('hex'), createdAt: new Date() } }, { upsert: true });
    } catch (err) {
      // Two first uses at once: the other upsert inserted it (FerretDB does not retry the upsert itself).
      if (!isDuplicateKey(err)) throw err;
    }
    const doc = await this.model.findById(academyId).lean();
    this.cache.set(academyId, doc!.salt);
    return doc!.salt;
  }
}
