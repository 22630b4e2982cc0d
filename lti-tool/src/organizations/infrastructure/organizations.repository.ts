import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Academy, School } from '../domain/organization.js';

interface AcademyDoc extends Omit<Academy, 'code'> {
  _id: string;
}
interface SchoolDoc extends Omit<School, 'uai'> {
  _id: string;
}

export interface SchoolQuery {
  academy: string;
  uai?: string;
  /** Case-insensitive match on name, city or UAI. */
  search?: string;
  platformId?: string;
  skip: number;
  limit: number;
}

export class OrganizationsRepository {
  private readonly academies: Model<AcademyDoc>;
  private readonly schools: Model<SchoolDoc>;

  constructor(db: AppDatabase) {
    this.academies = db.model<AcademyDoc>(
      'Academy',
      new Schema<AcademyDoc>(
        { _id: String, name: { type: String, required: true }, createdAt: { type: Date, required: true }, updatedAt: { type: Date, required: true } },
        { collection: 'academies', versionKey: false },
      ),
    );
    this.schools = db.model<SchoolDoc>(
      'School',
      new Schema<SchoolDoc>(
        {
          _id: String,
          name: { type: String, required: true },
          city: { type: String, required: true },
          academy: { type: String, required: true, index: true },
          platformIds: { type: [String], default: [] },
          createdAt: { type: Date, required: true },
          updatedAt: { type: Date, required: true },
        },
        { collection: 'schools', versionKey: false },
      ),
    );
  }

  async insertAcademy(academy: Academy): Promise<void> {
    const { code, ...rest } = academy;
    await this.academies.create({ _id: code, ...rest });
  }

  async findAcademy(code: string): Promise<Academy | undefined> {
    const doc = await this.academies.findById(code).lean();
    return doc ? { code: doc._id, name: doc.name, createdAt: doc.createdAt, updatedAt: doc.updatedAt } : undefined;
  }

  async listAcademies(codes?: string[]): Promise<Academy[]> {
    const docs = await this.academies.find(codes ? { _id: { $in: codes } } : {}).sort({ _id: 1 }).lean();
    return docs.map((d) => ({ code: d._id, name: d.name, createdAt: d.createdAt, updatedAt: d.updatedAt }));
  }

  async renameAcademy(code: string, name: string, now: Date): Promise<void> {
    await this.academies.updateOne({ _id: code }, { $set: { name, updatedAt: now } });
  }

  async insertSchool(school: School): Promise<void> {
    const { uai, ...rest } = school;
    await this.schools.create({ _id: uai, ...rest });
  }

  async findSchool(uai: string): Promise<School | undefined> {
    const doc = await this.schools.findById(uai).lean();
    return doc ? toSchool(doc) : undefined;
  }

  async listSchools(query: SchoolQuery): Promise<{ schools: School[]; total: number }> {
    const filter: Record<string, unknown> = { academy: query.academy };
    if (query.uai) filter._id = query.uai;
    if (query.platformId) filter.platformIds = query.platformId;
    if (query.search) {
      const pattern = new RegExp(query.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
      filter.$or = [{ name: pattern }, { city: pattern }, { _id: pattern }];
    }
    const [docs, total] = await Promise.all([
      this.schools.find(filter).sort({ name: 1, _id: 1 }).skip(query.skip).limit(query.limit).lean(),
      this.schools.countDocuments(filter),
    ]);
    return { schools: docs.map(toSchool), total };
  }

  async updateSchool(uai: string, changes: Partial<Pick<School, 'name' | 'city'>>, now: Date): Promise<School | undefined> {
    await this.schools.updateOne({ _id: uai }, { $set: { ...changes, updatedAt: now } });
    return this.findSchool(uai);
  }

  /** `$addToSet`/`$pull`: concurrent links of two platforms both land. */
  async linkPlatform(uai: string, platformId: string, now: Date): Promise<School | undefined> {
    await this.schools.updateOne({ _id: uai }, { $addToSet: { platformIds: platformId }, $set: { updatedAt: now } });
    return this.findSchool(uai);
  }

  async unlinkPlatform(uai: string, platformId: string, now: Date): Promise<School | undefined> {
    await this.schools.updateOne({ _id: uai }, { $pull: { platformIds: platformId }, $set: { updatedAt: now } });
    return this.findSchool(uai);
  }

  async deleteSchool(uai: string): Promise<boolean> {
    return (await this.schools.deleteOne({ _id: uai })).deletedCount === 1;
  }

  async countSchools(academy: string): Promise<number> {
    return this.schools.countDocuments({ academy });
  }
}

function toSchool(doc: SchoolDoc): School {
  return { uai: doc._id, name: doc.name, city: doc.city, academy: doc.academy, platformIds: doc.platformIds ?? [], createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}
