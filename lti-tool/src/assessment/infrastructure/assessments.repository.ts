import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { insertOnce } from '../../platform/database/insert-once.js';
import type { Logger } from '../../platform/logger.js';
import { GuardedUpdates } from '../../campaigns/infrastructure/guarded-update.js';
import type { KnowledgeElement } from '../../adaptive/index.js';
import { answerIdOf, type AnswerRecord, type AssessmentRecord, type FlashResultRecord } from '../domain/assessment.js';

interface AssessmentDoc extends Omit<AssessmentRecord, 'id'> {
  _id: string;
}

/**
 * Assessments. Every read and write names the document by `_id` (the only lookup FerretDB
 * v1 does without scanning), and updates are monotone (`$push` of answers the reader
 * de-duplicates, `$addToSet`, `$max`, a guarded forward-only state change) so that a retried
 * or concurrent write cannot move an assessment backwards.
 */
export class AssessmentsRepository {
  readonly collection = 'assessments';
  private readonly model: Model<AssessmentDoc>;
  private readonly guarded: GuardedUpdates;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    this.guarded = new GuardedUpdates(db);
    const schema = new Schema<AssessmentDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        learnerId: { type: String, required: true },
        participationId: { type: String, required: true },
        activityKey: { type: String, required: true },
        activity: { type: Schema.Types.Mixed, required: true },
        method: { type: String, required: true },
        checkpoints: { type: Boolean, required: true },
        flashLength: Number,
        locale: { type: String, required: true },
        isImproving: { type: Boolean, required: true },
        run: { type: Number, required: true },
        first: { type: Schema.Types.Mixed, required: true },
        log: { type: Schema.Types.Mixed, default: [] },
        answered: { type: Number, required: true },
        ended: { type: Boolean, required: true },
        acknowledged: { type: Number, required: true },
        challengeStarts: { type: [{ _id: false, number: Number, challengeId: String, startedAt: Date }], default: [] },
        focusLost: { type: [Number], default: [] },
        state: { type: String, required: true },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
        completedAt: Date,
        flashResult: Schema.Types.Mixed,
        finalizedAt: Date,
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ participationId: 1 });
    schema.index({ learnerId: 1 });
    schema.index({ updatedAt: 1 });
    this.model = db.model<AssessmentDoc>('Assessment', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'assessment indexes could not be built'));
  }

  /** False when an assessment with this id exists (a concurrent start made it). */
  async insert(assessment: AssessmentRecord): Promise<boolean> {
    const { id, ...rest } = assessment;
    return insertOnce(this.model, { _id: id, ...rest });
  }

  async findById(id: string): Promise<AssessmentRecord | undefined> {
    return toRecord(await this.model.findById(id).lean());
  }

  async findByIds(ids: readonly string[]): Promise<AssessmentRecord[]> {
    if (ids.length === 0) return [];
    return (await this.model.find({ _id: { $in: ids } }).lean()).map((d) => toRecord(d)!);
  }

  /**
   * Copies committed answers into the assessment (and the projection): never lowers the
   * count. `acknowledged`: a checkpoint the learner moved on from, in the same write (on
   * FerretDB every update scans the collection).
   */
  async appendAnswers(id: string, answers: readonly AnswerRecord[], now: Date, acknowledged?: number): Promise<void> {
    if (answers.length === 0) return;
    const answered = Math.max(...answers.map((a) => a.number));
    const ended = answers.some((a) => a.next.ended);
    const max = acknowledged === undefined ? { answered } : { answered, acknowledged };
    await this.model.updateOne({ _id: id }, { $push: { log: { $each: answers.map(toLogEntry) } }, $max: max, $set: { updatedAt: now, ...(ended ? { ended: true } : {}) } });
  }

  /** started → completed, once. */
  async complete(id: string, completedAt: Date, answered: number, flashResult?: FlashResultRecord): Promise<void> {
    const set: Record<string, unknown> = { state: 'completed', ended: true, completedAt, updatedAt: completedAt };
    if (flashResult) set.flashResult = flashResult;
    await this.guarded.update(this.model, id, { filter: { state: 'started' }, test: (a) => a.state === 'started' }, { $set: set, $max: { answered } });
  }

  /** The participation was told (the caller checked it was not yet). */
  async markFinalized(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { finalizedAt: at } });
  }

  /** Records the start of a question (the caller checked it was not started: a concurrent duplicate is harmless, the first one counts). */
  async recordStart(id: string, start: { number: number; challengeId: string; startedAt: Date }): Promise<void> {
    await this.model.updateOne({ _id: id }, { $push: { challengeStarts: start }, $set: { updatedAt: start.startedAt } });
  }

  async recordFocusLost(id: string, number: number, now: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $addToSet: { focusLost: number }, $set: { updatedAt: now } });
  }

  async acknowledge(id: string, checkpoint: number, now: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $max: { acknowledged: checkpoint }, $set: { updatedAt: now } });
  }

  async listForLearner(learnerId: string): Promise<AssessmentRecord[]> {
    return (await this.model.find({ learnerId }).sort({ createdAt: 1 }).lean()).map((d) => toRecord(d)!);
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { updatedAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}

function toRecord(doc: AssessmentDoc | null | undefined): AssessmentRecord | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  const record: AssessmentRecord = {
    id: _id,
    ...rest,
    log: (rest.log ?? []).map((entry) => fromLogEntry(entry as unknown as LogEntry | string, { id: _id, tenantId: rest.tenantId, learnerId: rest.learnerId })),
    challengeStarts: (rest.challengeStarts ?? []).map((s) => ({ number: s.number, challengeId: s.challengeId, startedAt: s.startedAt })),
  };
  for (const key of ['flashLength', 'completedAt', 'flashResult', 'finalizedAt'] as const) if (record[key] === null || record[key] === undefined) delete record[key];
  return record;
}

/**
 * An answer as copied into its assessment's log: one JSON string, without what the
 * assessment already says (its id, tenant and learner; the answer's id, derived from them
 * and the number) nor what the answer says for each of its knowledge elements (answer id,
 * date). The log is only ever read whole, by the assessment's `_id`, and never queried by
 * its fields (the answers collection holds each answer as a document for that); FerretDB v1
 * decodes and, on every update of the assessment, re-encodes each field of a document, so a
 * log of strings costs a fraction of a log of objects there (ADR 0062). Entries copied as
 * objects (before this form) are read the same way.
 */
type LogEntry = Omit<AnswerRecord, 'id' | 'tenantId' | 'learnerId' | 'assessmentId' | 'knowledgeElements'> &
  Partial<Pick<AnswerRecord, 'id' | 'tenantId' | 'learnerId' | 'assessmentId'>> & {
    knowledgeElements?: Array<Omit<KnowledgeElement, 'answerId' | 'createdAt'> & Partial<Pick<KnowledgeElement, 'answerId' | 'createdAt'>>>;
  };

function toLogEntry(answer: AnswerRecord): string {
  const { id: _id, tenantId: _t, learnerId: _l, assessmentId: _a, knowledgeElements, ...entry } = answer;
  return JSON.stringify({
    ...entry,
    // Knowledge elements carry the answer's id and date; only different ones are kept.
    knowledgeElements: knowledgeElements.map(({ answerId, createdAt, ...ke }) => ({
      ...ke,
      ...(answerId !== answer.id ? { answerId } : {}),
      ...(createdAt.getTime() !== answer.createdAt.getTime() ? { createdAt } : {}),
    })),
  } satisfies LogEntry);
}

function fromLogEntry(stored: LogEntry | string, assessment: { id: string; tenantId: string; learnerId: string }): AnswerRecord {
  const entry = typeof stored === 'string' ? (JSON.parse(stored) as LogEntry) : stored;
  const id = entry.id ?? answerIdOf(assessment.id, entry.number);
  const createdAt = new Date(entry.createdAt);
  return reviveAnswer({
    ...entry,
    id,
    tenantId: entry.tenantId ?? assessment.tenantId,
    learnerId: entry.learnerId ?? assessment.learnerId,
    assessmentId: entry.assessmentId ?? assessment.id,
    knowledgeElements: (entry.knowledgeElements ?? []).map((ke) => ({ ...ke, answerId: ke.answerId ?? id, createdAt: ke.createdAt ?? createdAt })),
  });
}

/** An answer read back from a mixed field or a document: dates as dates, no nulls for absent values. */
export function reviveAnswer(answer: AnswerRecord): AnswerRecord {
  return {
    ...answer,
    value: answer.value ?? null,
    answeredAt: new Date(answer.answeredAt),
    createdAt: new Date(answer.createdAt),
    knowledgeElements: (answer.knowledgeElements ?? []).map((ke) => ({ ...ke, createdAt: new Date(ke.createdAt) })),
  };
}
