import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { CertificationSession, SessionStatus } from '../domain/session.js';
import { isDuplicateKey } from './duplicate-key.js';

interface SessionDoc extends Omit<CertificationSession, 'id'> {
  _id: string;
  /** The invigilator password, sealed (the centre reads it back to hand it over). */
  sealedInvigilatorPassword: string;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

export type StoredSession = CertificationSession & { sealedInvigilatorPassword: string };

export class SessionsRepository {
  private readonly model: Model<SessionDoc>;
  private readonly counters: Model<CounterDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<SessionDoc>(
      {
        _id: String,
        number: { type: Number, required: true },
        centreUai: { type: String, required: true },
        academyId: { type: String, required: true },
        date: { type: String, required: true },
        time: { type: String, required: true },
        room: { type: String, required: true },
        invigilator: { type: String, required: true },
        accessCode: { type: String, required: true },
        sealedInvigilatorPassword: { type: String, required: true },
        status: { type: String, required: true },
        examinerComment: String,
        createdAt: { type: Date, required: true },
        startedAt: Date,
        finalisedAt: Date,
        publishedAt: Date,
      },
      { collection: 'certification_sessions', versionKey: false },
    );
    schema.index({ number: 1 }, { unique: true });
    schema.index({ accessCode: 1 }, { unique: true });
    schema.index({ centreUai: 1, date: -1 });
    this.model = db.model<SessionDoc>('CertificationSession', schema);
    this.counters = db.model<CounterDoc>(
      'CertificationCounter',
      new Schema<CounterDoc>({ _id: String, seq: { type: Number, required: true } }, { collection: 'certification_counters', versionKey: false }),
    );
  }

  /** The next session number (atomic counter; numbers start at 1000 so they read as numbers, not ranks). */
  async nextNumber(): Promise<number> {
    const doc = await this.counters.findOneAndUpdate({ _id: 'session-number' }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
    return 1000 + doc!.seq;
  }

  /** Inserts the session; 'accessCode' if that code is taken (draw another), 'ok' otherwise. */
  async insert(session: StoredSession): Promise<'ok' | 'duplicate'> {
    const { id, ...rest } = session;
    try {
      await this.model.create({ _id: id, ...rest });
      return 'ok';
    } catch (err) {
      if (isDuplicateKey(err)) return 'duplicate';
      throw err;
    }
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toSession(doc) : undefined;
  }

  async findByNumber(number: number): Promise<StoredSession | undefined> {
    const doc = await this.model.findOne({ number }).lean();
    return doc ? toSession(doc) : undefined;
  }

  async listByCentre(centreUai: string): Promise<StoredSession[]> {
    return (await this.model.find({ centreUai }).sort({ date: -1, number: -1 }).lean()).map(toSession);
  }

  async update(id: string, expectedStatus: SessionStatus, changes: Partial<Omit<StoredSession, 'id'>>): Promise<boolean> {
    return (await this.model.updateOne({ _id: id, status: expectedStatus }, { $set: changes })).matchedCount === 1;
  }

  async delete(id: string, expectedStatus: SessionStatus): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id, status: expectedStatus })).deletedCount === 1;
  }
}

function toSession(doc: SessionDoc): StoredSession {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
