import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Logger } from '../../platform/logger.js';
import type { StoredKnowledgeElement } from '../domain/assessment.js';

interface KnowledgeElementDoc extends Omit<StoredKnowledgeElement, 'id'> {
  _id: string;
}

/**
 * A learner's knowledge elements, per tenant (a learner id is already tenant-bound; the
 * tenant is in every query too). Ids are derived from (answer, skill), so writing the
 * same ones again — a retry, a repair after a crash — changes nothing.
 */
export class KnowledgeElementsRepository {
  readonly collection = 'knowledge_elements';
  private readonly model: Model<KnowledgeElementDoc>;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    const schema = new Schema<KnowledgeElementDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        learnerId: { type: String, required: true },
        assessmentId: { type: String, required: true },
        answerId: { type: String, required: true },
        skillId: { type: String, required: true },
        competenceId: { type: String, required: true },
        status: { type: String, required: true },
        source: { type: String, required: true },
        earnedPix: { type: Number, required: true },
        createdAt: { type: Date, required: true },
      },
      { collection: this.collection, versionKey: false },
    );
    schema.index({ tenantId: 1, learnerId: 1 });
    schema.index({ learnerId: 1 });
    schema.index({ createdAt: 1 });
    this.model = db.model<KnowledgeElementDoc>('KnowledgeElement', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'knowledge element indexes could not be built'));
  }

  /** Writes those not already there. */
  async insertMany(elements: readonly StoredKnowledgeElement[]): Promise<void> {
    if (elements.length === 0) return;
    try {
      await this.model.insertMany(
        elements.map(({ id, ...rest }) => ({ _id: id, ...rest })),
        { ordered: false },
      );
    } catch (err) {
      // Duplicates are the ones already written; anything else is a real failure.
      const writeErrors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
      const code = (err as { code?: number }).code;
      const onlyDuplicates = writeErrors ? writeErrors.every((w) => (w.code ?? w.err?.code) === 11000) : code === 11000;
      if (!onlyDuplicates) throw err;
    }
  }

  async listForLearner(tenantId: string, learnerId: string): Promise<StoredKnowledgeElement[]> {
    return (await this.model.find({ tenantId, learnerId }).sort({ createdAt: 1, _id: 1 }).lean()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  /** Every element of a learner id (already tenant-bound): for access requests. */
  async listByLearnerId(learnerId: string): Promise<StoredKnowledgeElement[]> {
    return (await this.model.find({ learnerId }).sort({ createdAt: 1 }).lean()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { createdAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}
