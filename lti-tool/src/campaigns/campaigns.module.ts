import type { Router } from 'express';
import type { AdminGuard } from '../admin/http/require-admin.js';
import type { AuditLog } from '../audit/application/audit-log.js';
import type { ContentService } from '../content/application/content-service.js';
import type { ActivityCatalog } from '../lti/deep-linking/activity-catalog.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { Activities } from './application/activities.js';
import { CampaignActivityCatalog } from './application/activity-catalog.js';
import { CampaignAdmin } from './application/campaign-admin.js';
import { cachedLaunchPlaces, type LaunchPlaces } from './application/launch-places.js';
import { campaignAdminRoutes } from './http/campaign-admin.routes.js';
import { CampaignsRepository } from './infrastructure/campaigns.repository.js';
import { ParticipationsRepository } from './infrastructure/participations.repository.js';

export type { Activity, ActivityRef, GradeScale } from './domain/activity.js';
export { gradeScoreOf } from './domain/activity.js';
export type { Participation, ParticipationStatus, AttemptDelays, AttemptRules } from './domain/participation.js';
export type { Campaign } from './domain/campaign.js';
export type { LaunchPlaces } from './application/launch-places.js';
export type { Activities } from './application/activities.js';
export type { ParticipationsRepository } from './infrastructure/participations.repository.js';

export interface CampaignsModule extends AppModule {
  /** Campaigns and adaptive tests a launch may run. */
  activities: Activities;
  participations: ParticipationsRepository;
  campaigns: CampaignsRepository;
  /** Deep linking's port (lti `provideActivityCatalog`). */
  catalog: ActivityCatalog;
  admin: CampaignAdmin;
  /** The admin API (`/api/admin/campaigns…`): hand it to the admin module's `adminRoutes`. */
  adminRoutes(router: Router, requireAdmin: AdminGuard): void;
}

/** Campaigns (admin-managed), the built-in adaptive tests, participations, and the deep-linking catalog. */
export function createCampaignsModule(ctx: AppContext, deps: { content: ContentService; places: LaunchPlaces; audit: AuditLog }): CampaignsModule {
  const campaigns = new CampaignsRepository(ctx.db, ctx.log);
  const participations = new ParticipationsRepository(ctx.db, ctx.log);
  const activities = new Activities({ campaigns, content: deps.content, places: cachedLaunchPlaces(deps.places) });
  const admin = new CampaignAdmin({ campaigns, content: deps.content, audit: deps.audit });
  return {
    name: 'campaigns',
    activities,
    participations,
    campaigns,
    catalog: new CampaignActivityCatalog({ activities, content: deps.content }),
    admin,
    adminRoutes: (router, requireAdmin) => campaignAdminRoutes(router, requireAdmin, { admin }),
    async start() {
      await Promise.all([campaigns.ready(), participations.ready()]);
    },
  };
}
