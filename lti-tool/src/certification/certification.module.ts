import { randomInt, randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { AppError } from '../platform/errors.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { CertificationDeps, CompetenceProfiles } from './application/dependencies.js';
import { expireOverdueCourses } from './application/expire-overdue-courses.js';
import type { CertificationScoringModel } from './domain/scoring-model.js';
import type { AdminAccess } from './http/admin-access.js';
import { certificationAdminRoutes } from './http/certification-admin.routes.js';
import { verificationRoutes } from './http/verification.routes.js';
import { AnswersRepository } from './infrastructure/answers.repository.js';
import { CentresRepository } from './infrastructure/centres.repository.js';
import { CoursesRepository } from './infrastructure/courses.repository.js';
import { IncidentsRepository } from './infrastructure/incidents.repository.js';
import { ResultsRepository } from './infrastructure/results.repository.js';
import { SessionsRepository } from './infrastructure/sessions.repository.js';

export interface CertificationModule extends AppModule {
  /** Repositories and ports the use cases (and the registry's pull API) work with. */
  deps: CertificationDeps;
  /** The centre's admin API, to mount behind the admin module's guard. */
  adminRoutes(access: AdminAccess): (router: Router) => void;
}

const OVERDUE_SWEEP_MS = 15_000;

/**
 * Certification: centres, sessions, candidates' courses, finalisation, publication,
 * attestations and public verification. `scoring` is the adaptive module's flash
 * engine; without it, finalisation answers SCORING_UNAVAILABLE rather than guessing.
 */
export function createCertificationModule(ctx: AppContext, options: { scoring?: CertificationScoringModel; profiles?: CompetenceProfiles }): CertificationModule {
  const deps: CertificationDeps = {
    centres: new CentresRepository(ctx.db),
    sessions: new SessionsRepository(ctx.db),
    courses: new CoursesRepository(ctx.db),
    answers: new AnswersRepository(ctx.db),
    incidents: new IncidentsRepository(ctx.db),
    results: new ResultsRepository(ctx.db),
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
    routes: (router) => verificationRoutes(router, { results: deps.results, publicUrl: ctx.config.publicUrl, perMinute: ctx.config.verificationRequestsPerMinute }),
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
