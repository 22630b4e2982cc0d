import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

interface SetupTokenDoc {
  /** SHA-256 of the token printed in the link. */
  _id: string;
  createdAt: Date;
  expiresAt: Date;
}

/** One-time first-admin setup links, stored hashed; consuming one deletes it (single use). */
export class SetupTokensRepository {
  readonly collection = 'admin_setup_tokens';
  private readonly model: Model<SetupTokenDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<SetupTokenDoc>(
      'AdminSetupToken',
      new Schema<SetupTokenDoc>(
        { _id: String, createdAt: { type: Date, required: true }, expiresAt: { type: Date, required: true } },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  /** Replaces any earlier link: only the last one printed works. */
  async replace(hash: string, createdAt: Date, expiresAt: Date): Promise<void> {
    await this.model.deleteMany({});
    await this.model.create({ _id: hash, createdAt, expiresAt });
  }

  async isLive(hash: string, now: Date): Promise<boolean> {
    return (await this.model.countDocuments({ _id: hash, expiresAt: { $gt: now } })) === 1;
  }

  /** Atomically takes the token; true only for the one caller that got it while live. */
  async consume(hash: string, now: Date): Promise<boolean> {
    const doc = await this.model.findOneAndDelete({ _id: hash, expiresAt: { $gt: now } }).lean();
    return doc !== null;
  }

  async deleteAll(): Promise<void> {
    await this.model.deleteMany({});
  }
}
