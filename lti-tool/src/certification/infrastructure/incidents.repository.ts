import { Schema, type Model } from 'mongoose';
import type { AppDatabase } from '../../platform/database/connection.js';
import type { Incident } from '../domain/incidents.js';

interface IncidentDoc extends Omit<Incident, 'id'> {
  _id: string;
}

export class IncidentsRepository {
  private readonly model: Model<IncidentDoc>;

  constructor(db: AppDatabase) {
    const schema = new Schema<IncidentDoc>(
      {
        _id: String,
        sessionId: { type: String, required: true },
        courseId: String,
        category: { type: String, required: true },
        subcategory: String,
        questionIndex: Number,
        description: { type: String, default: '' },
        reportedBy: { type: String, required: true },
        createdAt: { type: Date, required: true },
      },
      { collection: 'certification_incidents', versionKey: false },
    );
    schema.index({ sessionId: 1, createdAt: 1 });
    this.model = db.model<IncidentDoc>('CertificationIncident', schema);
  }

  async insert(incident: Incident): Promise<void> {
    const { id, ...rest } = incident;
    await this.model.create({ _id: id, ...rest });
  }

  async listBySession(sessionId: string): Promise<Incident[]> {
    return (await this.model.find({ sessionId }).sort({ createdAt: 1 }).lean()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}
