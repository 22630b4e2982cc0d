import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

export interface AdminSessionRecord {
  /** SHA-256 of the cookie value: a leaked database holds no usable session. */
  id: string;
  accountId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** min(last activity + idle timeout, creation + absolute timeout): what the sweeper and readers use. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
  ip?: string;
  userAgent?: string;
}

interface AdminSessionDoc extends Omit<AdminSessionRecord, 'id'> {
  _id: string;
}

export class AdminSessionsRepository {
  readonly collection = 'admin_sessions';
  private readonly model: Model<AdminSessionDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<AdminSessionDoc>(
      'AdminSession',
      new Schema<AdminSessionDoc>(
        {
          _id: String,
          accountId: { type: String, required: true, index: true },
          createdAt: { type: Date, required: true },
          lastSeenAt: { type: Date, required: true },
          expiresAt: { type: Date, required: true, index: true },
          absoluteExpiresAt: { type: Date, required: true },
          ip: String,
          userAgent: String,
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  async insert(session: AdminSessionRecord): Promise<void> {
    const { id, ...rest } = session;
    await this.model.create({ _id: id, ...rest });
  }

  async findLive(id: string, now: Date): Promise<AdminSessionRecord | undefined> {
    const doc = await this.model.findOne({ _id: id, expiresAt: { $gt: now } }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastSeenAt, expiresAt } });
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  async deleteForAccount(accountId: string): Promise<number> {
    return (await this.model.deleteMany({ accountId })).deletedCount;
  }

  async listForAccount(accountId: string): Promise<AdminSessionRecord[]> {
    return (await this.model.find({ accountId }).sort({ createdAt: 1 }).lean()).map(toRecord);
  }
}

function toRecord(doc: AdminSessionDoc): AdminSessionRecord {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
