import type { Express, RequestHandler } from 'express';
import type { AdminPrincipal } from '../../admin/domain/admin-principal.js';
import type { AdminGuard } from '../../admin/http/require-admin.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import { createAuditModule } from '../../audit/audit.module.js';
import type { NewCampaign } from '../../campaigns/application/campaign-admin.js';
import { createCampaignsModule, type Campaign, type CampaignsModule } from '../../campaigns/campaigns.module.js';
import type { LaunchPlace } from '../../campaigns/domain/campaign.js';
import { createContentModule, type ContentModule } from '../../content/content.module.js';
import type { Challenge } from '../../content/domain/challenge.js';
import { createGradingModule, type GradingModule } from '../../grading/grading.module.js';
import { createServicesHarness, type ServicesHarness } from '../../lti-services/testing/services-harness.js';
import { deepLinkingRoutes } from '../../lti/deep-linking/http/deep-linking.routes.js';
import type { LaunchSession } from '../../lti/session/launch-session.js';
import { requireLaunch } from '../../lti/session/require-launch.js';
import { createTestLaunch } from '../../lti/session/testing.js';
import { forbidden } from '../../platform/errors.js';
import { createTestApp } from '../../platform/testing/test-app.js';
import { createRostersModule, type RostersModule } from '../../rosters/rosters.module.js';
import type { AnswerValue } from '../domain/answer-check.js';
import { createAssessmentModule, type AssessmentModule } from '../assessment.module.js';

/** A clock tests move forward (delays, timers). */
export class TestClock {
  constructor(public current = new Date()) {}
  now = (): Date => new Date(this.current.getTime());
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export const ACADEMY_ADMIN: AdminPrincipal = { id: 'admin-1', email: 'admin@ac-versailles.fr', displayName: 'Admin', role: 'academy-admin', academy: 'versailles' };

/** Stands in for the admin module's guard: the principal comes from the `x-test-admin` header (JSON). */
export const fakeAdminGuard: AdminGuard = (options = {}) => {
  const handler: RequestHandler = (req, res, next) => {
    const raw = req.get('x-test-admin');
    if (!raw) throw forbidden('ADMIN_SESSION_MISSING', 'no admin');
    const principal = JSON.parse(raw) as AdminPrincipal;
    if (options.roles && !options.roles.includes(principal.role)) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'role');
    if (principal.role === 'auditor' && req.method !== 'GET') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'auditor');
    res.locals.admin = principal;
    next();
  };
  return handler;
};

export interface AssessmentHarness {
  services: ServicesHarness;
  content: ContentModule;
  campaigns: CampaignsModule;
  assessment: AssessmentModule;
  grading: GradingModule;
  rosters: RostersModule;
  audit: AuditLog;
  app: Express;
  clock: TestClock;
  /** Where each registration sits (academy, schools), as the composition root would say. */
  places: Map<string, LaunchPlace>;
  /** A bearer token for a launch (default: a learner of course-1 on reg-1, with AGS and NRPS). */
  launch(overrides?: Parameters<typeof createTestLaunch>[1]): Promise<{ token: string; session: LaunchSession }>;
  createCampaign(input: Partial<NewCampaign>, principal?: AdminPrincipal): Promise<Campaign>;
  close(): Promise<void>;
}

/**
 * The assessment and campaigns modules on the real database with the open sample bank,
 * real grading and rosters against the fake LMS (over HTTP), real launch sessions, and
 * the deep-linking routes on the campaigns' catalog.
 */
export async function createAssessmentHarness(label: string, options: { gradeWorker?: boolean } = {}): Promise<AssessmentHarness> {
  const services = await createServicesHarness(label);
  const ctx = { ...services.ctx, config: { ...services.ctx.config, publicUrl: 'https://tool.test' } };
  const clock = new TestClock();
  const content = createContentModule(ctx, { refreshIntervalMs: 60_000 });
  await content.loadSampleBankIfEmpty();
  const places = new Map<string, LaunchPlace>([['reg-1', { registrationId: 'reg-1', academy: 'versailles', schools: ['0781234A'] }]]);
  const audit = createAuditModule(ctx);
  const campaigns = createCampaignsModule(ctx, {
    content: content.content,
    places: { placeOf: async (id) => places.get(id) ?? { registrationId: id, schools: [] } },
    audit: audit.log,
  });
  const instructor = requireLaunch(services.sessions, { roles: ['instructor'] });
  const grading = createGradingModule(ctx, { services: services.services, requireInstructor: instructor }, { worker: options.gradeWorker ?? false, pollMs: 50 });
  const rosters = createRostersModule(ctx, { services: services.services, requireInstructor: instructor });
  const assessment = createAssessmentModule(
    ctx,
    {
      content: content.content,
      campaigns,
      grades: grading,
      rosters: rosters.rosters,
      learnerGuard: requireLaunch(services.sessions, { roles: ['learner'] }),
      teacherGuard: instructor,
    },
    { clock: clock.now, gradeSweepMs: 0 },
  );
  await campaigns.start!();
  await assessment.start!();
  const app = createTestApp((router) => {
    assessment.routes!(router);
    grading.routes!(router);
    rosters.routes!(router);
    campaigns.adminRoutes(router, fakeAdminGuard);
    deepLinkingRoutes(router, { sessions: services.sessions, registrations: { find: async () => undefined } as never, keys: services.keys.store, toolUrl: 'https://tool.test', catalog: () => campaigns.catalog });
  });
  const lms = services.lms;
  return {
    services,
    content,
    campaigns,
    assessment,
    grading,
    rosters,
    audit: audit.log,
    app,
    clock,
    places,
    launch: (overrides = {}) =>
      createTestLaunch(services.sessions, {
        registrationId: 'reg-1',
        locale: 'fr-FR',
        ags: { lineItemsUrl: lms.lineItemsUrl('course-1'), scopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score', 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'] },
        nrps: { membershipsUrl: `${lms.url}/mod/lti/services.php/CourseSection/course-1/bindings/1/memberships` },
        ...overrides,
      }),
    createCampaign: (input, principal = ACADEMY_ADMIN) =>
      campaigns.admin.create(
        { principal },
        { title: 'Évaluation de rentrée', type: 'ASSESSMENT', method: 'SMART_RANDOM', multipleSendings: true, targetProfile: { competences: [{ code: '1.1', maxLevel: 3 }] }, ...input },
      ),
    async close() {
      await grading.stop?.();
      await assessment.stop?.();
      await services.close();
    },
  };
}

/** The answer the bank says is right, as a learner would type it. */
export function rightAnswer(c: Challenge): AnswerValue {
  if (c.type === 'QCU' || c.type === 'QCM') return { kind: 'choices', choices: [...c.solution] };
  const typed = (v: string | number) => (typeof v === 'number' ? String(v).replace('.', ',') : v);
  if (c.type === 'QROCM-dep') {
    const s = c.solution;
    return {
      kind: 'fields',
      fields: Object.fromEntries(c.fields.map((f, i) => [f.key, typed(s.mode === 'anyOrder' ? s.groups[i]!.accepted[0]! : s.combinations[0]!.values[f.key]![0]!)])),
    };
  }
  return { kind: 'fields', fields: Object.fromEntries(c.fields.map((f) => [f.key, typed(f.accepted[0]!)])) };
}

/** A wrong answer of the right shape. */
export function wrongAnswer(c: Challenge): AnswerValue {
  if (c.type === 'QCU') return { kind: 'choices', choices: [c.solution[0] === 1 ? 2 : 1] };
  if (c.type === 'QCM') return { kind: 'choices', choices: c.choices.map((_, i) => i + 1).filter((i) => !c.solution.includes(i)).slice(0, 1).concat(c.solution.length === c.choices.length ? [1] : []) };
  const right = rightAnswer(c) as { kind: 'fields'; fields: Record<string, string> };
  return {
    kind: 'fields',
    fields: Object.fromEntries(c.fields.map((f) => [f.key, f.input === 'select' ? (f.options.find((o) => o !== right.fields[f.key]) ?? 'zzzz') : f.input === 'number' ? '987654321' : 'zzzz qqqq'])),
  };
}

let keys = 0;
/** A fresh client idempotency key (16–100 of A–Z a–z 0–9 _ -). */
export const newKey = (): string => `test-key-${Date.now().toString(36)}-${(++keys).toString().padStart(8, '0')}`;
