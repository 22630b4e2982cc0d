import { createHash } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import type { AccessToken, AccessTokenStore } from '../application/access-tokens.js';

interface AccessTokenDoc {
  /** The registration id: one token per registration. */
  _id: string;
  sealed: string;
  /** SHA-256 of the token, so an instance that saw it refused deletes that one and not a newer one. */
  fingerprint: string;
  scopes: string[];
  requested: string[];
  expiresAt: Date;
}

export const fingerprintOf = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Access tokens shared by every instance of the tool, sealed at rest: a bearer token on
 * an LMS gradebook must not be readable from a database dump.
 */
export class AccessTokensRepository implements AccessTokenStore {
  readonly collection = 'lti_access_tokens';
  private readonly model: Model<AccessTokenDoc>;

  constructor(
    db: AppDatabase,
    private readonly box: SecretBox,
  ) {
    this.model = db.model<AccessTokenDoc>(
      'LtiAccessToken',
      new Schema<AccessTokenDoc>(
        {
          _id: String,
          sealed: { type: String, required: true },
          fingerprint: { type: String, required: true },
          scopes: { type: [String], required: true },
          requested: { type: [String], required: true },
          expiresAt: { type: Date, required: true },
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.collection, field: 'expiresAt' };
  }

  async load(registrationId: string, now: Date): Promise<AccessToken | undefined> {
    const doc = await this.model.findOne({ _id: registrationId, expiresAt: { $gt: now } }).lean();
    if (!doc) return undefined;
    return { value: this.box.open(doc.sealed), scopes: doc.scopes, requested: doc.requested, expiresAt: doc.expiresAt };
  }

  async save(registrationId: string, token: AccessToken): Promise<void> {
    await this.model.replaceOne(
      { _id: registrationId },
      { sealed: this.box.seal(token.value), fingerprint: fingerprintOf(token.value), scopes: token.scopes, requested: token.requested, expiresAt: token.expiresAt },
      { upsert: true },
    );
  }

  async discard(registrationId: string, value: string): Promise<void> {
    await this.model.deleteOne({ _id: registrationId, fingerprint: fingerprintOf(value) });
  }
}
