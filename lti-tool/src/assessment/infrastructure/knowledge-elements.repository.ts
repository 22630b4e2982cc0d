import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Logger } from '../../platform/logger.js';
import type { StoredKnowledgeElement } from '../domain/assessment.js';

interface KnowledgeProfileDoc {
  /** The learner id (already bound to its tenant). */
  _id: string;
  tenantId: string;
  /** Each a JSON string without the tenant and learner (see `toEntry`); objects before that form. */
  elements: Array<StoredKnowledgeElement | string>;
  updatedAt: Date;
}

/** How long `recentForLearner` may serve a profile this process read (another instance's appends show after this). */
export const PROFILE_CACHE_MS = 5 * 60_000;
const PROFILE_CACHE_MAX = 20_000;

/**
 * A learner's knowledge elements in a tenant, as one document per learner read and
 * extended by `_id` (FerretDB v1 scans for any other lookup; see ADR 0062). Elements are
 * appended, never changed (Pix's knowledge elements are a history: the latest per skill
 * counts); their ids come from (answer, skill), so an element appended twice by a retry or
 * a repair is read once.
 *
 * The answer path reads the profile through `recentForLearner`, a per-process cache: a
 * profile changes only when one of the learner's tests ends, and it is the largest document
 * an answer would read (every element the learner ever earned). This process's appends
 * invalidate it at once; another instance's show within `PROFILE_CACHE_MS` (ADR 0062).
 */
export class KnowledgeElementsRepository {
  readonly collection = 'knowledge_profiles';
  private readonly model: Model<KnowledgeProfileDoc>;
  /** Profiles read lately, by learner id; `generation` counts this process's appends, so a read that raced one is not cached. */
  private readonly cache = new Map<string, { doc: { tenantId: string; elements: StoredKnowledgeElement[] } | null; at: number }>();
  private readonly generations = new Map<string, number>();

  constructor(
    db: AppDatabase,
    private readonly log: Logger,
    private readonly options: { cacheMs?: number; now?: () => number } = {},
  ) {
    const schema = new Schema<KnowledgeProfileDoc>(
      {
        _id: String,
        tenantId: { type: String, required: true },
        elements: { type: Schema.Types.Mixed, default: [] },
        updatedAt: { type: Date, required: true },
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    schema.index({ updatedAt: 1 });
    this.model = db.model<KnowledgeProfileDoc>('KnowledgeProfile', schema);
  }

  async ready(): Promise<void> {
    await this.model.init().catch((err: unknown) => this.log.error({ err }, 'knowledge profile indexes could not be built'));
  }

  /** Appends elements (of one learner each) to their learners' profiles. */
  async insertMany(elements: readonly StoredKnowledgeElement[]): Promise<void> {
    const byLearner = new Map<string, StoredKnowledgeElement[]>();
    for (const ke of elements) byLearner.set(ke.learnerId, [...(byLearner.get(ke.learnerId) ?? []), ke]);
    for (const [learnerId, list] of byLearner) await this.append(learnerId, list[0]!.tenantId, list);
  }

  private async append(learnerId: string, tenantId: string, elements: StoredKnowledgeElement[]): Promise<void> {
    this.invalidate(learnerId);
    try {
      await this.write(learnerId, tenantId, elements);
    } finally {
      this.invalidate(learnerId);
    }
  }

  private invalidate(learnerId: string): void {
    this.cache.delete(learnerId);
    this.generations.set(learnerId, (this.generations.get(learnerId) ?? 0) + 1);
  }

  private async write(learnerId: string, tenantId: string, elements: StoredKnowledgeElement[]): Promise<void> {
    const update = { $push: { elements: { $each: elements.map(toEntry) } }, $set: { updatedAt: new Date() }, $setOnInsert: { tenantId } };
    try {
      await this.model.updateOne({ _id: learnerId }, update, { upsert: true });
    } catch (err) {
      // Two first answers at once both tried to create the profile: it exists now.
      if ((err as { code?: number }).code !== 11000) throw err;
      await this.model.updateOne({ _id: learnerId }, update);
    }
  }

  /** The learner's elements in this tenant (none if the id belongs to another tenant), each once. */
  async listForLearner(tenantId: string, learnerId: string): Promise<StoredKnowledgeElement[]> {
    const doc = await this.model.findById(learnerId).lean();
    if (!doc || doc.tenantId !== tenantId) return [];
    return unique(doc.elements, doc);
  }

  /**
   * As `listForLearner`, from this process's cache when it read the profile within
   * `PROFILE_CACHE_MS` and has not appended to it since (the answer path).
   */
  async recentForLearner(tenantId: string, learnerId: string): Promise<StoredKnowledgeElement[]> {
    const now = (this.options.now ?? Date.now)();
    const maxAge = this.options.cacheMs ?? PROFILE_CACHE_MS;
    const hit = this.cache.get(learnerId);
    let doc = hit && now - hit.at < maxAge ? hit.doc : undefined;
    if (doc === undefined) {
      const generation = this.generations.get(learnerId) ?? 0;
      const read = await this.model.findById(learnerId).lean();
      doc = read ? { tenantId: read.tenantId, elements: unique(read.elements, read) } : null;
      if ((this.generations.get(learnerId) ?? 0) === generation && maxAge > 0) {
        this.cache.delete(learnerId);
        if (this.cache.size >= PROFILE_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(learnerId, { doc, at: now });
      }
    }
    if (!doc || doc.tenantId !== tenantId) return [];
    return doc.elements.map((ke) => ({ ...ke }));
  }

  /** For access requests: every element of a learner id. */
  async listByLearnerId(learnerId: string): Promise<StoredKnowledgeElement[]> {
    const doc = await this.model.findById(learnerId).lean();
    return doc ? unique(doc.elements, doc) : [];
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    const filter = { updatedAt: { $lt: before } };
    if (dryRun) return this.model.countDocuments(filter);
    for (const learnerId of [...this.cache.keys()]) this.invalidate(learnerId);
    return (await this.model.deleteMany(filter)).deletedCount;
  }
}

/**
 * An element as stored in the profile: one JSON string without what the profile already
 * says (tenant, learner). The profile is read whole by `_id` and never queried by its
 * elements' fields; FerretDB v1 decodes and re-encodes every field of a document on each
 * read and update, so strings cost a fraction of objects there (ADR 0062).
 */
function toEntry(ke: StoredKnowledgeElement): string {
  const { tenantId: _t, learnerId: _l, ...entry } = ke;
  return JSON.stringify(entry);
}

function fromEntry(entry: StoredKnowledgeElement | string, doc: Pick<KnowledgeProfileDoc, '_id' | 'tenantId'>): StoredKnowledgeElement {
  if (typeof entry !== 'string') return entry;
  return { ...(JSON.parse(entry) as Omit<StoredKnowledgeElement, 'tenantId' | 'learnerId'>), tenantId: doc.tenantId, learnerId: doc._id };
}

function unique(stored: ReadonlyArray<StoredKnowledgeElement | string>, doc: Pick<KnowledgeProfileDoc, '_id' | 'tenantId'>): StoredKnowledgeElement[] {
  const elements = stored.map((entry) => fromEntry(entry, doc));
  const seen = new Set<string>();
  const out: StoredKnowledgeElement[] = [];
  for (const ke of elements) {
    if (seen.has(ke.id)) continue;
    seen.add(ke.id);
    out.push({ ...ke, createdAt: new Date(ke.createdAt) });
  }
  return out.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
}
