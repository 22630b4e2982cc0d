import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../../platform/database/connection.js';
import type { ExpiryRule } from '../../../platform/database/expiry-sweeper.js';

/** How long the counts are kept: enough to compare this week with the last few. */
export const LAUNCH_FAILURE_RETENTION_DAYS = 35;
const HOUR_MS = 3_600_000;

/**
 * Refused LTI logins and launches counted by code, hour and platform registration: the
 * operations screen's "recent LTI errors". Least data: no user, no IP, no token, no
 * issuer text from the request — a code, an hour, a count and our own registration id
 * when the failing step knew it (none for an unknown platform).
 */
export interface LaunchFailureBucket {
  code: string;
  hour: Date;
  registrationId: string | null;
  count: number;
}

interface BucketDoc {
  _id: string;
  code: string;
  hour: Date;
  registrationId: string | null;
  count: number;
  expiresAt: Date;
}

export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

export class LaunchFailuresRepository {
  readonly collection = 'lti_launch_failures';
  private readonly model: Model<BucketDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<BucketDoc>(
      {
        _id: String,
        code: { type: String, required: true },
        hour: { type: Date, required: true },
        registrationId: { type: String, default: null },
        count: { type: Number, required: true },
        expiresAt: { type: Date, required: true },
      },
      { collection: this.collection, versionKey: false },
    );
    schema.index({ hour: 1 });
    this.model = db.model<BucketDoc>('LtiLaunchFailure', schema);
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  /** One upsert with `$inc`: concurrent failures of the same bucket add up (atomic on one document). */
  async record(input: { code: string; registrationId?: string; at: Date }): Promise<void> {
    const hour = hourOf(input.at);
    const registrationId = input.registrationId ?? null;
    await this.model.updateOne(
      { _id: `${hour.toISOString()}|${input.code}|${registrationId ?? '-'}` },
      {
        $inc: { count: 1 },
        $setOnInsert: { code: input.code, hour, registrationId, expiresAt: new Date(hour.getTime() + LAUNCH_FAILURE_RETENTION_DAYS * 24 * HOUR_MS) },
      },
      { upsert: true },
    );
  }

  /**
   * Buckets since `from` of these registrations; `includeUnattributed` adds failures that
   * no platform could be named for (unknown issuer, bad state…).
   */
  async list(filter: { from: Date; now: Date; registrationIds: readonly string[]; includeUnattributed: boolean }): Promise<LaunchFailureBucket[]> {
    const owners: Array<string | null> = [...filter.registrationIds, ...(filter.includeUnattributed ? [null] : [])];
    if (owners.length === 0) return [];
    const docs = await this.model
      .find({ hour: { $gte: hourOf(filter.from) }, expiresAt: { $gt: filter.now }, registrationId: { $in: owners } })
      .sort({ hour: 1 })
      .limit(20_000)
      .lean();
    return docs.map((d) => ({ code: d.code, hour: d.hour, registrationId: d.registrationId ?? null, count: d.count }));
  }
}
