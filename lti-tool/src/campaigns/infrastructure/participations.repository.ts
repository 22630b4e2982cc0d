import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { insertOnce } from '../../platform/database/insert-once.js';
import type { Logger } from '../../platform/logger.js';
import type { Participation } from '../domain/participation.js';
import { GuardedUpdates } from './guarded-update.js';

interface ParticipationDoc extends Omit<Participation, 'id'> {
  _id: string;
}

/**
 * Participations. Every change is a single-document update whose filter makes it
 * idempotent (status transitions only move forward), so a retried or concurrent request
 * writes the same thing; decisions that must be taken once are taken by inserts under a
 * unique id elsewhere (the participation itself, an assessment, the share snapshot).
 */
export class ParticipationsRepository {
  readonly collection = 'campaign_participations';
  private readonly model: Model<ParticipationDoc>;
  private readonly guarded: GuardedUpdates;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    this.guarded = new GuardedUpdates(db);
    const schema = new Schema<ParticipationDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        learnerId: { type: String, required: true },
        registrationId: { type: String, required: true },
        activityKey: { type: String, required: true },
        activity: { type: Schema.Types.Mixed, required: true },
        attempt: { type: Number, required: true },
        status: { type: String, required: true },
        improved: { type: Boolean, required: true },
        contextIds: { type: [String], default: [] },
        resourceLinkIds: { type: [String], default: [] },
        gradeTarget: Schema.Types.Mixed,
        assessmentId: { type: String, required: true },
        assessmentRuns: { type: Number, required: true },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
        completedAt: Date,
        sharedAt: Date,
        sharedResults: Schema.Types.Mixed,
        masteryRate: Number,
        pixScore: Number,
        gradeId: String,
        gradeError: String,
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ tenantId: 1, activityKey: 1, learnerId: 1, attempt: 1 }, { unique: true });
    schema.index({ tenantId: 1, activityKey: 1, contextIds: 1 });
    schema.index({ learnerId: 1 });
    schema.index({ updatedAt: 1 });
    schema.index({ status: 1, gradeId: 1 });
    this.model = db.model<ParticipationDoc>('CampaignParticipation', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'participation indexes could not be built'));
  }

  /** False when this participation (same id, i.e. same learner, activity and attempt) exists. */
  async insert(participation: Participation): Promise<boolean> {
    const { id, ...rest } = participation;
    return insertOnce(this.model, { _id: id, ...rest });
  }

  async findById(id: string): Promise<Participation | undefined> {
    return toParticipation(await this.model.findById(id).lean());
  }

  /** The learner's latest attempt at an activity. */
  async findLatest(tenantId: string, activityKey: string, learnerId: string): Promise<Participation | undefined> {
    return toParticipation(await this.model.findOne({ tenantId, activityKey, learnerId }).sort({ attempt: -1 }).lean());
  }

  /** Remembers where the learner launched from (course, link) and where their grade goes now. */
  async recordLaunch(id: string, place: { contextId?: string; resourceLinkId?: string; gradeTarget?: unknown }, now: Date): Promise<void> {
    const addToSet: Record<string, string> = {};
    if (place.contextId) addToSet.contextIds = place.contextId;
    if (place.resourceLinkId) addToSet.resourceLinkIds = place.resourceLinkId;
    const set: Record<string, unknown> = { updatedAt: now };
    if (place.gradeTarget !== undefined) set.gradeTarget = place.gradeTarget;
    await this.model.updateOne({ _id: id }, { $set: set, ...(Object.keys(addToSet).length > 0 ? { $addToSet: addToSet } : {}) });
  }

  /** STARTED → TO_SHARE (no-op in any other state). */
  async markCompleted(id: string, assessmentId: string, completedAt: Date): Promise<void> {
    await this.guarded.update(
      this.model,
      id,
      { filter: { status: 'STARTED', assessmentId }, test: (p) => p.status === 'STARTED' && p.assessmentId === assessmentId },
      { $set: { status: 'TO_SHARE', completedAt, updatedAt: completedAt } },
    );
  }

  /** TO_SHARE → SHARED with the frozen results (the caller decided them once; writing them again is harmless). */
  async markShared(id: string, shared: { sharedAt: Date; sharedResults: unknown; masteryRate: number; pixScore: number }): Promise<void> {
    await this.guarded.update(
      this.model,
      id,
      { filter: { status: { $in: ['TO_SHARE', 'SHARED'] } }, test: (p) => p.status === 'TO_SHARE' || p.status === 'SHARED' },
      { $set: { status: 'SHARED', ...shared, updatedAt: shared.sharedAt } },
    );
  }

  /** Back to STARTED on a new assessment (an improvement); only from TO_SHARE with the previous assessment. */
  async restart(id: string, from: { assessmentId: string }, to: { assessmentId: string; assessmentRuns: number }, now: Date): Promise<void> {
    await this.guarded.update(
      this.model,
      id,
      { filter: { status: 'TO_SHARE', assessmentId: from.assessmentId }, test: (p) => p.status === 'TO_SHARE' && p.assessmentId === from.assessmentId },
      { $set: { status: 'STARTED', assessmentId: to.assessmentId, assessmentRuns: to.assessmentRuns, updatedAt: now }, $unset: { completedAt: '' } },
    );
  }

  async markImproved(id: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { improved: true, updatedAt: now } });
  }

  async setGrade(id: string, gradeId: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { gradeId }, $unset: { gradeError: '' } });
  }

  async setGradeError(id: string, code: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { gradeError: code } });
  }

  /** Shared participations whose grade was not queued (interrupted between sharing and queueing). */
  async listAwaitingGrade(limit: number): Promise<Participation[]> {
    const docs = await this.model.find({ status: 'SHARED', gradeId: { $exists: false }, gradeError: { $exists: false }, gradeTarget: { $exists: true } }).limit(limit).lean();
    return docs.map((d) => toParticipation(d)!);
  }

  /** Every participation (all attempts) of an activity launched from a course. */
  async listForContext(tenantId: string, activityKey: string, contextId: string): Promise<Participation[]> {
    const docs = await this.model.find({ tenantId, activityKey, contextIds: contextId }).sort({ learnerId: 1, attempt: 1 }).limit(5000).lean();
    return docs.map((d) => toParticipation(d)!);
  }

  async listForLearner(learnerId: string): Promise<Participation[]> {
    const docs = await this.model.find({ learnerId }).sort({ createdAt: 1 }).lean();
    return docs.map((d) => toParticipation(d)!);
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { updatedAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}

function toParticipation(doc: ParticipationDoc | null | undefined): Participation | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  const p: Participation = { id: _id, ...rest };
  for (const key of ['gradeTarget', 'completedAt', 'sharedAt', 'sharedResults', 'masteryRate', 'pixScore', 'gradeId', 'gradeError'] as const) {
    if (p[key] === null || p[key] === undefined) delete p[key];
  }
  return p;
}
