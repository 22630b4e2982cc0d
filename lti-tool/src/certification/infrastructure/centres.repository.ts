import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import { isDuplicateKey } from './duplicate-key.js';

/** A certification centre: a school, by its UAI, in an academy. */
export interface CertificationCentre {
  uai: string;
  name: string;
  academyId: string;
  createdAt: Date;
}

interface CentreDoc {
  _id: string;
  name: string;
  academyId: string;
  createdAt: Date;
}

export class CentresRepository {
  private readonly model: Model<CentreDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<CentreDoc>(
      { _id: String, name: { type: String, required: true }, academyId: { type: String, required: true }, createdAt: { type: Date, required: true } },
      { collection: 'certification_centres', versionKey: false },
    );
    schema.index({ academyId: 1 });
    this.model = db.model<CentreDoc>('CertificationCentre', schema);
  }

  /** Creates the centre; false if that UAI is already a centre. */
  async insert(centre: CertificationCentre): Promise<boolean> {
    try {
      await this.model.create({ _id: centre.uai, name: centre.name, academyId: centre.academyId, createdAt: centre.createdAt });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async rename(uai: string, name: string): Promise<boolean> {
    return (await this.model.updateOne({ _id: uai }, { $set: { name } })).matchedCount === 1;
  }

  async find(uai: string): Promise<CertificationCentre | undefined> {
    const doc = await this.model.findById(uai).lean();
    return doc ? toCentre(doc) : undefined;
  }

  async listByAcademy(academyId?: string): Promise<CertificationCentre[]> {
    const docs = await this.model.find(academyId ? { academyId } : {}).sort({ _id: 1 }).lean();
    return docs.map(toCentre);
  }
}

function toCentre(doc: CentreDoc): CertificationCentre {
  return { uai: doc._id, name: doc.name, academyId: doc.academyId, createdAt: doc.createdAt };
}
