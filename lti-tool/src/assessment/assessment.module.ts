import type { RequestHandler } from 'express';
import type { CampaignsModule } from '../campaigns/campaigns.module.js';
import type { ContentService } from '../content/application/content-service.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { AssessmentDeps, GradeQueue } from './application/assessment-deps.js';
import { AfterResponse } from './application/after-response.js';
import { AssessmentEngine } from './application/assessment-engine.js';
import { competenceLevelsOf } from './application/competence-levels.js';
import type { RosterSource } from './application/class-progress.js';
import { GradeSweeper } from './application/grade-sweeper.js';
import { assessmentRoutes } from './http/assessments.routes.js';
import { teacherRoutes } from './http/teacher.routes.js';
import { AnswersRepository } from './infrastructure/answers.repository.js';
import { assessmentPersonalData } from './infrastructure/assessment.personal-data.js';
import { AssessmentsRepository } from './infrastructure/assessments.repository.js';
import { KnowledgeElementsRepository } from './infrastructure/knowledge-elements.repository.js';
import { SharedResultsRepository } from './infrastructure/shared-results.repository.js';

export type { AssessmentDeps, GradeQueue } from './application/assessment-deps.js';
export type { RosterSource } from './application/class-progress.js';

export interface AssessmentModuleDeps {
  content: ContentService;
  campaigns: Pick<CampaignsModule, 'activities' | 'participations'>;
  /** The grading module (`enqueue`); without it no grade is sent. */
  grades?: GradeQueue;
  /** The rosters module; without it the dashboard lists participants only. */
  rosters?: RosterSource;
  /** `requireLaunch({ roles: ['learner'] })`. */
  learnerGuard: RequestHandler;
  /** `requireLaunch({ roles: ['instructor'] })`. */
  teacherGuard: RequestHandler;
}

export interface AssessmentModuleOptions {
  clock?: () => Date;
  /** How often shared results whose grade was not queued are looked for (default 60 s; 0 turns it off). */
  gradeSweepMs?: number;
}

export interface AssessmentModule extends AppModule {
  deps: AssessmentDeps;
  sweeper: GradeSweeper;
  /** Each learner's level per competence from their knowledge profile (certification's eligibility). */
  competenceLevels: { levelsOf(learnerId: string): Promise<{ competenceId: string; level: number }[] | undefined> };
}

/**
 * Assessments: the learner's test (start or resume, questions, answers, checkpoints,
 * results, sharing, another attempt) on the adaptive engines, grades on sharing, and the
 * teacher's class view and CSV export. See docs/reference/student-api.md.
 */
export function createAssessmentModule(ctx: AppContext, deps: AssessmentModuleDeps, options: AssessmentModuleOptions = {}): AssessmentModule {
  const repos = {
    assessments: new AssessmentsRepository(ctx.db, ctx.log),
    answers: new AnswersRepository(ctx.db, ctx.log),
    knowledge: new KnowledgeElementsRepository(ctx.db, ctx.log),
    shared: new SharedResultsRepository(ctx.db, ctx.log),
  };
  const delays = ctx.config.attemptDelays;
  const assessment: AssessmentDeps = {
    ...repos,
    participations: deps.campaigns.participations,
    activities: deps.campaigns.activities,
    content: deps.content,
    engine: new AssessmentEngine({ daysBeforeImproving: delays.daysBeforeImproving }),
    ...(deps.grades ? { grades: deps.grades } : {}),
    settings: { maxReachableLevel: ctx.config.maxReachableLevel, assetBaseUrl: ctx.config.publicUrl, delays },
    clock: options.clock ?? (() => new Date()),
    log: ctx.log,
    afterResponse: new AfterResponse(ctx.log),
  };
  const sweeper = new GradeSweeper(assessment, options.gradeSweepMs ?? 60_000);

  return {
    name: 'assessment',
    deps: assessment,
    sweeper,
    competenceLevels: { levelsOf: (learnerId) => competenceLevelsOf(assessment, learnerId) },
    personalData: assessmentPersonalData({ ...repos, participations: deps.campaigns.participations }),
    routes(router) {
      // CORS for ENT pages is the platform's (platform/http/page-cors.ts, ADR 0070).
      assessmentRoutes(router, { guard: deps.learnerGuard, assessment });
      teacherRoutes(router, { guard: deps.teacherGuard, assessment, ...(deps.rosters ? { rosters: deps.rosters } : {}) });
    },
    async start() {
      await Promise.all(Object.values(repos).map((r) => r.ready()));
      sweeper.start();
    },
    async stop() {
      await sweeper.stop();
      await assessment.afterResponse.drain();
    },
  };
}
