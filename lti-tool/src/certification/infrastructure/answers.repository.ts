import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { AnswerResult } from '../domain/incidents.js';
import { isDuplicateKey } from './duplicate-key.js';

/** One answer of a certification course, with the item's calibration as it was when asked. */
export interface CertificationAnswer {
  courseId: string;
  questionIndex: number;
  challengeId: string;
  competenceId: string;
  discrimination: number;
  difficulty: number;
  result: AnswerResult;
  /** The raw value typed or chosen (kept for complaints; not shown publicly). */
  value: string;
  answeredAt: Date;
  neutralised: boolean;
}

interface AnswerDoc extends CertificationAnswer {
  _id: string;
}

export class AnswersRepository {
  private readonly model: Model<AnswerDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<AnswerDoc>(
      {
        _id: String,
        courseId: { type: String, required: true },
        questionIndex: { type: Number, required: true },
        challengeId: { type: String, required: true },
        competenceId: { type: String, required: true },
        discrimination: { type: Number, required: true },
        difficulty: { type: Number, required: true },
        result: { type: String, required: true },
        value: { type: String, default: '' },
        answeredAt: { type: Date, required: true },
        neutralised: { type: Boolean, required: true },
      },
      { collection: 'certification_answers', versionKey: false },
    );
    schema.index({ courseId: 1, questionIndex: 1 }, { unique: true });
    this.model = db.model<AnswerDoc>('CertificationAnswer', schema);
  }

  /** Stores the answer once: a second submission of the same question is reported, not stored (idempotent). */
  async insert(answer: CertificationAnswer): Promise<'stored' | 'duplicate'> {
    try {
      await this.model.create({ _id: `${answer.courseId}:${answer.questionIndex}`, ...answer });
      return 'stored';
    } catch (err) {
      if (isDuplicateKey(err)) return 'duplicate';
      throw err;
    }
  }

  /** Bulk import of a course's answers (seeding, migrations); duplicates fail the call. */
  async insertAll(answers: CertificationAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    await this.model.insertMany(answers.map((a) => ({ _id: `${a.courseId}:${a.questionIndex}`, ...a })), { ordered: true });
  }

  async listByCourse(courseId: string): Promise<CertificationAnswer[]> {
    return (await this.model.find({ courseId }).sort({ questionIndex: 1 }).lean()).map(strip);
  }

  async listByCourses(courseIds: string[]): Promise<CertificationAnswer[]> {
    if (courseIds.length === 0) return [];
    return (await this.model.find({ courseId: { $in: courseIds } }).sort({ courseId: 1, questionIndex: 1 }).lean()).map(strip);
  }

  async neutralise(keys: Iterable<string>): Promise<number> {
    const ids = [...keys];
    if (ids.length === 0) return 0;
    return (await this.model.updateMany({ _id: { $in: ids } }, { $set: { neutralised: true } })).modifiedCount;
  }
}

function strip(doc: AnswerDoc): CertificationAnswer {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
