import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';

/** How the tool authenticates to an academy's registry; secrets sealed with SecretBox. */
export type SealedEndpointAuth =
  | { kind: 'bearer'; sealedToken: string }
  | { kind: 'oauth2'; tokenUrl: string; clientId: string; sealedClientSecret: string; scope?: string };

export interface RegistryEndpoint {
  academyId: string;
  /** Failed attempts in a row at this endpoint (the circuit breaker's memory); 0 when healthy. */
  consecutiveFailures?: number;
  url: string;
  auth: SealedEndpointAuth;
  enabled: boolean;
  includeClearIne: boolean;
  updatedAt: Date;
}

interface EndpointDoc extends Omit<RegistryEndpoint, 'academyId'> {
  _id: string;
}

export class EndpointsRepository {
  private readonly model: Model<EndpointDoc>;
  /** Deliveries read the endpoint for every credential: a few seconds of caching saves a query each. */
  private readonly cache = new Map<string, { endpoint: RegistryEndpoint | undefined; at: number }>();

  constructor(db: AppDatabase) {
    this.model = db.model<EndpointDoc>(
      'RegistryEndpoint',
      new Schema<EndpointDoc>(
        {
          _id: String,
          url: { type: String, required: true },
          auth: { type: Schema.Types.Mixed, required: true },
          enabled: { type: Boolean, required: true },
          includeClearIne: { type: Boolean, required: true },
          updatedAt: { type: Date, required: true },
          consecutiveFailures: Number,
        },
        { collection: 'registry_endpoints', versionKey: false },
      ),
    );
  }

  async upsert(endpoint: RegistryEndpoint): Promise<void> {
    this.cache.delete(endpoint.academyId);
    const { academyId, ...rest } = endpoint;
    rest.consecutiveFailures = 0;
    await this.model.replaceOne({ _id: academyId }, { _id: academyId, ...rest }, { upsert: true });
  }

  async find(academyId: string): Promise<RegistryEndpoint | undefined> {
    const doc = await this.model.findById(academyId).lean();
    if (!doc) return undefined;
    const { _id, ...rest } = doc;
    return { academyId: _id, ...rest };
  }

  /** Counts one more failure in a row; returns the new count. */
  async recordFailure(academyId: string): Promise<number> {
    this.cache.delete(academyId);
    const doc = await this.model.findOneAndUpdate({ _id: academyId }, { $inc: { consecutiveFailures: 1 } }, { new: true }).lean();
    return doc?.consecutiveFailures ?? 1;
  }

  /** Resets the failure count; returns what it was (above 0: the endpoint just recovered). */
  async recordSuccess(academyId: string): Promise<number> {
    this.cache.delete(academyId);
    const doc = await this.model.findOneAndUpdate({ _id: academyId, consecutiveFailures: { $gt: 0 } }, { $set: { consecutiveFailures: 0 } }).lean();
    return doc?.consecutiveFailures ?? 0;
  }

  /** The endpoint as read at most `maxAgeMs` ago by this instance (changes elsewhere show within that delay). */
  async findCached(academyId: string, maxAgeMs = 5000): Promise<RegistryEndpoint | undefined> {
    const hit = this.cache.get(academyId);
    if (hit && Date.now() - hit.at < maxAgeMs) return hit.endpoint;
    const endpoint = await this.find(academyId);
    this.cache.set(academyId, { endpoint, at: Date.now() });
    return endpoint;
  }

  async delete(academyId: string): Promise<boolean> {
    this.cache.delete(academyId);
    return (await this.model.deleteOne({ _id: academyId })).deletedCount === 1;
  }
}
