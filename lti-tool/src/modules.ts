import { createAdminModule } from './admin/admin.module.js';
import { flashScoringModel } from './adaptive/index.js';
import type { AdminGuard } from './admin/http/require-admin.js';
import { withCertificationActivity } from './certification/application/certification-activity.js';
import { createCertificationModule } from './certification/certification.module.js';
import type { AdminAccess } from './certification/http/admin-access.js';
import { platformConnectionRoutes } from './admin/http/platform-connection.routes.js';
import { gradingAdminAdapter } from './admin/http/grading-admin-adapter.js';
import { registrationAdminAdapter } from './admin/http/registration-admin-adapter.js';
import { createAssessmentModule } from './assessment/assessment.module.js';
import { createAuditModule } from './audit/audit.module.js';
import { createCampaignsModule, type LaunchPlaces } from './campaigns/campaigns.module.js';
import { registrationPlaces } from './campaigns/infrastructure/registration-places.js';
import { createContentModule } from './content/content.module.js';
import { createEntModule, type EntModuleOptions } from './ent/ent.module.js';
import { campaignCodeResolver } from './ent/infrastructure/campaign-codes.js';
import { entDirectoryOf } from './ent/infrastructure/ent-directory.js';
import { createGradingModule, type GradingOptions } from './grading/grading.module.js';
import { createKeysModule } from './keys/keys.module.js';
import { registrationDirectoryOf } from './lti-services/infrastructure/lti-registrations.js';
import { createLtiServicesModule } from './lti-services/lti-services.module.js';
import { createLtiModule } from './lti/lti.module.js';
import type { AppContext, AppModule } from './platform/module.js';
import { createRegistryModule } from './registry/registry.module.js';
import { createRostersModule } from './rosters/rosters.module.js';
import { createWebModule } from './web/web.module.js';

/** Tuning that tests and benchmarks pass in (production uses the defaults). */
export interface ToolModuleOptions {
  grading?: GradingOptions;
  ent?: EntModuleOptions;
}

/**
 * The composition root: builds every feature module, handing each the services of the
 * others it depends on, and returns them in mount order. Dependencies are explicit
 * here rather than looked up at run time.
 */
export async function composeToolModules(ctx: AppContext, options: ToolModuleOptions = {}): Promise<AppModule[]> {
  const keys = await createKeysModule(ctx);
  const lti = createLtiModule(ctx, { keys: keys.store });
  const content = createContentModule(ctx, {
    previewGuard: lti.requireLaunch({ roles: ['instructor', 'administrator'] }),
    correctionGuard: lti.requireLaunch({ roles: ['administrator'] }),
  });
  lti.provideMediaOrigins(() => content.content.mediaOrigins());
  const ltiServices = createLtiServicesModule(ctx, { keys: keys.store, registrations: registrationDirectoryOf(lti.registrations) });
  lti.registrations.onChange((r) => ltiServices.registrationChanged(r.id));
  const grading = createGradingModule(ctx, { services: ltiServices, requireInstructor: lti.requireLaunch({ roles: ['instructor'] }) }, options.grading);
  const rosters = createRostersModule(ctx, { services: ltiServices, requireInstructor: lti.requireLaunch({ roles: ['instructor'] }) });
  // Certification v3 scoring: the adaptive context's flash engine (EAP, θ → pix mesh, competence levels).
  // Eligibility (≥ 5 competences at level ≥ 1) from the assessment's knowledge profiles (`assessment` is built below).
  const profiles = { levelsOf: (learnerId: string) => assessment.competenceLevels.levelsOf(learnerId) };
  const certification = createCertificationModule(ctx, { scoring: flashScoringModel(), content: content.content, candidateGuard: lti.requireLaunch({ roles: ['learner'] }), profiles });
  const registry = createRegistryModule(ctx, { keys: keys.store, certification });
  const audit = createAuditModule(ctx);
  const ent = createEntModule(ctx, { sessions: lti.sessions, platformHttp: lti.platformHttp, audit: audit.log, directory: () => entDirectoryOf(admin) }, options.ent);
  const ltiPlaces = registrationPlaces({ registrations: lti.registrations, schools: () => admin.schools });
  // ENT sessions' registrationId names a connector and a school: their place is the connector's (ADR 0070).
  const places: LaunchPlaces = {
    async placeOf(registrationId) {
      const entPlace = await ent.placeOf(registrationId);
      return entPlace ? { registrationId, ...entPlace } : ltiPlaces.placeOf(registrationId);
    },
  };
  const campaigns = createCampaignsModule(ctx, { content: content.content, places, audit: audit.log });
  lti.provideActivityCatalog(withCertificationActivity(campaigns.catalog));
  ent.provideActivityResolver(campaignCodeResolver(campaigns.activities));
  const assessment = createAssessmentModule(ctx, {
    content: content.content,
    campaigns,
    grades: grading,
    rosters: rosters.rosters,
    learnerGuard: lti.requireLaunch({ roles: ['learner'] }),
    teacherGuard: lti.requireLaunch({ roles: ['instructor'] }),
  });
  const admin = createAdminModule(ctx, {
    keys: keys.store,
    audit: audit.log,
    platforms: { find: (id) => lti.registrations.find(id).then((r) => r && { id: r.id, name: r.name, status: r.status, academy: r.academy }) },
    adminRoutes: [
      (router, requireAdmin) => certification.adminRoutes(certificationAdminAccess(requireAdmin))(router),
      (router, requireAdmin) => registry.adminRoutes(academyAdminAccess(requireAdmin))(router),
      (router, requireAdmin) =>
        lti.registrationAdminRoutes(router, {
          guard: [requireAdmin({ roles: ['academy-admin', 'auditor'] }), registrationAdminAdapter({ registrations: lti.registrations, audit: audit.log })],
          actorOf: (_req, res) => res.locals.admin?.email,
        }),
      (router, requireAdmin) =>
        lti.launchFailureAdminRoutes(router, { guard: requireAdmin({ roles: ['academy-admin', 'auditor'] }), academyOf: (res) => res.locals.admin?.academy ?? '' }),
      (router, requireAdmin) =>
        grading.adminRoutes(router, {
          guard: [requireAdmin({ roles: ['academy-admin', 'auditor'] }), gradingAdminAdapter({ registrations: lti.registrations, gradeRegistration: (id) => grading.registrationOf(id), audit: audit.log })],
        }),
      (router, requireAdmin) =>
        platformConnectionRoutes(router, { requireAdmin, registrations: lti.registrations, audit: audit.log, http: lti.platformHttp, sign: (claims, options) => keys.store.sign(claims, options) }),
      (router, requireAdmin) => campaigns.adminRoutes(router, requireAdmin),
      (router, requireAdmin) => content.adminRoutes(router, requireAdmin, { audit: audit.log, academies: async () => (await admin.academies.all()).map((a) => a.code) }),
      (router, requireAdmin) => ent.adminRoutes(router, requireAdmin),
    ],
  });
  const web = createWebModule(ctx);
  lti.provideStaticPreloads(() => web.entryPreloads());
  return [keys, lti, content, ltiServices, grading, rosters, web, audit, certification, registry, admin, campaigns, assessment, ent];
}

/**
 * Certification admin routes: academy admins in their academy, school admins on their own
 * centre (one UAI), auditors read-only (the guard refuses their writes; the invigilator
 * password, a secret, is not theirs to read).
 */
function certificationAdminAccess(requireAdmin: AdminGuard): AdminAccess {
  return {
    requireAdmin: requireAdmin({ roles: ['academy-admin', 'school-admin', 'auditor'] }),
    requireManager: requireAdmin({ roles: ['academy-admin', 'school-admin'] }),
    academiesOf: (res) => (res.locals.admin ? [res.locals.admin.academy] : []),
    // A school admin without a UAI (never created so) sees no centre rather than the whole academy.
    schoolOf: (res) => (res.locals.admin?.role === 'school-admin' ? (res.locals.admin.uai ?? '(none)') : undefined),
  };
}

/** Registry admin routes (the academy's endpoint, outbox, pull-API clients): academy admins, within their own academy. */
function academyAdminAccess(requireAdmin: AdminGuard): AdminAccess {
  return { requireAdmin: requireAdmin({ roles: ['academy-admin'] }), academiesOf: (res) => (res.locals.admin ? [res.locals.admin.academy] : []) };
}
