import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { AuditEntry } from '../domain/audit-entry.js';

interface AuditDoc extends Omit<AuditEntry, 'id'> {
  _id: string;
}

export interface AuditQuery {
  academy: string;
  uai?: string;
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Keyset paging: entries strictly older than this (at, id). */
  before?: { at: Date; id: string };
  limit: number;
}

export class AuditLogRepository {
  readonly collection = 'audit_log';
  private readonly model: Model<AuditDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<AuditDoc>(
      'AuditEntry',
      new Schema<AuditDoc>(
        {
          _id: String,
          at: { type: Date, required: true },
          actor: { type: Schema.Types.Mixed, required: true },
          action: { type: String, required: true },
          target: { type: Schema.Types.Mixed, required: true },
          scope: { type: Schema.Types.Mixed, required: true },
          outcome: { type: String, required: true },
          before: Schema.Types.Mixed,
          after: Schema.Types.Mixed,
          changed: [String],
          requestId: String,
          ip: String,
        },
        { collection: this.collection, versionKey: false, minimize: false },
      ),
    );
    this.model.schema.index({ 'scope.academy': 1, at: -1 });
  }

  async insert(entry: AuditEntry): Promise<void> {
    const { id, ...rest } = entry;
    await this.model.create({ _id: id, ...rest });
  }

  async find(query: AuditQuery): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = { 'scope.academy': query.academy };
    if (query.uai) filter['scope.uai'] = query.uai;
    if (query.action) filter.action = query.action;
    if (query.actorId) filter['actor.id'] = query.actorId;
    if (query.targetType) filter['target.type'] = query.targetType;
    if (query.targetId) filter['target.id'] = query.targetId;
    const at: Record<string, Date> = {};
    if (query.from) at.$gte = query.from;
    if (query.to) at.$lt = query.to;
    if (Object.keys(at).length) filter.at = at;
    if (query.before) {
      filter.$or = [{ at: { ...at, $lt: query.before.at } }, { at: query.before.at, _id: { $lt: query.before.id } }];
    }
    const docs = await this.model.find(filter).sort({ at: -1, _id: -1 }).limit(query.limit).lean();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  /** Entries about a person: as the actor, or as the target. */
  async findAbout(ids: { actorId?: string; targetId?: string }): Promise<AuditEntry[]> {
    const or: Record<string, string>[] = [];
    if (ids.actorId) or.push({ 'actor.id': ids.actorId });
    if (ids.targetId) or.push({ 'target.id': ids.targetId });
    if (!or.length) return [];
    const docs = await this.model.find({ $or: or }).sort({ at: 1 }).lean();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async deleteOlderThan(before: Date, dryRun: boolean): Promise<number> {
    if (dryRun) return this.model.countDocuments({ at: { $lt: before } });
    return (await this.model.deleteMany({ at: { $lt: before } })).deletedCount;
  }
}
