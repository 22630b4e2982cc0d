import { randomUUID } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../../platform/database/connection.js';
import type { Registration, RegistrationStatus, StatusChange } from '../domain/registration.js';

interface RegistrationDoc extends Omit<Registration, 'id'> {
  _id: string;
}

export type NewRegistration = Omit<Registration, 'id' | 'createdAt' | 'updatedAt' | 'statusHistory'>;

export class DuplicateRegistrationError extends Error {
  constructor() {
    super('a registration with this issuer and client id exists');
  }
}

const toRegistration = ({ _id, ...rest }: RegistrationDoc): Registration => ({ id: _id, ...rest });

export class RegistrationsRepository {
  private readonly model: Model<RegistrationDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<RegistrationDoc>(
      {
        _id: String,
        issuer: { type: String, required: true },
        clientId: { type: String, required: true },
        name: { type: String, required: true },
        productFamily: String,
        authLoginUrl: { type: String, required: true },
        tokenUrl: { type: String, required: true },
        jwksUrl: { type: String, required: true },
        authServer: String,
        privacy: { type: Schema.Types.Mixed, required: true },
        status: { type: String, required: true },
        statusHistory: { type: Schema.Types.Mixed, default: [] },
        origin: { type: String, required: true },
        academy: String,
        deploymentIds: { type: [String], default: [] },
        createdAt: { type: Date, required: true },
        updatedAt: { type: Date, required: true },
      },
      { collection: 'lti_registrations', versionKey: false, minimize: false },
    );
    // A platform client is one registration; several deployments hang under it.
    schema.index({ issuer: 1, clientId: 1 }, { unique: true });
    schema.index({ status: 1 });
    this.model = db.model<RegistrationDoc>('LtiRegistration', schema);
  }

  async insert(input: NewRegistration, now: Date, by?: string): Promise<Registration> {
    const doc: RegistrationDoc = {
      _id: `reg_${randomUUID()}`,
      ...input,
      statusHistory: [{ status: input.status, at: now, ...(by ? { by } : {}) }],
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.model.create(doc);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new DuplicateRegistrationError();
      throw err;
    }
    return toRegistration(doc);
  }

  async findById(id: string): Promise<Registration | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toRegistration(doc) : undefined;
  }

  async findByClient(issuer: string, clientId: string): Promise<Registration | undefined> {
    const doc = await this.model.findOne({ issuer, clientId }).lean();
    return doc ? toRegistration(doc) : undefined;
  }

  async findByIssuer(issuer: string): Promise<Registration[]> {
    return (await this.model.find({ issuer }).limit(50).lean()).map(toRegistration);
  }

  async list(filter: { status?: RegistrationStatus; academy?: string }): Promise<Registration[]> {
    const query: Record<string, string> = {};
    if (filter.status) query.status = filter.status;
    if (filter.academy) query.academy = filter.academy;
    return (await this.model.find(query).sort({ createdAt: -1 }).limit(1000).lean()).map(toRegistration);
  }

  /** Compare-and-set on the status, so two admins acting at once cannot both win. */
  async changeStatus(id: string, from: RegistrationStatus, change: StatusChange): Promise<Registration | undefined> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: from },
        { $set: { status: change.status, updatedAt: change.at }, $push: { statusHistory: change } },
        { new: true },
      )
      .lean();
    return doc ? toRegistration(doc) : undefined;
  }

  async update(id: string, set: Partial<Pick<Registration, 'name' | 'academy' | 'privacy' | 'authLoginUrl' | 'tokenUrl' | 'jwksUrl' | 'authServer' | 'productFamily'>>, now: Date): Promise<Registration | undefined> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: now } }, { new: true }).lean();
    return doc ? toRegistration(doc) : undefined;
  }

  async addDeployment(id: string, deploymentId: string, now: Date): Promise<Registration | undefined> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $addToSet: { deploymentIds: deploymentId }, $set: { updatedAt: now } }, { new: true }).lean();
    return doc ? toRegistration(doc) : undefined;
  }

  async removeDeployment(id: string, deploymentId: string, now: Date): Promise<Registration | undefined> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $pull: { deploymentIds: deploymentId }, $set: { updatedAt: now } }, { new: true }).lean();
    return doc ? toRegistration(doc) : undefined;
  }
}
