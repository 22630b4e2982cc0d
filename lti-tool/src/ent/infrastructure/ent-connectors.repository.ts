import { randomUUID } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { EntConnector } from '../domain/ent-connector.js';

interface ConnectorDoc extends Omit<EntConnector, 'id'> {
  _id: string;
}

export type NewEntConnector = Omit<EntConnector, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy'>;
export type EntConnectorChanges = Partial<Pick<EntConnector, 'name' | 'jwksUrl' | 'jwks' | 'uais' | 'origins' | 'status'>>;

export class DuplicateIssuerError extends Error {
  constructor() {
    super('an ENT connector with this issuer exists');
  }
}

const toConnector = ({ _id, ...rest }: ConnectorDoc): EntConnector => ({ id: _id, ...rest });

export class EntConnectorsRepository {
  readonly collection = 'ent_connectors';
  private readonly model: Model<ConnectorDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<ConnectorDoc>(
      {
        _id: String,
        issuer: { type: String, required: true },
        name: { type: String, required: true },
        jwksUrl: String,
        jwks: Schema.Types.Mixed,
        academy: { type: String, required: true },
        uais: { type: [String], default: [] },
        origins: { type: [String], default: [] },
        status: { type: String, required: true },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
        createdBy: { type: String, required: true },
        updatedBy: { type: String, required: true },
      },
      { collection: this.collection, versionKey: false, minimize: false },
    );
    // The exchange finds the connector by the assertion's iss: one connector per issuer.
    schema.index({ issuer: 1 }, { unique: true });
    schema.index({ academy: 1 });
    this.model = db.model<ConnectorDoc>('EntConnector', schema);
  }

  async ready(): Promise<void> {
    await this.model.init();
  }

  async insert(input: NewEntConnector, now: Date): Promise<EntConnector> {
    const doc: ConnectorDoc = { _id: `ent_${randomUUID()}`, ...input, updatedBy: input.createdBy, createdAt: now, updatedAt: now };
    try {
      await this.model.create(doc);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new DuplicateIssuerError();
      throw err;
    }
    return toConnector(doc);
  }

  async find(id: string): Promise<EntConnector | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toConnector(doc) : undefined;
  }

  async findByIssuer(issuer: string): Promise<EntConnector | undefined> {
    const doc = await this.model.findOne({ issuer }).lean();
    return doc ? toConnector(doc) : undefined;
  }

  async list(filter: { academy?: string; status?: string }): Promise<EntConnector[]> {
    const query: Record<string, string> = {};
    if (filter.academy) query.academy = filter.academy;
    if (filter.status) query.status = filter.status;
    return (await this.model.find(query).sort({ name: 1, _id: 1 }).lean()).map(toConnector);
  }

  /** The page origins of every active connector (CORS): a few hundred strings at most. */
  async activeOrigins(): Promise<string[]> {
    const docs = await this.model.find({ status: 'active' }, { origins: 1 }).lean();
    return [...new Set(docs.flatMap((d) => d.origins ?? []))];
  }

  async update(id: string, changes: EntConnectorChanges, by: string, now: Date): Promise<EntConnector | undefined> {
    const $set: Record<string, unknown> = { ...changes, updatedBy: by, updatedAt: now };
    const $unset: Record<string, ''> = {};
    // Keys are a URL or a list, never both.
    if (changes.jwksUrl !== undefined) $unset.jwks = '';
    if (changes.jwks !== undefined) $unset.jwksUrl = '';
    await this.model.updateOne({ _id: id }, Object.keys($unset).length ? { $set, $unset } : { $set });
    return this.find(id);
  }

  /** Connectors an admin created or last changed (their personal data: the account id). */
  async touchedBy(adminId: string): Promise<EntConnector[]> {
    return (await this.model.find({ $or: [{ createdBy: adminId }, { updatedBy: adminId }] }).lean()).map(toConnector);
  }
}
