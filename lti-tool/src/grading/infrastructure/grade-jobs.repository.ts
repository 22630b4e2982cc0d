import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import type { GradeError, GradeJob, GradeScore, GradeStatus } from '../domain/grade.js';
import { statusesAllowedBefore } from '../domain/grade-status.js';
import { updateIf, type WriteLock } from './write-lock.js';

interface GradeJobDoc extends Omit<GradeJob, 'id'> {
  /** `g_` + SHA-256 of the idempotency key parts (registration, user, source, line item): the id is the key, one lookup by `_id`. */
  _id: string;
  /** The claim of the worker delivering it; completes and retries are conditional on it. */
  leaseId?: string;
  /** Delivered and failed grades are purged after a school year and a bit (expiry sweeper). */
  purgeAt?: Date;
}

/** How long a delivered or failed grade stays readable (dashboard, admin). */
const RETENTION_MS = 400 * 24 * 3600_000;

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

export interface GradeFilter {
  tenantId?: string;
  registrationId?: string;
  contextId?: string;
  resourceLinkId?: string;
  status?: GradeStatus;
}

/**
 * The durable grade queue. Every state change is one conditional single-document update
 * (no transactions: FerretDB v1), so several tool instances can share the queue.
 */
export class GradeJobsRepository {
  readonly collection = 'grade_jobs';
  private readonly model: Model<GradeJobDoc>;

  constructor(
    db: AppDatabase,
    private readonly lock: WriteLock,
  ) {
    const schema = new Schema<GradeJobDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        registrationId: { type: String, required: true },
        contextId: { type: String, required: true },
        resourceLinkId: { type: String, required: true },
        lineItem: { type: Schema.Types.Mixed, required: true },
        lineItemUrl: String,
        userSub: { type: String, required: true },
        learnerId: { type: String, required: true },
        score: { type: Schema.Types.Mixed, required: true },
        source: { type: Schema.Types.Mixed, required: true },
        status: { type: String, required: true },
        revision: { type: Number, required: true },
        attempts: { type: Number, required: true },
        dueAt: { type: Date, required: true },
        leaseId: String,
        lastError: Schema.Types.Mixed,
        failure: Schema.Types.Mixed,
        deliveredAt: Date,
        deliveredTimestamp: Date,
        enqueuedAt: { type: Date, required: true },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
        purgeAt: Date,
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ status: 1, dueAt: 1 });
    schema.index({ tenantId: 1, contextId: 1, resourceLinkId: 1 });
    schema.index({ registrationId: 1, status: 1 });
    this.model = db.model<GradeJobDoc>('GradeJob', schema);
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'purgeAt' };
  }

  /** Inserts a new job (its id is its idempotency key); false if it exists. */
  async insert(job: GradeJob): Promise<boolean> {
    const { id, ...rest } = job;
    try {
      await this.model.create({ _id: id, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async findById(id: string): Promise<GradeJob | undefined> {
    return toJob(await this.model.findById(id).lean());
  }

  /**
   * Replaces the score of a job with a newer result, if nobody changed it since
   * `revision`. A job being delivered stays claimed: its worker sees the new revision
   * when it completes and puts it back in the queue.
   */
  async supersede(id: string, revision: number, score: GradeScore, now: Date): Promise<GradeJob | undefined> {
    const current = await this.model.findOne({ _id: id, revision }).lean();
    if (!current) return undefined;
    const inFlight = current.status === 'delivering';
    const set: Partial<GradeJobDoc> = { score, enqueuedAt: now, updatedAt: now, attempts: 0 };
    if (!inFlight) Object.assign(set, { status: 'pending' satisfies GradeStatus, dueAt: now });
    const doc = await updateIf(this.model, this.lock, { _id: id, revision }, { $set: set, $inc: { revision: 1 }, $unset: { failure: '', lastError: '', purgeAt: '' } });
    return toJob(doc);
  }

  /**
   * The grades due now, first due first: pending ones whose time has come, and ones whose
   * delivering worker's lease ran out (it crashed or hung). Candidates only: `claim`
   * takes one for good. Read in batches because FerretDB v1 evaluates such a filter by
   * scanning the collection (MongoDB uses the (status, dueAt) index).
   */
  async due(now: Date, limit: number): Promise<GradeJob[]> {
    const docs = await this.model
      .find({ status: { $in: ['pending', 'delivering'] }, dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean();
    return docs.map((d) => toJob(d)!);
  }

  /**
   * Claims a candidate if it is still as it was read (same status and due time, so
   * nobody claimed, superseded or completed it meanwhile). Atomic: two workers never
   * hold the same grade. The filter starts with `_id`, the one FerretDB looks up directly.
   */
  async claim(candidate: Pick<GradeJob, 'id' | 'status' | 'dueAt'>, now: Date, leaseMs: number, leaseId: string): Promise<(GradeJob & { leaseId: string }) | undefined> {
    const doc = await updateIf(
      this.model,
      this.lock,
      { _id: candidate.id, status: candidate.status, dueAt: candidate.dueAt },
      { $set: { status: 'delivering', leaseId, dueAt: new Date(now.getTime() + leaseMs), updatedAt: now } },
    );
    const job = toJob(doc);
    return job ? { ...job, leaseId } : undefined;
  }

  async registrationOf(id: string): Promise<string | undefined> {
    return (await this.model.findById(id).lean())?.registrationId;
  }

  /** Whether a worker still holds the grade under this lease (it is delivering it now). */
  async holdsLease(id: string, leaseId: string): Promise<boolean> {
    const doc = await this.model.findById(id).lean();
    return doc?.status === 'delivering' && doc.leaseId === leaseId;
  }

  /** Marks the claimed revision delivered; false if a newer result arrived meanwhile or the lease was lost. */
  async markDelivered(id: string, leaseId: string, revision: number, fields: { lineItemUrl: string; attempts: number; timestamp: Date; now: Date }): Promise<boolean> {
    const result = await this.update(
      { _id: id, leaseId, revision, status: 'delivering' },
      {
        $set: {
          status: 'delivered',
          lineItemUrl: fields.lineItemUrl,
          attempts: fields.attempts,
          deliveredAt: fields.now,
          deliveredTimestamp: fields.timestamp,
          updatedAt: fields.now,
          purgeAt: new Date(fields.now.getTime() + RETENTION_MS),
        },
        $unset: { leaseId: '', lastError: '', failure: '' },
      },
    );
    return result.matchedCount === 1;
  }

  /**
   * Ends the claimed revision without delivery: `failed` for good (the LMS's reason kept)
   * or `superseded` by a later result; false if a newer result arrived or the lease was lost.
   */
  async markFailed(
    id: string,
    leaseId: string,
    revision: number,
    fields: { failure: GradeError; attempts: number; lineItemUrl?: string; now: Date; status?: 'failed' | 'superseded' },
  ): Promise<boolean> {
    const set: Record<string, unknown> = {
      status: fields.status ?? 'failed',
      failure: fields.failure,
      lastError: fields.failure,
      attempts: fields.attempts,
      updatedAt: fields.now,
      purgeAt: new Date(fields.now.getTime() + RETENTION_MS),
    };
    if (fields.lineItemUrl) set.lineItemUrl = fields.lineItemUrl;
    const result = await this.update({ _id: id, leaseId, revision, status: 'delivering' }, { $set: set, $unset: { leaseId: '' } });
    return result.matchedCount === 1;
  }

  /**
   * Puts the claimed job back in the queue, due at `dueAt`: after a transient failure
   * (with the error), to wait for a busy line item or learner, or because a newer result
   * arrived while it was being delivered. Any revision: the newest score is what is due.
   */
  async release(id: string, leaseId: string, fields: { dueAt: Date; now: Date; attempts?: number; lastError?: GradeError; lineItemUrl?: string }): Promise<boolean> {
    const set: Record<string, unknown> = { status: 'pending', dueAt: fields.dueAt, updatedAt: fields.now };
    if (fields.attempts !== undefined) set.attempts = fields.attempts;
    if (fields.lastError) set.lastError = fields.lastError;
    if (fields.lineItemUrl) set.lineItemUrl = fields.lineItemUrl;
    const result = await this.update({ _id: id, leaseId, status: 'delivering' }, { $set: set, $unset: { leaseId: '' } });
    return result.matchedCount === 1;
  }

  /** "Send again": a grade not being delivered goes (back) to the front of the queue. */
  async resend(id: string, now: Date): Promise<GradeJob | undefined> {
    const doc = await updateIf(
      this.model,
      this.lock,
      { _id: id, status: { $in: statusesAllowedBefore('pending').filter((s) => s !== 'delivering') } },
      {
        $set: { status: 'pending', dueAt: now, enqueuedAt: now, attempts: 0, updatedAt: now },
        $inc: { revision: 1 },
        $unset: { failure: '', lastError: '', purgeAt: '' },
      },
    );
    return toJob(doc);
  }

  /** Resends every failed grade matching `filter` (an admin's bulk action), one by one; returns their ids. */
  async resendFailed(filter: GradeFilter & { code?: string }, now: Date): Promise<string[]> {
    const { code, ...rest } = filter;
    const query: Record<string, unknown> = { ...clean(rest), status: 'failed' };
    if (code) query['failure.code'] = code;
    const ids = (await this.model.find(query).select({ _id: 1 }).lean()).map((d) => d._id);
    const resent: string[] = [];
    for (const id of ids) if (await this.resend(id, now)) resent.push(id);
    return resent;
  }

  private async update(filter: { _id: string; leaseId: string; status: GradeStatus; revision?: number }, update: Record<string, unknown>) {
    return { matchedCount: (await updateIf(this.model, this.lock, filter, update)) ? 1 : 0 };
  }

  /** Every grade of a learner (by our pseudonymous id, or the LMS's user id within a tenant), for an access request. */
  async forLearner(learnerId: string, lms?: { tenantId: string; userSub: string }): Promise<Array<GradeJob & { userSub: string }>> {
    const or: Record<string, string>[] = [{ learnerId }];
    if (lms) or.push({ tenantId: lms.tenantId, userSub: lms.userSub });
    const docs = await this.model.find({ $or: or }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toJob(d)!);
  }

  /**
   * Deletes (or counts) finished grades — delivered, failed, superseded — last changed
   * before `before`. Waiting grades are kept whatever their age: they are scores not yet in
   * the gradebook.
   */
  async purgeFinishedBefore(before: Date, dryRun: boolean): Promise<number> {
    const filter = { status: { $in: ['delivered', 'failed', 'superseded'] }, updatedAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }

  async list(filter: GradeFilter, options: { limit: number; updatedBefore?: Date }): Promise<GradeJob[]> {
    const query: Record<string, unknown> = clean(filter);
    if (options.updatedBefore) query.updatedAt = { $lt: options.updatedBefore };
    const docs = await this.model.find(query).sort({ updatedAt: -1 }).limit(options.limit).lean();
    return docs.map((d) => toJob(d)!);
  }

  /** Counts per status (one count each: FerretDB v1 has no rich $group). */
  async countByStatus(filter: Omit<GradeFilter, 'status'>, statuses: readonly GradeStatus[]): Promise<Record<GradeStatus, number>> {
    const counts = await Promise.all(statuses.map((status) => this.model.countDocuments({ ...clean(filter), status })));
    return Object.fromEntries(statuses.map((status, i) => [status, counts[i]!])) as Record<GradeStatus, number>;
  }

  /** The oldest grade still waiting, to show how far behind delivery is. */
  async oldestWaiting(filter: Omit<GradeFilter, 'status'>): Promise<Date | undefined> {
    const doc = await this.model
      .findOne({ ...clean(filter), status: { $in: ['pending', 'delivering'] } })
      .sort({ enqueuedAt: 1 })
      .lean();
    return doc?.enqueuedAt;
  }
}

function clean(filter: GradeFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

function toJob(doc: GradeJobDoc | null | undefined): GradeJob | undefined {
  if (!doc) return undefined;
  const { _id, leaseId: _lease, purgeAt: _purge, ...rest } = doc;
  return { id: _id, ...rest };
}
