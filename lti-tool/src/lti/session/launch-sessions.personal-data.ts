import type { AppDatabase } from '../../platform/database/connection.js';
import type { PersonalDataProvider } from '../../platform/privacy/personal-data.js';

/**
 * Launch sessions hold a learner's LTI identity (sub, and names or e-mail when the
 * registration opted in) for at most 8 hours: the expiry sweeper deletes them, so there
 * is nothing to purge, but an access request must see the live ones.
 */
export function launchSessionsPersonalData(db: AppDatabase, collection = 'launch_sessions'): PersonalDataProvider {
  return {
    name: 'lti.launch-sessions',
    description: 'Open LTI launch sessions (at most 8 hours old): platform, course, roles and the identity the LMS sent.',
    async exportFor(subject) {
      if (subject.kind !== 'learner') return [];
      const or: Record<string, string>[] = [{ 'user.id': subject.learnerId }];
      if (subject.tenantId && subject.sub) or.push({ tenantId: subject.tenantId, 'user.sub': subject.sub });
      const docs = await db.connection.db!.collection(collection).find({ $or: or }).sort({ createdAt: 1 }).toArray();
      // The _id is the token's hash: a credential, not the person's data.
      return docs.map(({ _id, ...session }) => session);
    },
  };
}
