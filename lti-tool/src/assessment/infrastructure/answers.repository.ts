import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { insertPreparedOnce } from '../../platform/database/insert-once.js';
import type { Logger } from '../../platform/logger.js';
import { answerIdOf, type AnswerRecord } from '../domain/assessment.js';
import { reviveAnswer } from './assessments.repository.js';

interface AnswerDoc extends Omit<AnswerRecord, 'id'> {
  _id: string;
}

/**
 * Answers: the commit point of an assessment. An answer's id is its place in the test
 * (`answerIdOf(assessment, number)`), so two submits racing for the same question cannot
 * both be stored; a unique (tenant, assessment, idempotency key) index backs the replay of
 * a retried submit. Inserts under a unique index are atomic on MongoDB and FerretDB v1
 * alike, and reads go by `_id`.
 */
export class AnswersRepository {
  readonly collection = 'answers';
  private readonly model: Model<AnswerDoc>;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    const schema = new Schema<AnswerDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        learnerId: { type: String, required: true },
        assessmentId: { type: String, required: true },
        number: { type: Number, required: true },
        idempotencyKey: { type: String, required: true },
        challengeId: { type: String, required: true },
        skillId: { type: String, required: true },
        value: Schema.Types.Mixed,
        result: { type: String, required: true },
        timedOut: { type: Boolean, required: true },
        focusedOut: { type: Boolean, required: true },
        timeSpentSeconds: { type: Number, required: true },
        answeredAt: { type: Date, required: true },
        createdAt: { type: Date, required: true },
        knowledgeElements: { type: Schema.Types.Mixed, default: [] },
        next: { type: Schema.Types.Mixed, required: true },
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ assessmentId: 1, number: 1 });
    schema.index({ tenantId: 1, assessmentId: 1, idempotencyKey: 1 }, { unique: true, name: 'answers_idempotency_key' });
    schema.index({ learnerId: 1 });
    schema.index({ createdAt: 1 });
    this.model = db.model<AnswerDoc>('Answer', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'answer indexes could not be built'));
  }

  /** True when stored; false when this number or this key is already taken (the caller reads which). Through the driver: the answer path's commit, built whole by typed code. */
  async insert(answer: AnswerRecord): Promise<boolean> {
    const { id, ...rest } = answer;
    return insertPreparedOnce(this.model, { _id: id, ...rest });
  }

  /** Answer `number` of an assessment, by id. */
  async findAt(assessmentId: string, number: number): Promise<AnswerRecord | undefined> {
    const doc = await this.model.findById(answerIdOf(assessmentId, number)).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** An assessment's answers, in order (scans on FerretDB: not for the answer path). */
  async listForAssessment(assessmentId: string): Promise<AnswerRecord[]> {
    return (await this.model.find({ assessmentId }).sort({ number: 1 }).lean()).map(toRecord);
  }

  async findByKey(tenantId: string, assessmentId: string, idempotencyKey: string): Promise<AnswerRecord | undefined> {
    const doc = await this.model.findOne({ tenantId, assessmentId, idempotencyKey }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  async listForLearner(learnerId: string): Promise<AnswerRecord[]> {
    return (await this.model.find({ learnerId }).sort({ createdAt: 1 }).lean()).map(toRecord);
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { createdAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}

function toRecord(doc: AnswerDoc): AnswerRecord {
  const { _id, ...rest } = doc;
  return reviveAnswer({ id: _id, ...rest });
}
