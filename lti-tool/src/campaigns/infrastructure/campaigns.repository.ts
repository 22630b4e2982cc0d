import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Logger } from '../../platform/logger.js';
import type { Campaign } from '../domain/campaign.js';

interface CampaignDoc extends Omit<Campaign, 'id'> {
  _id: string;
}

export const isDuplicateKey = (err: unknown, field?: string): boolean => {
  const e = err as { code?: number; keyPattern?: Record<string, unknown>; message?: string };
  if (e?.code !== 11000) return false;
  if (!field) return true;
  // MongoDB names the index's fields in keyPattern; FerretDB only in the message.
  return e.keyPattern ? field in e.keyPattern : (e.message ?? '').includes(field);
};

export interface CampaignListQuery {
  academy: string;
  uai?: string;
  includeArchived: boolean;
  search?: string;
  skip: number;
  limit: number;
}

/** Campaigns, unique by code (a unique index: a collision makes the caller draw another code). */
export class CampaignsRepository {
  readonly collection = 'campaigns';
  private readonly model: Model<CampaignDoc>;

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
  ) {
    const schema = new Schema<CampaignDoc>(
      {
        _id: String,
        code: { type: String, required: true, unique: true },
        title: { type: String, required: true },
        description: String,
        type: { type: String, required: true },
        method: { type: String, required: true },
        flashLength: Number,
        targetTubes: { type: [{ _id: false, tubeId: { type: String, required: true }, maxLevel: { type: Number, required: true } }], default: [] },
        skillIds: { type: [String], default: [] },
        multipleSendings: { type: Boolean, required: true },
        academy: { type: String, required: true },
        uai: String,
        registrationIds: { type: [String], default: [] },
        archivedAt: Date,
        createdBy: { type: String, required: true },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ academy: 1, createdAt: -1 });
    this.model = db.model<CampaignDoc>('Campaign', schema);
  }

  /** Builds the indexes (the code's uniqueness depends on it); a failure is logged, not fatal. */
  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'campaign indexes could not be built'));
  }

  /** Inserts the campaign; false when its code is taken (draw another one). */
  async insert(campaign: Campaign): Promise<boolean> {
    const { id, ...rest } = campaign;
    try {
      await this.model.create({ _id: id, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKey(err, 'code')) return false;
      throw err;
    }
  }

  async findById(id: string): Promise<Campaign | undefined> {
    return toCampaign(await this.model.findById(id).lean());
  }

  async findByCode(code: string): Promise<Campaign | undefined> {
    return toCampaign(await this.model.findOne({ code }).lean());
  }

  /** Campaigns usable by an academy's platforms (the catalog then applies school and platform rules). */
  async listForAcademy(academy: string): Promise<Campaign[]> {
    const docs = await this.model.find({ academy, archivedAt: { $exists: false } }).sort({ createdAt: -1, _id: 1 }).limit(500).lean();
    return docs.map((d) => toCampaign(d)!);
  }

  async list(query: CampaignListQuery): Promise<{ campaigns: Campaign[]; total: number }> {
    const filter: Record<string, unknown> = { academy: query.academy };
    if (query.uai) filter.uai = query.uai;
    if (!query.includeArchived) filter.archivedAt = { $exists: false };
    if (query.search) {
      const pattern = new RegExp(query.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      filter.$or = [{ title: pattern }, { code: pattern }];
    }
    const [docs, total] = await Promise.all([
      this.model.find(filter).sort({ createdAt: -1, _id: 1 }).skip(query.skip).limit(query.limit).lean(),
      this.model.countDocuments(filter),
    ]);
    return { campaigns: docs.map((d) => toCampaign(d)!), total };
  }

  /** Changes fields; `unset` removes optional ones (e.g. `archivedAt` when restoring). */
  async update(id: string, set: Partial<Omit<Campaign, 'id'>>, unset: Array<keyof Campaign> = []): Promise<Campaign | undefined> {
    const update: Record<string, unknown> = { $set: set };
    if (unset.length > 0) update.$unset = Object.fromEntries(unset.map((k) => [k, '']));
    return toCampaign(await this.model.findOneAndUpdate({ _id: id }, update, { new: true }).lean());
  }

  /** Gives the campaign a new code; false when it is taken. */
  async changeCode(id: string, code: string, now: Date): Promise<Campaign | undefined | false> {
    try {
      return toCampaign(await this.model.findOneAndUpdate({ _id: id }, { $set: { code, updatedAt: now } }, { new: true }).lean());
    } catch (err) {
      if (isDuplicateKey(err, 'code')) return false;
      throw err;
    }
  }
}

function toCampaign(doc: CampaignDoc | null | undefined): Campaign | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc;
  const campaign: Campaign = { id: _id, ...rest, targetTubes: (rest.targetTubes ?? []).map((t) => ({ tubeId: t.tubeId, maxLevel: t.maxLevel })) };
  for (const key of ['description', 'flashLength', 'uai', 'archivedAt'] as const) if (campaign[key] === null || campaign[key] === undefined) delete campaign[key];
  return campaign;
}
