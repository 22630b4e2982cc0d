import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { AdminPrincipal, AdminRole } from '../domain/admin-principal.js';

export interface AdminAccount extends AdminPrincipal {
  status: 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
  passwordChangedAt: Date;
  lastLoginAt?: Date;
}

interface AdminAccountDoc extends Omit<AdminAccount, 'id'> {
  _id: string;
  /** argon2id PHC string (docs/adr/0050-admin-authentication.md). */
  passwordHash: string;
}

export type AccountChanges = Partial<Pick<AdminAccount, 'displayName' | 'role' | 'uai' | 'status'>>;

export class AdminAccountsRepository {
  readonly collection = 'admin_accounts';
  private readonly model: Model<AdminAccountDoc>;

  constructor(db: AppDatabase) {
    this.model = db.model<AdminAccountDoc>(
      'AdminAccount',
      new Schema<AdminAccountDoc>(
        {
          _id: String,
          email: { type: String, required: true, unique: true },
          displayName: { type: String, required: true },
          role: { type: String, required: true },
          academy: { type: String, required: true, index: true },
          uai: String,
          status: { type: String, required: true },
          passwordHash: { type: String, required: true },
          createdAt: { type: Date, required: true },
          updatedAt: { type: Date, required: true },
          passwordChangedAt: { type: Date, required: true },
          lastLoginAt: Date,
        },
        { collection: this.collection, versionKey: false },
      ),
    );
  }

  /** Waits for the unique e-mail index: a duplicate must be refused even on a fresh database. */
  async ready(): Promise<void> {
    await this.model.init();
  }

  async insert(account: AdminAccount, passwordHash: string): Promise<void> {
    const { id, ...rest } = account;
    await this.model.create({ _id: id, ...rest, passwordHash });
  }

  async findById(id: string): Promise<AdminAccount | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toAccount(doc) : undefined;
  }

  /** The account and its hash, for sign-in only. */
  async findCredentials(email: string): Promise<{ account: AdminAccount; passwordHash: string } | undefined> {
    const doc = await this.model.findOne({ email }).lean();
    return doc ? { account: toAccount(doc), passwordHash: doc.passwordHash } : undefined;
  }

  async passwordHashOf(id: string): Promise<string | undefined> {
    return (await this.model.findById(id).lean())?.passwordHash;
  }

  async list(filter: { academy: string; uai?: string }): Promise<AdminAccount[]> {
    const docs = await this.model.find(filter).sort({ email: 1 }).lean();
    return docs.map(toAccount);
  }

  async count(): Promise<number> {
    return this.model.estimatedDocumentCount();
  }

  async countActive(): Promise<number> {
    return this.model.countDocuments({ status: 'active' });
  }

  async update(id: string, changes: AccountChanges, now: Date): Promise<AdminAccount | undefined> {
    const unset = 'uai' in changes && changes.uai === undefined ? { uai: '' } : undefined;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    await this.model.updateOne({ _id: id }, { $set: { ...set, updatedAt: now }, ...(unset ? { $unset: unset } : {}) });
    return this.findById(id);
  }

  async setPasswordHash(id: string, passwordHash: string, now: Date, changed: boolean): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { passwordHash, ...(changed ? { passwordChangedAt: now, updatedAt: now } : {}) } });
  }

  async recordLogin(id: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastLoginAt: now } });
  }

  async exportById(id: string): Promise<Omit<AdminAccountDoc, 'passwordHash'> | undefined> {
    const doc = await this.model.findById(id).lean();
    if (!doc) return undefined;
    const { passwordHash: _secret, ...rest } = doc;
    return rest;
  }
}

function toAccount(doc: AdminAccountDoc): AdminAccount {
  return {
    id: doc._id,
    email: doc.email,
    displayName: doc.displayName,
    role: doc.role as AdminRole,
    academy: doc.academy,
    ...(doc.uai ? { uai: doc.uai } : {}),
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    passwordChangedAt: doc.passwordChangedAt,
    ...(doc.lastLoginAt ? { lastLoginAt: doc.lastLoginAt } : {}),
  };
}
