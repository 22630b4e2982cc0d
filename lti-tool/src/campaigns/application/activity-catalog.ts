import type { ContentService } from '../../content/application/content-service.js';
import type { ActivityCatalog, ActivityCatalogItem, CatalogTenant } from '../../lti/deep-linking/activity-catalog.js';
import type { ActivityRef as LtiActivityRef } from '../../lti/session/launch-session.js';
import type { Activity } from '../domain/activity.js';
import type { Activities } from './activities.js';

/**
 * What a teacher may add to a course through deep linking (lti's `ActivityCatalog` port):
 * the campaigns the launch's platform may use and the built-in adaptive tests, each with
 * the gradebook column's maximum (mastery in % for assessment campaigns, pix otherwise).
 */
export class CampaignActivityCatalog implements ActivityCatalog {
  constructor(private readonly deps: { activities: Pick<Activities, 'available' | 'resolve'>; content: Pick<ContentService, 'snapshot'> }) {}

  async list(tenant: CatalogTenant): Promise<ActivityCatalogItem[]> {
    const activities = await this.deps.activities.available(tenant.registrationId);
    return Promise.all(activities.map((a) => this.toItem(a)));
  }

  async get(tenant: CatalogTenant, ref: LtiActivityRef): Promise<ActivityCatalogItem | undefined> {
    if (ref.type === 'certification') return undefined;
    const activity = await this.deps.activities.resolve(tenant.registrationId, { type: ref.type, id: ref.id });
    return activity && !activity.archived ? this.toItem(activity) : undefined;
  }

  private async toItem(activity: Activity): Promise<ActivityCatalogItem> {
    const snapshot = await this.deps.content.snapshot();
    const text = [activity.description, activity.code ? `Code de campagne : ${activity.code}` : undefined, scaleText(activity)].filter(Boolean).join(' — ');
    return {
      ref: activity.ref,
      title: activity.title,
      text,
      scoreMaximum: activity.grade.scoreMaximum,
      competences: activity.competenceIds.map((id) => {
        const c = snapshot.competence(id);
        return c ? `${c.code} ${c.name.fr}` : id;
      }),
    };
  }
}

function scaleText(activity: Activity): string {
  return activity.grade.basis === 'mastery' ? 'Note : % de maîtrise du profil cible, envoyée quand l’élève partage ses résultats' : `Note : pix obtenus sur ${activity.grade.scoreMaximum}, envoyée quand l’élève partage ses résultats`;
}
