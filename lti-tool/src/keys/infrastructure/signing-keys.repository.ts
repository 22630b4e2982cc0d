import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { PublicJwk, SigningKey } from '../domain/keyring.js';

interface SigningKeyDoc {
  _id: string; // kid
  publicJwk: PublicJwk;
  /** PKCS#8 PEM sealed with the `signing-keys` SecretBox; removed once the key is retired. */
  sealedPrivateKey?: string;
  createdAt: Date;
  retireAt?: Date;
}

/** Which key signs; changed only by a compare-and-set on `version` so two instances cannot both rotate. */
interface KeyringStateDoc {
  _id: 'signing';
  activeKid: string;
  version: number;
  rotatedAt: Date;
}

export class SigningKeysRepository {
  private readonly keys: Model<SigningKeyDoc>;
  private readonly state: Model<KeyringStateDoc>;

  constructor(db: AppDatabase) {
    this.keys = db.model<SigningKeyDoc>(
      'SigningKey',
      new Schema<SigningKeyDoc>(
        {
          _id: String,
          publicJwk: { type: Schema.Types.Mixed, required: true },
          sealedPrivateKey: String,
          createdAt: { type: Date, required: true },
          retireAt: Date,
        },
        { collection: 'signing_keys', versionKey: false },
      ),
    );
    this.state = db.model<KeyringStateDoc>(
      'KeyringState',
      new Schema<KeyringStateDoc>(
        { _id: String, activeKid: { type: String, required: true }, version: { type: Number, required: true }, rotatedAt: Date },
        { collection: 'signing_keyring', versionKey: false },
      ),
    );
  }

  async load(): Promise<{ state: KeyringStateDoc | null; keys: SigningKey[] }> {
    const [state, docs] = await Promise.all([this.state.findById('signing').lean(), this.keys.find().sort({ createdAt: 1 }).lean()]);
    return {
      state,
      keys: docs.map((d) => ({ kid: d._id, publicJwk: d.publicJwk, createdAt: d.createdAt, retireAt: d.retireAt })),
    };
  }

  async sealedPrivateKey(kid: string): Promise<string | undefined> {
    const doc = await this.keys.findById(kid).lean();
    return doc?.sealedPrivateKey;
  }

  async insertKey(key: SigningKey, sealedPrivateKey: string): Promise<void> {
    await this.keys.create({ _id: key.kid, publicJwk: key.publicJwk, sealedPrivateKey, createdAt: key.createdAt });
  }

  async deleteKey(kid: string): Promise<void> {
    await this.keys.deleteOne({ _id: kid });
  }

  /** Makes `kid` the first active key unless another instance already did; true if ours won. */
  async initialise(kid: string, now: Date): Promise<boolean> {
    try {
      const result = await this.state.updateOne(
        { _id: 'signing' },
        { $setOnInsert: { activeKid: kid, version: 1, rotatedAt: now } },
        { upsert: true },
      );
      return result.upsertedCount === 1;
    } catch (err) {
      // Two concurrent upserts of the same _id: one inserts, the other may fail with a
      // duplicate key instead of matching (FerretDB does, MongoDB can). Either way it lost.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Swaps the active key if nobody rotated since `version`; true if the swap happened. */
  async swapActive(expectedVersion: number, newKid: string, now: Date): Promise<boolean> {
    const result = await this.state.updateOne(
      { _id: 'signing', version: expectedVersion },
      { $set: { activeKid: newKid, rotatedAt: now }, $inc: { version: 1 } },
    );
    return result.modifiedCount === 1;
  }

  async setRetireAt(kid: string, retireAt: Date): Promise<void> {
    await this.keys.updateOne({ _id: kid }, { $set: { retireAt } });
  }

  /** Forgets the private half of keys past their overlap: they can never sign again. */
  async destroyRetiredPrivateKeys(now: Date): Promise<number> {
    const result = await this.keys.updateMany(
      { retireAt: { $lt: now }, sealedPrivateKey: { $exists: true } },
      { $unset: { sealedPrivateKey: '' } },
    );
    return result.modifiedCount;
  }
}
