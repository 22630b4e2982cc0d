import type { RequestHandler, Router } from 'express';
import type { LtiServicesModule } from '../lti-services/lti-services.module.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { deliverGrade, type ClaimedJob, type DeliveryResult } from './application/deliver-grade.js';
import { enqueueGrade, type EnqueueGradeInput, type EnqueueGradeResult } from './application/enqueue-grade.js';
import type { GradePublisher } from './application/grade-publisher.js';
import { gradesPersonalData } from './application/grades-personal-data.js';
import { toAdminGradeView, type AdminGradeView } from './application/grade-view.js';
import { GradeWorker } from './application/grade-worker.js';
import { LineItemResolver } from './application/line-item-resolver.js';
import type { GradeJob } from './domain/grade.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './domain/retry-schedule.js';
import { gradesRoutes } from './http/grades.routes.js';
import { gradingAdminRoutes } from './http/grading-admin.routes.js';
import { AgsGradePublisher } from './infrastructure/ags-grade-publisher.js';
import { GradeJobsRepository } from './infrastructure/grade-jobs.repository.js';
import { LineItemsRepository } from './infrastructure/line-items.repository.js';
import { ScoreClocksRepository } from './infrastructure/score-clocks.repository.js';
import { writeLockFor } from './infrastructure/write-lock.js';

export interface GradingOptions {
  /** Deliveries in flight at once per instance. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** How often the queue is read for grades this instance was not told about (default: pollMs on MongoDB, 30 s where writes are serialised). */
  scanIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Run the delivery worker in this instance (default true). */
  worker?: boolean;
  clock?: () => Date;
  /** Replaces the AGS adapter (tests). */
  publisher?: GradePublisher;
  onDelivery?(result: DeliveryResult, job: ClaimedJob): void;
}

export { gradeTargetOf, type GradeTarget } from './application/grade-target.js';
export type { EnqueueGradeInput, EnqueueGradeResult } from './application/enqueue-grade.js';
export type { AdminGradeView, GradeView } from './application/grade-view.js';

export interface GradingModule extends AppModule {
  /** Queues a final result for the LMS gradebook (persisted before anything is sent). */
  enqueue(input: EnqueueGradeInput): Promise<EnqueueGradeResult>;
  /** A grade's delivery state and where it belongs (tenant, registration, course), for trusted callers. */
  status(id: string): Promise<AdminGradeView | undefined>;
  /** The registration a grade belongs to (admin scoping), or undefined for an unknown id. */
  registrationOf(id: string): Promise<string | undefined>;
  /** Mounts the admin operations view behind the admin module's guard. */
  adminRoutes(router: Router, options: { guard: RequestHandler | RequestHandler[] }): void;
  worker: GradeWorker;
}

/**
 * Grades to LMS gradebooks through LTI AGS: a durable queue (grade_jobs), a delivery
 * worker started and drained with the tool, the teacher's grade-sync API and the admin
 * operations routes. See docs/adr/0010-grade-delivery.md.
 */
export function createGradingModule(
  ctx: AppContext,
  deps: { services: Pick<LtiServicesModule, 'client' | 'registrations'>; requireInstructor: RequestHandler },
  options: GradingOptions = {},
): GradingModule {
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 60_000;
  // Every conditional write of grading runs in this lock, so its repositories may use a pooled connection (ADR 0010).
  const db = ctx.db.forLockedWrites();
  const lock = writeLockFor(db);
  const jobs = new GradeJobsRepository(db, lock);
  const clocks = new ScoreClocksRepository(db, lock);
  const lineItemsRepository = new LineItemsRepository(db, lock);
  ctx.expiry.register(jobs.expiryRule, jobs.historyExpiryRule, clocks.expiryRule, lineItemsRepository.expiryRule);

  const publisher = options.publisher ?? new AgsGradePublisher(deps.services.client);
  const lineItems = new LineItemResolver({ repository: lineItemsRepository, publisher, clock, leaseMs });
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pollMs = options.pollMs ?? 1000;
  const worker = new GradeWorker(
    {
      jobs,
      deliver: (job) => deliverGrade(job, { jobs, clocks, lineItems, publisher, policy, leaseMs, log: ctx.log, clock, scheduled: (id, at) => worker.hint(id, at, { status: 'pending', dueAt: at }) }),
      log: ctx.log,
      clock,
      onDelivery: options.onDelivery,
    },
    {
      concurrency: options.concurrency ?? 8,
      pollMs,
      leaseMs,
      // On FerretDB a read of the queue decodes the whole collection: this instance's own grades are hinted, others are rare there.
      scanIntervalMs: options.scanIntervalMs ?? (lock.serialised ? 30_000 : pollMs),
    },
  );
  const notify = (id: string, state?: GradeJob) => worker.hint(id, state?.dueAt, state);
  const runWorker = options.worker ?? true;

  return {
    name: 'grading',
    worker,
    enqueue: (input) => enqueueGrade(input, { jobs, registrations: deps.services.registrations, clock, log: ctx.log, notify }),
    async status(id) {
      const job = await jobs.findById(id);
      return job && toAdminGradeView(job);
    },
    registrationOf: (id) => jobs.registrationOf(id),
    personalData: [gradesPersonalData(jobs)],
    adminRoutes: (router, { guard }) => gradingAdminRoutes(router, { guard }, { jobs, clock, notify }),
    routes: (router) => gradesRoutes(router, { guard: deps.requireInstructor, jobs, clock, notify }),
    start() {
      if (runWorker) worker.start();
    },
    async stop() {
      await worker.stop();
    },
  };
}
