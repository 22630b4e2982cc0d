import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Logger } from '../../platform/logger.js';
import type { SharedResults } from '../domain/shared-results.js';

interface SharedResultsDoc extends Omit<SharedResults, 'participationId'> {
  _id: string;
}

/**
 * What a learner shared, frozen (Pix's knowledge-element snapshots): the results and the
 * knowledge elements they came from, one document per participation. Its insert is the
 * moment of sharing: a concurrent or repeated share finds the first one.
 */
export class SharedResultsRepository {
  readonly collection = 'shared_results';
  private readonly model: Model<SharedResultsDoc>;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    const schema = new Schema<SharedResultsDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        learnerId: { type: String, required: true },
        assessmentId: { type: String, required: true },
        sharedAt: { type: Date, required: true },
        results: { type: Schema.Types.Mixed, required: true },
        knowledgeElements: { type: Schema.Types.Mixed, default: [] },
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ learnerId: 1 });
    schema.index({ sharedAt: 1 });
    this.model = db.model<SharedResultsDoc>('SharedResults', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'shared results indexes could not be built'));
  }

  /** The stored snapshot: this one if it is the first, else the one already there. */
  async insertOrGet(snapshot: SharedResults): Promise<SharedResults> {
    const { participationId, ...rest } = snapshot;
    try {
      await this.model.create({ _id: participationId, ...rest });
      return snapshot;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const existing = await this.find(participationId);
      if (!existing) throw err;
      return existing;
    }
  }

  async find(participationId: string): Promise<SharedResults | undefined> {
    const doc = await this.model.findById(participationId).lean();
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { participationId: _id, ...rest };
  }

  async listForLearner(learnerId: string): Promise<SharedResults[]> {
    return (await this.model.find({ learnerId }).lean()).map(({ _id, ...rest }) => ({ participationId: _id, ...rest }));
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { sharedAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}
