import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../../platform/database/connection.js';
import type { ExpiryRule } from '../../../platform/database/expiry-sweeper.js';
import type { NewLaunchSession } from '../../session/launch-session.js';
import { insertPreparedOnce } from '../../../platform/database/insert-once.js';

/**
 * The states that launches used (the state itself is a signed token, login-state-codec.ts):
 * recording one is what makes a state single-use. Secrets (state, continuation ticket)
 * are stored as SHA-256 hashes only. The record is also the nonce store: the nonce is
 * bound to its state, and the record is kept until the token could no longer verify (its
 * exp plus the clock tolerance). After a verified launch whose browser binding still has
 * to be proven (no cookie came back), the launch waits here, briefly, as `pending`.
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
  /** The parked launch may be completed (bind, new-tab ticket) until then. */
  pendingUntil?: Date;
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
        pendingUntil: Date,
        ticketHash: String,
        completedAt: Date,
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ ticketHash: 1 }, { sparse: true });
    schema.index({ nonce: 1 });
    this.model = db.model<LoginStateDoc>('LtiLoginState', schema);
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  /**
   * Records a state as used, in one atomic insert: false when it already was (a replay,
   * or a concurrent double post). A launch refused afterwards has used up its state: a
   * new launch starts from the LMS, which is what a person does anyway.
   */
  async take(state: Omit<LoginState, 'usedAt'>, now: Date): Promise<boolean> {
    const { stateHash, ...rest } = state;
    return insertPreparedOnce(this.model, { _id: stateHash, ...rest, usedAt: now });
  }

  /** Whether an accepted or attempted launch of this registration already carried this nonce. */
  async nonceUsed(registrationId: string, nonce: string, now: Date): Promise<boolean> {
    return (await this.model.exists({ nonce, registrationId, usedAt: { $exists: true }, expiresAt: { $gt: now } })) !== null;
  }

  /** Keeps the record (and so its nonce) at least until `until`. */
  async keepUntil(stateHash: string, until: Date): Promise<void> {
    await this.model.updateOne({ _id: stateHash, expiresAt: { $lt: until } }, { $set: { expiresAt: until } });
  }

  /** Parks a verified launch until the browser proves it started the login. */
  async park(stateHash: string, pending: NewLaunchSession, ticketHash: string, pendingUntil: Date, keepUntil: Date): Promise<void> {
    await this.model.updateOne({ _id: stateHash }, { $set: { pending, ticketHash, pendingUntil, expiresAt: keepUntil } });
  }

  /** A parked launch still waiting for its binding. */
  async findPending(stateHash: string, now: Date): Promise<LoginState | undefined> {
    const doc = await this.model.findOne({ _id: stateHash, pendingUntil: { $gt: now }, completedAt: { $exists: false } }).lean();
    return doc?.pending ? toState(doc) : undefined;
  }

  async findPendingByTicket(ticketHash: string, now: Date): Promise<LoginState | undefined> {
    const doc = await this.model.findOne({ ticketHash, pendingUntil: { $gt: now }, completedAt: { $exists: false } }).lean();
    return doc ? toState(doc) : undefined;
  }

  /** Completes a parked launch exactly once; the parked data is dropped at the same time. */
  async complete(stateHash: string, now: Date): Promise<boolean> {
    const res = await this.model.updateOne(
      { _id: stateHash, completedAt: { $exists: false }, pending: { $exists: true }, pendingUntil: { $gt: now } },
      { $set: { completedAt: now }, $unset: { pending: '', ticketHash: '', pendingUntil: '' } },
    );
    return res.modifiedCount === 1;
  }

  /** A failed binding: forget the parked launch at once (nothing of a refused launch is kept). */
  async discard(stateHash: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: stateHash }, { $set: { completedAt: now }, $unset: { pending: '', ticketHash: '', pendingUntil: '' } });
  }
}
