import { createHash } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpirySweeper } from '../../platform/database/expiry-sweeper.js';

/** An invigilator signed in to one session; the token is kept only as its hash. */
export interface InvigilatorSession {
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
}

interface Doc extends InvigilatorSession {
  _id: string;
}

const COLLECTION = 'certification_invigilator_sessions';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export class InvigilatorSessionsRepository {
  private readonly model: Model<Doc>;

  constructor(db: AppDatabase, expiry?: ExpirySweeper) {
    const schema = new Schema<Doc>(
      { _id: String, sessionId: { type: String, required: true }, createdAt: { type: Date, required: true }, expiresAt: { type: Date, required: true } },
      { collection: COLLECTION, versionKey: false },
    );
    schema.index({ sessionId: 1 });
    this.model = db.model<Doc>('CertificationInvigilatorSession', schema);
    // No TTL index (FerretDB v1): the platform's sweeper deletes expired tokens; reads check expiry anyway.
    expiry?.register({ collection: COLLECTION, field: 'expiresAt' });
  }

  async insert(token: string, session: InvigilatorSession): Promise<void> {
    await this.model.create({ _id: hashToken(token), ...session });
  }

  /** The live session of a token, or undefined (unknown or expired). */
  async resolve(token: string, now: Date): Promise<(InvigilatorSession & { key: string }) | undefined> {
    const doc = await this.model.findOne({ _id: hashToken(token), expiresAt: { $gt: now } }).lean();
    return doc ? { key: doc._id, sessionId: doc.sessionId, createdAt: doc.createdAt, expiresAt: doc.expiresAt } : undefined;
  }

  async extend(key: string, expiresAt: Date): Promise<void> {
    await this.model.updateOne({ _id: key }, { $set: { expiresAt } });
  }

  async delete(token: string): Promise<void> {
    await this.model.deleteOne({ _id: hashToken(token) });
  }
}
