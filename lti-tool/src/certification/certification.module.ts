import { randomInt, randomUUID } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { AppError } from '../platform/errors.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { CertificationDeps, CompetenceProfiles } from './application/dependencies.js';
import { CertificationItemBank, type ItemBankSource } from './application/certification-item-bank.js';
import { expireOverdueCourses } from './application/expire-overdue-courses.js';
import type { CertificationScoringModel } from './domain/scoring-model.js';
import type { AdminAccess } from './http/admin-access.js';
import { candidateRoutes } from './http/candidate.routes.js';
import { certificationAdminRoutes } from './http/certification-admin.routes.js';
import { invigilationRoutes } from './http/invigilation.routes.js';
import { invigilatorPageRoutes } from './http/invigilator-page.js';
import { verificationRoutes } from './http/verification.routes.js';
import { AnswersRepository } from './infrastructure/answers.repository.js';
import { CentresRepository } from './infrastructure/centres.repository.js';
import { CoursesRepository } from './infrastructure/courses.repository.js';
import { IncidentsRepository } from './infrastructure/incidents.repository.js';
import { InvigilatorSessionsRepository } from './infrastructure/invigilator-sessions.repository.js';
import { ItemExposureRepository } from './infrastructure/item-exposure.repository.js';
import { ResultsRepository } from './infrastructure/results.repository.js';
import { SessionsRepository } from './infrastructure/sessions.repository.js';

export interface CertificationModule extends AppModule {
  /** Repositories and ports the use cases (and the registry's pull API) work with. */
  deps: CertificationDeps;
  /** The centre's admin API, to mount behind the admin module's guard. */
  adminRoutes(access: AdminAccess): (router: Router) => void;
}

const OVERDUE_SWEEP_MS = 15_000;
/** Failed joins a learner may make in 10 minutes (typos pass; guessing access codes does not). */
const JOIN_FAILURES_PER_10_MINUTES = 10;
/** Failed invigilator sign-ins per address in 15 minutes. */
const SIGN_IN_FAILURES_PER_15_MINUTES = 10;

export interface CertificationModuleOptions {
  scoring?: CertificationScoringModel;
  profiles?: CompetenceProfiles;
  /** The item bank the live flash test draws from (the content module); without it the test answers ITEM_BANK_UNAVAILABLE. */
  content?: ItemBankSource;
  /** The learner guard of launch sessions (LTI or ENT); without it the candidate API is not mounted. */
  candidateGuard?: RequestHandler;
}

/**
 * Certification: centres, sessions, candidates' courses, finalisation, publication,
 * attestations and public verification. `scoring` is the adaptive module's flash
 * engine; without it, finalisation answers SCORING_UNAVAILABLE rather than guessing.
 */
export function createCertificationModule(ctx: AppContext, options: CertificationModuleOptions): CertificationModule {
  const deps: CertificationDeps = {
    centres: new CentresRepository(ctx.db),
    sessions: new SessionsRepository(ctx.db),
    courses: new CoursesRepository(ctx.db),
    answers: new AnswersRepository(ctx.db),
    incidents: new IncidentsRepository(ctx.db),
    results: new ResultsRepository(ctx.db),
    invigilatorSessions: new InvigilatorSessionsRepository(ctx.db, ctx.expiry),
    exposure: new ItemExposureRepository(ctx.db),
    bank: new CertificationItemBank(options.content),
    assetBaseUrl: ctx.config.publicUrl,
    box: new SecretBox(ctx.config.encryptionKey, 'certification-invigilator'),
    scoring: options.scoring ?? unavailableScoring,
    profiles: options.profiles,
    log: ctx.log.child({ module: 'certification' }),
    clock: () => new Date(),
    random: (max) => randomInt(max),
    newId: () => randomUUID(),
  };
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  return {
    name: 'certification',
    deps,
    routes: (router) => {
      verificationRoutes(router, { results: deps.results, publicUrl: ctx.config.publicUrl, perMinute: ctx.config.verificationRequestsPerMinute });
      invigilationRoutes(router, deps, { signInFailuresPer15Minutes: SIGN_IN_FAILURES_PER_15_MINUTES });
      invigilatorPageRoutes(router);
      if (options.candidateGuard) candidateRoutes(router, options.candidateGuard, deps, { joinAttemptsPer10Minutes: JOIN_FAILURES_PER_10_MINUTES });
    },
    adminRoutes: (access) => (router) => certificationAdminRoutes(router, access, { ...deps, publicUrl: ctx.config.publicUrl }),
    start() {
      timer = setInterval(() => {
        sweeping ??= expireOverdueCourses(deps)
          .catch((err: unknown) => deps.log.warn({ err }, 'overdue course sweep failed'))
          .finally(() => (sweeping = undefined));
      }, OVERDUE_SWEEP_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}

const unavailable = () => {
  throw new AppError('SCORING_UNAVAILABLE', 'Certification scoring is not available on this server (the flash engine is not installed).', { status: 503 });
};
const unavailableScoring: CertificationScoringModel = { estimateAbility: unavailable, pixScore: unavailable, competenceLevels: unavailable };
