import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

/** A registry client (e.g. an academy's livret scolaire) allowed to pull results with client credentials. */
export interface RegistryClient {
  clientId: string;
  name: string;
  academyId: string;
  /** scrypt hash of the secret (`scrypt$N$r$p$salt$hash`); the secret itself is shown once. */
  secretHash: string;
  scopes: string[];
  createdAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}

interface ClientDoc extends Omit<RegistryClient, 'clientId'> {
  _id: string;
}

export class ClientsRepository {
  private readonly model: Model<ClientDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<ClientDoc>(
      {
        _id: String,
        name: { type: String, required: true },
        academyId: { type: String, required: true },
        secretHash: { type: String, required: true },
        scopes: { type: [String], required: true },
        createdAt: { type: Date, required: true },
        revokedAt: Date,
        lastUsedAt: Date,
      },
      { collection: 'registry_clients', versionKey: false },
    );
    schema.index({ academyId: 1 });
    this.model = db.model<ClientDoc>('RegistryClient', schema);
  }

  async insert(client: RegistryClient): Promise<void> {
    const { clientId, ...rest } = client;
    await this.model.create({ _id: clientId, ...rest });
  }

  async find(clientId: string): Promise<RegistryClient | undefined> {
    const doc = await this.model.findById(clientId).lean();
    return doc ? toClient(doc) : undefined;
  }

  async list(academyIds: 'all' | readonly string[]): Promise<RegistryClient[]> {
    const docs = await this.model.find(academyIds === 'all' ? {} : { academyId: { $in: [...academyIds] } }).sort({ createdAt: 1 }).lean();
    return docs.map(toClient);
  }

  async revoke(clientId: string, now: Date): Promise<boolean> {
    return (await this.model.updateOne({ _id: clientId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } })).modifiedCount === 1;
  }

  async touch(clientId: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: clientId }, { $set: { lastUsedAt: now } });
  }
}

function toClient(doc: ClientDoc): RegistryClient {
  const { _id, ...rest } = doc;
  return { clientId: _id, ...rest };
}
