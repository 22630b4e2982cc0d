import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { RUNNING_STATES, type CandidateCourse, type CurrentQuestion } from '../domain/candidate-course.js';
import type { CourseScore } from '../domain/scoring.js';

/** A course as stored: the domain object, a version for compare-and-set, and its score once finalised. */
export type StoredCourse = CandidateCourse & { version: number; score?: CourseScore };

interface CourseDoc extends Omit<StoredCourse, 'id'> {
  _id: string;
}

export class CoursesRepository {
  private readonly model: Model<CourseDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<CourseDoc>(
      {
        _id: String,
        sessionId: { type: String, required: true },
        candidate: { type: Schema.Types.Mixed, required: true },
        state: { type: String, required: true },
        extraTimePercentage: { type: Number, required: true },
        endReason: String,
        abortReason: String,
        presentAt: Date,
        joinedAt: Date,
        admittedAt: Date,
        startedAt: Date,
        pausedAt: Date,
        pausedMs: { type: Number, required: true },
        deadlineAt: Date,
        endedAt: Date,
        answerCount: { type: Number, required: true },
        rejectedForFraud: { type: Boolean, required: true },
        currentQuestion: Schema.Types.Mixed,
        // Absent until a first release (no empty array written on every course).
        releases: { type: Schema.Types.Mixed, default: undefined },
        score: Schema.Types.Mixed,
        version: { type: Number, required: true },
      },
      { collection: 'certification_courses', versionKey: false, minimize: false },
    );
    schema.index({ sessionId: 1 });
    schema.index({ state: 1, deadlineAt: 1 });
    schema.index({ 'candidate.learnerId': 1 });
    this.model = db.model<CourseDoc>('CertificationCourse', schema);
  }

  async insert(course: CandidateCourse): Promise<StoredCourse> {
    const { id, ...rest } = course;
    await this.model.create({ _id: id, ...rest, version: 1 });
    return { ...course, version: 1 };
  }

  async find(id: string): Promise<StoredCourse | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toCourse(doc) : undefined;
  }

  async listBySession(sessionId: string): Promise<StoredCourse[]> {
    return (await this.model.find({ sessionId }).sort({ 'candidate.lastName': 1, _id: 1 }).lean()).map(toCourse);
  }

  /** Running courses whose deadline (plus grace) is past, or paused ones past the hard cap (checked by the caller). */
  async listOverdue(cutoff: Date, limit = 200): Promise<StoredCourse[]> {
    const running = await this.model.find({ state: { $in: RUNNING_STATES }, deadlineAt: { $lt: cutoff } }).limit(limit).lean();
    const paused = await this.model.find({ state: 'paused', startedAt: { $lt: new Date(cutoff.getTime() - 24 * 3600_000) } }).limit(limit).lean();
    return [...running, ...paused].map(toCourse);
  }

  /**
   * Writes `next` if nobody changed the course since `expectedVersion` was read; false
   * otherwise (the caller reloads and re-applies, or reports a conflict).
   */
  async replace(next: StoredCourse, expectedVersion: number): Promise<boolean> {
    const { id, version: _ignored, ...rest } = next;
    const unset: Record<string, ''> = {};
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined) unset[key] = '';
      else set[key] = value;
    }
    set.version = expectedVersion + 1;
    const update: Record<string, unknown> = { $set: set };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    return (await this.model.updateOne({ _id: id, version: expectedVersion }, update)).matchedCount === 1;
  }

  /** Adds one to the answer count of a running course (the answer itself is stored first, idempotently). */
  async countAnswer(id: string, answerCount: number): Promise<void> {
    await this.model.updateOne({ _id: id, answerCount: { $lt: answerCount } }, { $set: { answerCount }, $inc: { version: 1 } });
  }

  /**
   * Fixes question `question.index` of a course once: a second call (a racing request)
   * leaves the first pick. Returns the course as stored afterwards, and whether this call fixed it.
   */
  async fixCurrentQuestion(id: string, question: CurrentQuestion): Promise<{ course: StoredCourse | undefined; fixed: boolean }> {
    const res = await this.model.updateOne(
      { _id: id, answerCount: question.index, 'currentQuestion.index': { $ne: question.index } },
      { $set: { currentQuestion: question }, $inc: { version: 1 } },
    );
    return { course: await this.find(id), fixed: res.modifiedCount === 1 };
  }

  /**
   * Ties an entry of the list to the learner who joined with its identity, unless another
   * learner holds it or the invigilator released it from this learner.
   */
  async bindLearner(id: string, learnerId: string): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, 'candidate.learnerId': { $exists: false }, 'releases.learnerId': { $ne: learnerId } }, { $set: { 'candidate.learnerId': learnerId }, $inc: { version: 1 } });
    return res.matchedCount === 1;
  }

  async deleteUnstarted(id: string, sessionId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id, sessionId, startedAt: { $exists: false } })).deletedCount === 1;
  }
}

function toCourse(doc: CourseDoc): StoredCourse {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as StoredCourse;
}
