import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { BankContent, BankVersionInfo } from '../domain/bank.js';
import type { Challenge, ChallengeStatus } from '../domain/challenge.js';

/**
 * Storage of the item bank on MongoDB or FerretDB v1 (no transactions). A bank version
 * is written beside the others under its own id — derived from its content — and only
 * then made active by one single-document update of the `active` pointer, so readers
 * never see a half-imported bank and a crashed import leaves nothing visible. Every write
 * is an upsert by a deterministic id, so retrying an import (or two instances importing
 * the same bank) converges to the same documents.
 */

interface VersionDoc {
  _id: string;
  bankId: string;
  label: string;
  status: 'writing' | 'complete';
  importedAt: Date;
  importedBy?: string;
  challengeCount: number;
  /** The bank header, areas, competences and tubes: small, read with the version. */
  framework: Omit<BankContent, 'challenges'>;
}

interface ChallengeDoc {
  _id: string; // `${versionId}/${challengeId}`
  versionId: string;
  order: number;
  data: Challenge;
}

interface AssetDoc {
  _id: string; // sha256
  contentType: string;
  bytes: Buffer;
  size: number;
  createdAt: Date;
}

interface StateDoc {
  _id: 'active';
  versionId: string;
  /** Bumped on every activation or status override, so caches know to reload. */
  revision: number;
  switchedAt: Date;
}

interface OverrideDoc {
  _id: string; // challenge id
  status: ChallengeStatus;
  reason?: string;
  changedBy?: string;
  changedAt: Date;
}

export interface ActiveState {
  versionId: string;
  revision: number;
}

export interface StatusOverride {
  challengeId: string;
  status: ChallengeStatus;
  reason?: string;
  changedBy?: string;
  changedAt: Date;
}

export interface StoredAsset {
  hash: string;
  contentType: string;
  bytes: Buffer;
}

/** Plain JSON: drops `undefined` members, which the driver would otherwise store as null. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class ItemBankRepository {
  private readonly versions: Model<VersionDoc>;
  private readonly challenges: Model<ChallengeDoc>;
  private readonly assets: Model<AssetDoc>;
  private readonly state: Model<StateDoc>;
  private readonly overrides: Model<OverrideDoc>;

  constructor(db: AppDatabase) {
    const options = { versionKey: false, minimize: false } as const;
    this.versions = db.model<VersionDoc>(
      'ContentBankVersion',
      new Schema<VersionDoc>(
        {
          _id: String,
          bankId: { type: String, required: true },
          label: { type: String, required: true },
          status: { type: String, required: true },
          importedAt: { type: Date, required: true },
          importedBy: String,
          challengeCount: { type: Number, required: true },
          framework: { type: Schema.Types.Mixed, required: true },
        },
        { ...options, collection: 'content_bank_versions' },
      ),
    );
    this.challenges = db.model<ChallengeDoc>(
      'ContentChallenge',
      new Schema<ChallengeDoc>(
        { _id: String, versionId: { type: String, required: true }, order: { type: Number, required: true }, data: { type: Schema.Types.Mixed, required: true } },
        { ...options, collection: 'content_challenges' },
      ).index({ versionId: 1, order: 1 }),
    );
    this.assets = db.model<AssetDoc>(
      'ContentAsset',
      new Schema<AssetDoc>(
        { _id: String, contentType: { type: String, required: true }, bytes: { type: Buffer, required: true }, size: Number, createdAt: Date },
        { ...options, collection: 'content_assets' },
      ),
    );
    this.state = db.model<StateDoc>(
      'ContentState',
      new Schema<StateDoc>(
        { _id: String, versionId: { type: String, required: true }, revision: { type: Number, required: true }, switchedAt: Date },
        { ...options, collection: 'content_state' },
      ),
    );
    this.overrides = db.model<OverrideDoc>(
      'ContentStatusOverride',
      new Schema<OverrideDoc>(
        { _id: String, status: { type: String, required: true }, reason: String, changedBy: String, changedAt: { type: Date, required: true } },
        { ...options, collection: 'content_status_overrides' },
      ),
    );
  }

  async activeState(): Promise<ActiveState | undefined> {
    const doc = await this.state.findById('active').lean();
    return doc ? { versionId: doc.versionId, revision: doc.revision } : undefined;
  }

  async versionInfo(versionId: string): Promise<(BankVersionInfo & { complete: boolean }) | undefined> {
    const doc = await this.versions.findById(versionId).lean();
    return doc ? toInfo(doc) : undefined;
  }

  async listVersions(): Promise<Array<BankVersionInfo & { complete: boolean }>> {
    const docs = await this.versions.find({}, { framework: 0 }).sort({ importedAt: -1 }).lean();
    return docs.map(toInfo);
  }

  /** The bank content of a complete version, challenges in bank order. */
  async loadVersion(versionId: string): Promise<{ info: BankVersionInfo; content: BankContent } | undefined> {
    const doc = await this.versions.findById(versionId).lean();
    if (!doc || doc.status !== 'complete') return undefined;
    const challenges = await this.challenges.find({ versionId }).sort({ order: 1 }).lean();
    return { info: toInfo(doc), content: { ...doc.framework, challenges: challenges.map((c) => c.data) } };
  }

  /**
   * Writes a version and its assets (idempotent). Returns once every challenge is stored
   * and the version is marked complete; it is not active until `activate`.
   */
  async writeVersion(info: BankVersionInfo & { importedBy?: string }, content: BankContent, assets: ReadonlyArray<StoredAsset>): Promise<void> {
    const existing = await this.versions.findById(info.id).lean();
    if (existing?.status === 'complete') return;
    const { challenges, ...framework } = content;
    // Not complete: nobody reads it, so (re)writing the whole document is safe. The filter
    // never matches a complete version: if another instance completed it meanwhile, the
    // upsert hits the unique _id and we stop there.
    try {
      await this.versions.replaceOne(
        { _id: info.id, status: { $ne: 'complete' } },
        {
          _id: info.id,
          bankId: info.bankId,
          label: info.label,
          status: 'writing',
          importedAt: info.importedAt,
          ...(info.importedBy ? { importedBy: info.importedBy } : {}),
          challengeCount: challenges.length,
          framework: plain(framework),
        },
        { upsert: true },
      );
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return;
      throw err;
    }
    await this.putAssets(assets);
    const BATCH = 500;
    for (let start = 0; start < challenges.length; start += BATCH) {
      await this.challenges.bulkWrite(
        challenges.slice(start, start + BATCH).map((c, i) => ({
          replaceOne: {
            filter: { _id: `${info.id}/${c.id}` },
            replacement: { _id: `${info.id}/${c.id}`, versionId: info.id, order: start + i, data: plain(c) },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    // Leftovers of an interrupted write that are not part of this content.
    await this.challenges.deleteMany({ versionId: info.id, _id: { $nin: challenges.map((c) => `${info.id}/${c.id}`) } });
    const stored = await this.challenges.countDocuments({ versionId: info.id });
    if (stored !== challenges.length) throw new Error(`bank version ${info.id}: ${stored} challenges stored, ${challenges.length} expected`);
    await this.versions.updateOne({ _id: info.id }, { $set: { status: 'complete' } });
  }

  private async putAssets(assets: ReadonlyArray<StoredAsset>): Promise<void> {
    if (assets.length === 0) return;
    const now = new Date();
    await this.assets.bulkWrite(
      assets.map((a) => ({
        updateOne: {
          filter: { _id: a.hash },
          update: { $setOnInsert: { contentType: a.contentType, bytes: a.bytes, size: a.bytes.byteLength, createdAt: now } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async asset(hash: string): Promise<StoredAsset | undefined> {
    const doc = await this.assets.findById(hash).lean();
    if (!doc) return undefined;
    const bytes = Buffer.isBuffer(doc.bytes) ? doc.bytes : Buffer.from((doc.bytes as unknown as { buffer: Uint8Array }).buffer);
    return { hash: doc._id, contentType: doc.contentType, bytes };
  }

  /** Makes a complete version the active one: one atomic single-document update. */
  async activate(versionId: string, now: Date): Promise<ActiveState> {
    const doc = await this.state.findOneAndUpdate(
      { _id: 'active' },
      { $set: { versionId, switchedAt: now }, $inc: { revision: 1 } },
      { upsert: true, new: true },
    ).lean();
    return { versionId: doc!.versionId, revision: doc!.revision };
  }

  /** Initialises the pointer only if there is none (first import racing on several instances). */
  async activateIfNone(versionId: string, now: Date): Promise<boolean> {
    const result = await this.state.updateOne({ _id: 'active' }, { $setOnInsert: { versionId, switchedAt: now, revision: 1 } }, { upsert: true });
    return result.upsertedCount === 1;
  }

  async statusOverrides(): Promise<StatusOverride[]> {
    const docs = await this.overrides.find().lean();
    return docs.map((d) => ({ challengeId: d._id, status: d.status, reason: d.reason, changedBy: d.changedBy, changedAt: d.changedAt }));
  }

  async setStatusOverride(override: StatusOverride): Promise<void> {
    const { challengeId, ...rest } = override;
    await this.overrides.replaceOne({ _id: challengeId }, { _id: challengeId, ...plain({ ...rest, changedAt: undefined }), changedAt: rest.changedAt }, { upsert: true });
    await this.bumpRevision();
  }

  async clearStatusOverride(challengeId: string): Promise<void> {
    await this.overrides.deleteOne({ _id: challengeId });
    await this.bumpRevision();
  }

  private async bumpRevision(): Promise<void> {
    await this.state.updateOne({ _id: 'active' }, { $inc: { revision: 1 } });
  }
}

function toInfo(doc: Omit<VersionDoc, 'framework'>): BankVersionInfo & { complete: boolean } {
  return { id: doc._id, bankId: doc.bankId, label: doc.label, importedAt: doc.importedAt, challengeCount: doc.challengeCount, complete: doc.status === 'complete' };
}
