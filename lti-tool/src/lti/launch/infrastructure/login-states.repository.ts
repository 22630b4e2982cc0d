import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../../platform/database/connection.js';
import type { ExpiryRule } from '../../../platform/database/expiry-sweeper.js';
import type { NewLaunchSession } from '../../session/launch-session.js';

/**
 * One OIDC login in flight: created at login initiation, consumed by the launch.
 * Secrets (state, browser-binding secret, continuation ticket) are stored as SHA-256
 * hashes only. After a verified launch whose browser binding still has to be proven
 * (no cookie came back), the launch waits here, briefly, as `pending`.
 */
export interface LoginState {
  stateHash: string;
  nonce: string;
  registrationId: string;
  bindingHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
  pending?: NewLaunchSession;
  ticketHash?: string;
  completedAt?: Date;
}

interface LoginStateDoc extends Omit<LoginState, 'stateHash'> {
  _id: string;
}

const toState = ({ _id, ...rest }: LoginStateDoc): LoginState => ({ stateHash: _id, ...rest });

export class LoginStatesRepository {
  readonly collection = 'lti_login_states';
  private readonly model: Model<LoginStateDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<LoginStateDoc>(
      {
        _id: String,
        nonce: { type: String, required: true },
        registrationId: { type: String, required: true },
        bindingHash: { type: String, required: true },
        createdAt: { type: Date, required: true },
        expiresAt: { type: Date, required: true },
        usedAt: Date,
        pending: Schema.Types.Mixed,
        ticketHash: String,
        completedAt: Date,
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ ticketHash: 1 }, { sparse: true });
    this.model = db.model<LoginStateDoc>('LtiLoginState', schema);
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  async insert(state: LoginState): Promise<void> {
    const { stateHash, ...rest } = state;
    await this.model.create({ _id: stateHash, ...rest });
  }

  async findLive(stateHash: string, now: Date): Promise<LoginState | undefined> {
    const doc = await this.model.findOne({ _id: stateHash, expiresAt: { $gt: now } }).lean();
    return doc ? toState(doc) : undefined;
  }

  /** Marks the state used; false when another request used it first (replay). */
  async consume(stateHash: string, now: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: stateHash, usedAt: { $exists: false }, expiresAt: { $gt: now } }, { $set: { usedAt: now } });
    return res.modifiedCount === 1;
  }

  /** Parks a verified launch until the browser proves it started the login. */
  async park(stateHash: string, pending: NewLaunchSession, ticketHash: string, expiresAt: Date): Promise<void> {
    await this.model.updateOne({ _id: stateHash }, { $set: { pending, ticketHash, expiresAt } });
  }

  async findPendingByTicket(ticketHash: string, now: Date): Promise<LoginState | undefined> {
    const doc = await this.model.findOne({ ticketHash, expiresAt: { $gt: now }, completedAt: { $exists: false } }).lean();
    return doc ? toState(doc) : undefined;
  }

  /** Completes a parked launch exactly once; the parked data is dropped at the same time. */
  async complete(stateHash: string, now: Date): Promise<boolean> {
    const res = await this.model.updateOne(
      { _id: stateHash, completedAt: { $exists: false }, pending: { $exists: true }, expiresAt: { $gt: now } },
      { $set: { completedAt: now }, $unset: { pending: '', ticketHash: '' } },
    );
    return res.modifiedCount === 1;
  }

  /** A failed binding: forget the parked launch at once (nothing of a refused launch is kept). */
  async discard(stateHash: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: stateHash }, { $set: { completedAt: now }, $unset: { pending: '', ticketHash: '' } });
  }
}
