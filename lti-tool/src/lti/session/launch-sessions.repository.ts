import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { LaunchSession } from './launch-session.js';
import { insertPreparedOnce } from '../../platform/database/insert-once.js';

interface LaunchSessionDoc extends Omit<LaunchSession, 'id'> {
  /** SHA-256 of the bearer token: a leaked database does not leak usable sessions. */
  _id: string;
}

export class LaunchSessionsRepository {
  readonly collection = 'launch_sessions';
  private readonly model: Model<LaunchSessionDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<LaunchSessionDoc>(
      'LaunchSession',
      new Schema<LaunchSessionDoc>(
        {
          _id: String,
          tenantId: { type: String, required: true },
          tenant: { type: Schema.Types.Mixed, required: true },
          registrationId: { type: String, required: true },
          messageType: { type: String, required: true },
          user: { type: Schema.Types.Mixed, required: true },
          roles: { type: Schema.Types.Mixed, required: true },
          context: Schema.Types.Mixed,
          resourceLink: Schema.Types.Mixed,
          activity: Schema.Types.Mixed,
          ags: Schema.Types.Mixed,
          nrps: Schema.Types.Mixed,
          deepLinking: Schema.Types.Mixed,
          locale: String,
          returnUrl: String,
          createdAt: { type: Date, required: true },
          // TTL where the server supports it; the expiry sweeper covers FerretDB.
          expiresAt: { type: Date, required: true, expires: 0 },
        },
        { collection: this.collection, versionKey: false, minimize: false },
      ),
    );
  }

  async insert(tokenHash: string, session: Omit<LaunchSession, 'id'>): Promise<void> {
    // The id is a hash of 32 random bytes: a duplicate is a bug, not a race.
    if (!(await insertPreparedOnce(this.model, { _id: tokenHash, ...session }))) throw new Error('a launch session with this token already exists');
  }

  async findLive(tokenHash: string, now: Date): Promise<Omit<LaunchSession, 'id'> | null> {
    const doc = await this.model.findOne({ _id: tokenHash, expiresAt: { $gt: now } }).lean();
    if (!doc) return null;
    const { _id, ...session } = doc;
    return session;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.model.deleteOne({ _id: tokenHash });
  }
}
