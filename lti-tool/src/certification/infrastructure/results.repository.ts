import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { newDelivery, type Delivery } from '../../registry/domain/delivery.js';
import type { CertificationResult } from '../domain/certification-result.js';
import { isDuplicateKey } from './duplicate-key.js';

/**
 * Published results. Each document also holds its registry outbox entry (`delivery`):
 * the result and the fact that it must be delivered are written by one insert, so no
 * crash can leave a published result that will never reach the registry, and no
 * transaction is needed (FerretDB has none). See docs/adr/0020-registry-outbox.md.
 */
export interface ResultDoc extends Omit<CertificationResult, 'id'> {
  _id: string;
  centreUai: string;
  delivery: Delivery;
}

export class ResultsRepository {
  readonly model: Model<ResultDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<ResultDoc>(
      {
        _id: String,
        sessionId: { type: String, required: true },
        sessionNumber: { type: Number, required: true },
        academyId: { type: String, required: true },
        centre: { type: Schema.Types.Mixed, required: true },
        centreUai: { type: String, required: true },
        candidate: { type: Schema.Types.Mixed, required: true },
        status: { type: String, required: true },
        rejectionReason: String,
        pixScore: { type: Number, required: true },
        competenceLevels: { type: Schema.Types.Mixed, required: true },
        certifiedOn: { type: String, required: true },
        publishedAt: { type: Date, required: true },
        verificationCode: { type: String, required: true },
        framework: { type: String, required: true },
        answersCounted: { type: Number, required: true },
        downgradedBy: { type: Number, required: true },
        delivery: { type: Schema.Types.Mixed, required: true },
      },
      { collection: 'certification_results', versionKey: false, minimize: false },
    );
    schema.index({ verificationCode: 1 }, { unique: true });
    schema.index({ centreUai: 1, publishedAt: 1, _id: 1 });
    schema.index({ sessionId: 1 });
    schema.index({ 'delivery.state': 1, 'delivery.nextAttemptAt': 1 });
    schema.index({ academyId: 1, 'delivery.state': 1 });
    this.model = db.model<ResultDoc>('CertificationResult', schema);
  }

  /**
   * Publishes a result with its pending delivery in one insert. 'exists' when this
   * certification was already published (a publish that is run again), 'code-taken'
   * when the verification code collides (draw another and retry).
   */
  async publish(result: CertificationResult, now: Date): Promise<'published' | 'exists' | 'code-taken'> {
    const { id, ...rest } = result;
    try {
      await this.model.create({ _id: id, ...rest, centreUai: result.centre.uai, delivery: newDelivery(now) });
      return 'published';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Which index? Checking the id does not depend on the server's error format.
      return (await this.model.exists({ _id: id })) ? 'exists' : 'code-taken';
    }
  }

  async find(id: string): Promise<CertificationResult | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toResult(doc) : undefined;
  }

  async findByVerificationCode(code: string): Promise<CertificationResult | undefined> {
    const doc = await this.model.findOne({ verificationCode: code }).lean();
    return doc ? toResult(doc) : undefined;
  }

  async listBySession(sessionId: string): Promise<Array<CertificationResult & { delivery: Delivery }>> {
    return (await this.model.find({ sessionId }).sort({ _id: 1 }).lean()).map((d) => ({ ...toResult(d), delivery: d.delivery }));
  }

  /** A page of a centre's results in publication order, after the cursor `(publishedAt, id)`. */
  async listByCentre(uai: string, options: { after?: { publishedAt: Date; id: string }; limit: number }): Promise<Array<CertificationResult & { delivery: Delivery }>> {
    const filter: Record<string, unknown> = { centreUai: uai };
    if (options.after) {
      filter.$or = [{ publishedAt: { $gt: options.after.publishedAt } }, { publishedAt: options.after.publishedAt, _id: { $gt: options.after.id } }];
    }
    const docs = await this.model.find(filter).sort({ publishedAt: 1, _id: 1 }).limit(options.limit).lean();
    return docs.map((d) => ({ ...toResult(d), delivery: d.delivery }));
  }
}

export function toResult(doc: ResultDoc): CertificationResult {
  const { _id, centreUai: _uai, delivery: _delivery, ...rest } = doc;
  return { id: _id, ...rest };
}
