import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import type { GradeError, GradeJob, GradeScore, GradeStatus } from '../domain/grade.js';
import { statusesAllowedBefore } from '../domain/grade-status.js';
import { insertPreparedOnce } from '../../platform/database/insert-once.js';
import { applyUpdate, meets, updateIf, updateKnown, updateWhere, type WriteLock } from './write-lock.js';

interface GradeJobDoc extends Omit<GradeJob, 'id'> {
  /** `g_` + SHA-256 of the idempotency key parts (registration, user, source, line item): the id is the key, one lookup by `_id`. */
  _id: string;
  /** The claim of the worker delivering it; completes and retries are conditional on it. */
  leaseId?: string;
  /** Delivered and failed grades are purged after a school year and a bit (expiry sweeper). */
  purgeAt?: Date;
}

/** How many claimed documents the repository keeps to finish them without a read (more are read back). */
const CLAIMED_MEMORY_MAX = 10_000;

/** A candidate for a claim: the grade's state as read or written, whole when the caller has it all. */
export type ClaimCandidate = Pick<GradeJob, 'id' | 'status' | 'dueAt'> & Partial<GradeJob>;

const isWhole = (candidate: ClaimCandidate): candidate is GradeJob =>
  typeof candidate.revision === 'number' && typeof candidate.attempts === 'number' && candidate.score !== undefined && candidate.lineItem !== undefined;

/** How long a delivered or failed grade stays readable (dashboard, admin). */
const RETENTION_MS = 400 * 24 * 3600_000;


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
 *
 * Finished grades (delivered, failed, superseded) leave the queue for `grade_history`
 * where the server's updates are not atomic (FerretDB v1, one instance: `lock.serialised`):
 * there a read of the due grades (`due`) scans its collection, so the queue must hold only the
 * grades still waiting. The move (copy to the history, then delete from the queue) runs in
 * the grade's lock, as does every write that could bring the grade back into the queue, so
 * a grade is always in one of the two collections; if a crash leaves it in both, the
 * queue's copy is the current one and the next claim finishes the move (ADR 0010). On
 * MongoDB (indexed lookups, several instances) finished grades stay in the queue; reads
 * always look at both collections.
 */
export class GradeJobsRepository {
  readonly collection = 'grade_jobs';
  readonly historyCollection = 'grade_history';
  private readonly model: Model<GradeJobDoc>;
  private readonly history: Model<GradeJobDoc>;
  /** Whether finished grades move to the history (see the class comment). */
  readonly archives: boolean;
  /**
   * The documents this process claimed, by `<id>|<lease>`, as written: a delivery ends by
   * writing the finished document to the history without reading the queue's copy first.
   */
  private readonly claimedDocs = new Map<string, GradeJobDoc>();

  constructor(
    db: AppDatabase,
    private readonly lock: WriteLock,
  ) {
    this.archives = lock.serialised;
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
    const historySchema = schema.clone();
    historySchema.set('collection', this.historyCollection);
    historySchema.index({ updatedAt: 1 });
    this.history = db.model<GradeJobDoc>('GradeHistory', historySchema);
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'purgeAt' };
  }

  get historyExpiryRule(): ExpiryRule {
    return { collection: this.historyCollection, field: 'purgeAt' };
  }

  /**
   * Inserts a new job (its id is its idempotency key); false if it exists, waiting or
   * finished. In the grade's lock, so that a finished grade moving to the history meanwhile
   * is seen in one collection or the other.
   */
  async insert(job: GradeJob): Promise<boolean> {
    const { id, ...rest } = job;
    return this.lock.run(this.collection, id, async () => {
      if (await this.history.exists({ _id: id })) return false;
      return this.create({ _id: id, ...rest });
    });
  }

  /** The grade, waiting (queue) or finished (history); the queue's copy is the current one. */
  async findById(id: string): Promise<GradeJob | undefined> {
    return toJob((await this.model.findById(id).lean()) ?? (await this.history.findById(id).lean()));
  }

  private create(doc: GradeJobDoc): Promise<boolean> {
    return insertPreparedOnce(this.model, doc);
  }

  /**
   * Puts a finished grade of the history back in the queue as `requeued(previous)`, if
   * `expect(previous)` holds; undefined if it is not in the history (any more) or is back in
   * the queue already. The history's copy is deleted after the insert: a crash in between
   * leaves both, and the queue's copy wins.
   */
  private async requeueFromHistory(id: string, expect: (previous: GradeJobDoc) => boolean, requeued: (previous: GradeJobDoc) => GradeJobDoc): Promise<GradeJob | undefined> {
    return this.lock.run(this.collection, id, async () => {
      const previous = await this.history.findById(id).lean();
      if (!previous || !expect(previous)) return undefined;
      const doc = requeued(previous);
      if (!(await this.create(doc))) return undefined;
      await this.history.deleteOne({ _id: id });
      return toJob(doc);
    });
  }

  /**
   * Ends a claimed job with `update` if it still meets `conditions`. Where finished grades
   * are archived, in the grade's lock: the finished document is written to the history
   * (replacing an older finished revision), then deleted from the queue.
   */
  private async finish(filter: { _id: string; leaseId: string; status: GradeStatus; revision?: number }, update: Record<string, Record<string, unknown>>): Promise<boolean> {
    const known = this.forgetClaim(filter._id, filter.leaseId);
    if (!this.archives) return updateWhere(this.model, this.lock, filter, update);
    const { _id, ...conditions } = filter;
    return this.lock.run(this.collection, _id, async () => {
      if (known && meets(known as unknown as Record<string, unknown>, conditions)) {
        // As claimed: archive first, then delete the queue's copy if it is still the claimed revision.
        const finished = applyUpdate(known as unknown as Record<string, unknown>, update) as unknown as GradeJobDoc;
        await this.archive(finished);
        if ((await this.model.deleteOne(filter)).deletedCount === 1) return true;
        // Changed since (a newer result, a lost lease): the queue's copy is the current one.
        await this.history.deleteOne({ _id, revision: finished.revision });
        return false;
      }
      const current = (await this.model.findById(_id).lean()) as (GradeJobDoc & Record<string, unknown>) | null;
      if (!current || !meets(current, conditions)) return false;
      await this.archive(applyUpdate(current, update) as unknown as GradeJobDoc);
      await this.model.deleteOne({ _id });
      return true;
    });
  }

  private rememberClaim(doc: GradeJobDoc, leaseId: string): void {
    if (this.claimedDocs.size >= CLAIMED_MEMORY_MAX) this.claimedDocs.delete(this.claimedDocs.keys().next().value!);
    this.claimedDocs.set(`${doc._id}|${leaseId}`, doc);
  }

  private forgetClaim(id: string, leaseId: string): GradeJobDoc | undefined {
    const key = `${id}|${leaseId}`;
    const doc = this.claimedDocs.get(key);
    this.claimedDocs.delete(key);
    return doc;
  }

  private async archive(doc: GradeJobDoc): Promise<void> {
    if (await insertPreparedOnce(this.history, doc)) return;
    // An older finished revision of the grade (re-queued, crash before its copy was deleted).
    await this.history.replaceOne({ _id: doc._id }, doc);
  }

  /**
   * A grade whose worker crashed between writing it to the history and deleting it from
   * the queue is found `delivering` with an expired lease: the move is finished instead
   * of sending it again. True when that was the case (the grade is not to be claimed).
   */
  private async finishInterruptedMove(id: string): Promise<boolean> {
    if (!(await this.history.exists({ _id: id }))) return false;
    return this.lock.run(this.collection, id, async () => {
      const [current, finished] = await Promise.all([this.model.findById(id).lean(), this.history.findById(id).lean()]);
      if (!current || !finished || current.status !== 'delivering' || current.revision !== finished.revision) return false;
      await this.model.deleteOne({ _id: id });
      return true;
    });
  }

  /**
   * Replaces the score of a job with a newer result, if nobody changed it since
   * `revision`. A job being delivered stays claimed: its worker sees the new revision
   * when it completes and puts it back in the queue.
   */
  async supersede(id: string, revision: number, score: GradeScore, now: Date): Promise<GradeJob | undefined> {
    const current = await this.model.findById(id).lean();
    if (!current) {
      return this.requeueFromHistory(
        id,
        (previous) => previous.revision === revision,
        (previous) => requeued(previous, now, { score }),
      );
    }
    if (current.revision !== revision) return undefined;
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
   * hold the same grade. A whole candidate (read from the queue, or as this process wrote
   * it) is claimed by one conditional write that also pins its revision and attempts;
   * otherwise the claim reads the grade first.
   */
  async claim(candidate: ClaimCandidate, now: Date, leaseMs: number, leaseId: string): Promise<(GradeJob & { leaseId: string }) | undefined> {
    if (this.archives && candidate.status === 'delivering' && (await this.finishInterruptedMove(candidate.id))) return undefined;
    const update = { $set: { status: 'delivering', leaseId, dueAt: new Date(now.getTime() + leaseMs), updatedAt: now } };
    const conditions = { _id: candidate.id, status: candidate.status, dueAt: candidate.dueAt };
    const doc = isWhole(candidate)
      ? await updateKnown(this.model, this.lock, { ...conditions, revision: candidate.revision, attempts: candidate.attempts }, update, toDoc(candidate) as unknown as Record<string, unknown>)
      : await updateIf(this.model, this.lock, conditions, update);
    if (!doc) return undefined;
    if (this.archives) this.rememberClaim(doc, leaseId);
    const job = toJob(doc);
    return job ? { ...job, leaseId } : undefined;
  }

  async registrationOf(id: string): Promise<string | undefined> {
    return (await this.findById(id))?.registrationId;
  }

  /** Whether a worker still holds the grade under this lease (it is delivering it now). */
  async holdsLease(id: string, leaseId: string): Promise<boolean> {
    const doc = await this.model.findById(id).lean();
    return doc?.status === 'delivering' && doc.leaseId === leaseId;
  }

  /** Marks the claimed revision delivered; false if a newer result arrived meanwhile or the lease was lost. */
  async markDelivered(id: string, leaseId: string, revision: number, fields: { lineItemUrl: string; attempts: number; timestamp: Date; now: Date }): Promise<boolean> {
    return this.finish(
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
    return this.finish({ _id: id, leaseId, revision, status: 'delivering' }, { $set: set, $unset: { leaseId: '' } });
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
    this.forgetClaim(id, leaseId);
    return updateWhere(this.model, this.lock, { _id: id, leaseId, status: 'delivering' }, { $set: set, $unset: { leaseId: '' } });
  }

  /** "Send again": a grade not being delivered goes (back) to the front of the queue. */
  async resend(id: string, now: Date): Promise<GradeJob | undefined> {
    const resendable: GradeStatus[] = statusesAllowedBefore('pending').filter((s) => s !== 'delivering');
    const doc = await updateIf(
      this.model,
      this.lock,
      { _id: id, status: { $in: resendable } },
      {
        $set: { status: 'pending', dueAt: now, enqueuedAt: now, attempts: 0, updatedAt: now },
        $inc: { revision: 1 },
        $unset: { failure: '', lastError: '', purgeAt: '' },
      },
    );
    if (doc) return toJob(doc);
    return this.requeueFromHistory(
      id,
      (previous) => resendable.includes(previous.status),
      (previous) => requeued(previous, now, {}),
    );
  }

  /** Resends every failed grade matching `filter` (an admin's bulk action), one by one; returns their ids. */
  async resendFailed(filter: GradeFilter & { code?: string }, now: Date): Promise<string[]> {
    const { code, ...rest } = filter;
    const query: Record<string, unknown> = { ...clean(rest), status: 'failed' };
    if (code) query['failure.code'] = code;
    const found = await Promise.all([this.model, this.history].map((model) => model.find(query).select({ _id: 1 }).lean()));
    const ids = [...new Set(found.flat().map((d) => d._id))];
    const resent: string[] = [];
    for (const id of ids) if (await this.resend(id, now)) resent.push(id);
    return resent;
  }

  /** Every grade of a learner (by our pseudonymous id, or the LMS's user id within a tenant), for an access request. */
  async forLearner(learnerId: string, lms?: { tenantId: string; userSub: string }): Promise<Array<GradeJob & { userSub: string }>> {
    const or: Record<string, string>[] = [{ learnerId }];
    if (lms) or.push({ tenantId: lms.tenantId, userSub: lms.userSub });
    const [waiting, finished] = await Promise.all([this.model, this.history].map((model) => model.find({ $or: or }).sort({ createdAt: 1 }).lean()));
    return merge(waiting!, finished!)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((d) => toJob(d)!);
  }

  /**
   * Deletes (or counts) finished grades — delivered, failed, superseded — last changed
   * before `before`. Waiting grades are kept whatever their age: they are scores not yet in
   * the gradebook.
   */
  async purgeFinishedBefore(before: Date, dryRun: boolean): Promise<number> {
    const filter = { status: { $in: ['delivered', 'failed', 'superseded'] }, updatedAt: { $lt: before } };
    const counts = await Promise.all(
      [this.model, this.history].map(async (model) => (dryRun ? model.countDocuments(filter) : (await model.deleteMany(filter)).deletedCount)),
    );
    return counts[0]! + counts[1]!;
  }

  async list(filter: GradeFilter, options: { limit: number; updatedBefore?: Date }): Promise<GradeJob[]> {
    const query: Record<string, unknown> = clean(filter);
    if (options.updatedBefore) query.updatedAt = { $lt: options.updatedBefore };
    const [waiting, finished] = await Promise.all([this.model, this.history].map((model) => model.find(query).sort({ updatedAt: -1 }).limit(options.limit).lean()));
    return merge(waiting!, finished!)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, options.limit)
      .map((d) => toJob(d)!);
  }

  /** Counts per status (one count each: FerretDB v1 has no rich $group); waiting grades are never in the history. */
  async countByStatus(filter: Omit<GradeFilter, 'status'>, statuses: readonly GradeStatus[]): Promise<Record<GradeStatus, number>> {
    const count = async (status: GradeStatus) => {
      const query = { ...clean(filter), status };
      const waiting = status === 'pending' || status === 'delivering';
      const [queued, archived] = await Promise.all([this.model.countDocuments(query), waiting ? 0 : this.history.countDocuments(query)]);
      return queued + archived;
    };
    const counts = await Promise.all(statuses.map(count));
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

/** Queue and history documents, each grade once: the queue's copy is the current one. */
function merge(waiting: GradeJobDoc[], finished: GradeJobDoc[]): GradeJobDoc[] {
  const queued = new Set(waiting.map((d) => d._id));
  return [...waiting, ...finished.filter((d) => !queued.has(d._id))];
}

/** A finished grade back in the queue, due now, with a new revision (and a new score if given). */
function requeued(previous: GradeJobDoc, now: Date, change: { score?: GradeScore }): GradeJobDoc {
  const { leaseId: _lease, purgeAt: _purge, failure: _failure, lastError: _error, ...rest } = previous;
  return { ...rest, ...change, status: 'pending', dueAt: now, enqueuedAt: now, attempts: 0, updatedAt: now, revision: previous.revision + 1 };
}

function toDoc(job: GradeJob): GradeJobDoc {
  const { id, ...rest } = job;
  return { _id: id, ...rest };
}

function toJob(doc: GradeJobDoc | null | undefined): GradeJob | undefined {
  if (!doc) return undefined;
  const { _id, leaseId: _lease, purgeAt: _purge, ...rest } = doc;
  return { id: _id, ...rest };
}
