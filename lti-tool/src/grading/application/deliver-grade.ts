import { createHash } from 'node:crypto';
import { LtiServiceError } from '../../lti-services/domain/service-error.js';
import type { Logger } from '../../platform/logger.js';
import type { GradeError, GradeJob } from '../domain/grade.js';
import { nextRetry, type RetryPolicy } from '../domain/retry-schedule.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';
import type { ScoreClocksRepository } from '../infrastructure/score-clocks.repository.js';
import type { AgsScore, GradePublisher } from './grade-publisher.js';
import type { LineItemResolver } from './line-item-resolver.js';

export type ClaimedJob = GradeJob & { leaseId: string };

export type DeliveryResult = 'delivered' | 'failed' | 'superseded' | 'retry' | 'postponed' | 'lease-lost';

export interface DeliverGradeDeps {
  jobs: Pick<GradeJobsRepository, 'markDelivered' | 'markFailed' | 'release' | 'holdsLease'>;
  clocks: Pick<ScoreClocksRepository, 'reserve'>;
  lineItems: Pick<LineItemResolver, 'resolve' | 'forget'>;
  publisher: GradePublisher;
  policy: RetryPolicy;
  leaseMs: number;
  log: Logger;
  clock: () => Date;
  random?: () => number;
  /** The grade went back to the queue (pending), due at `at`: the worker of this instance looks at it then. */
  scheduled?(id: string, at: Date): void;
}

/** A learner's pair or a line item busy with another job: look again shortly, without counting an attempt. */
const BUSY_DELAY_MS = 250;

export const pairKeyOf = (registrationId: string, lineItemUrl: string, userSub: string) =>
  createHash('sha256').update([registrationId, lineItemUrl, userSub].join('\n')).digest('base64url');

/**
 * Delivers one claimed grade: resolves its line item, takes the (user, line item) pair
 * and its next strictly increasing timestamp, posts the score, and records what the LMS
 * said. Transient failures go back to the queue with backoff; the LMS's refusals are
 * kept as failures with its reason. Never throws for a delivery problem.
 */
export async function deliverGrade(job: ClaimedJob, deps: DeliverGradeDeps): Promise<DeliveryResult> {
  const attempts = job.attempts + 1;
  let lineItemUrl: string | undefined;
  try {
    const target = await deps.lineItems.resolve(job, job.leaseId);
    if (target.kind === 'busy') return await postpone(job, deps);
    lineItemUrl = target.url;
    const pair = pairKeyOf(job.registrationId, lineItemUrl, job.userSub);
    const reservation = await deps.clocks.reserve(pair, `${job.id}|${job.leaseId}`, job.enqueuedAt, deps.clock(), deps.leaseMs, (holder) => {
      const [id, leaseId] = holder.split('|');
      return deps.jobs.holdsLease(id!, leaseId!);
    });
    if (reservation.kind === 'busy') return await postpone(job, deps);
    if (reservation.kind === 'stale') {
      const failure = { code: 'GRADE_SUPERSEDED', reason: 'a result enqueued later for this learner and line item was sent first', at: deps.clock() };
      return await finish(job, deps, () => deps.jobs.markFailed(job.id, job.leaseId, job.revision, { failure, attempts: job.attempts, lineItemUrl, now: deps.clock(), status: 'superseded' }), 'superseded');
    }
    const outcome = await deps.publisher.publishScore(job.registrationId, lineItemUrl, toAgsScore(job, reservation.timestamp));
    if (outcome.kind === 'delivered') {
      const url = lineItemUrl;
      return await finish(job, deps, () => deps.jobs.markDelivered(job.id, job.leaseId, job.revision, { lineItemUrl: url, attempts, timestamp: reservation.timestamp, now: deps.clock() }), 'delivered');
    }
    if (outcome.lineItemGone && target.key) await deps.lineItems.forget(target.key);
    const failure: GradeError = { code: outcome.code, reason: outcome.reason, httpStatus: outcome.httpStatus, at: deps.clock() };
    deps.log.warn({ gradeId: job.id, registrationId: job.registrationId, code: failure.code, reason: failure.reason }, 'the LMS refused a grade');
    return await finish(job, deps, () => deps.jobs.markFailed(job.id, job.leaseId, job.revision, { failure, attempts, lineItemUrl, now: deps.clock() }), 'failed');
  } catch (err) {
    return await handleError(job, err, attempts, lineItemUrl, deps);
  }
}

async function handleError(job: ClaimedJob, err: unknown, attempts: number, lineItemUrl: string | undefined, deps: DeliverGradeDeps): Promise<DeliveryResult> {
  const now = deps.clock();
  const serviceError = err instanceof LtiServiceError ? err : undefined;
  if (!serviceError) deps.log.error({ err, gradeId: job.id }, 'grade delivery failed unexpectedly; it will be retried');
  const error: GradeError = serviceError
    ? { code: serviceError.code, reason: serviceError.reason, httpStatus: serviceError.httpStatus, at: now }
    : { code: 'INTERNAL_ERROR', reason: 'an unexpected error in the tool; see its logs', at: now };
  if (serviceError?.kind === 'permanent') {
    deps.log.warn({ gradeId: job.id, registrationId: job.registrationId, code: error.code, reason: error.reason }, 'a grade cannot be delivered');
    return finish(job, deps, () => deps.jobs.markFailed(job.id, job.leaseId, job.revision, { failure: error, attempts, lineItemUrl, now }), 'failed');
  }
  const decision = nextRetry({ failedAttempts: attempts, now, since: job.enqueuedAt, policy: deps.policy, retryAfterMs: serviceError?.retryAfterMs, random: deps.random });
  if (!decision.retry) {
    const failure = { ...error, reason: `gave up after ${attempts} attempts: ${error.reason}` };
    deps.log.warn({ gradeId: job.id, registrationId: job.registrationId, code: error.code }, 'gave up delivering a grade');
    return finish(job, deps, () => deps.jobs.markFailed(job.id, job.leaseId, job.revision, { failure, attempts, lineItemUrl, now }), 'failed');
  }
  deps.log.debug({ gradeId: job.id, code: error.code, retryAt: decision.at }, 'grade delivery will be retried');
  const result = await finish(job, deps, () => deps.jobs.release(job.id, job.leaseId, { dueAt: decision.at, now, attempts, lastError: error, lineItemUrl }), 'retry');
  if (result === 'retry') deps.scheduled?.(job.id, decision.at);
  return result;
}

async function postpone(job: ClaimedJob, deps: DeliverGradeDeps): Promise<DeliveryResult> {
  const now = deps.clock();
  const jitter = Math.round((deps.random ?? Math.random)() * BUSY_DELAY_MS);
  const dueAt = new Date(now.getTime() + BUSY_DELAY_MS + jitter);
  const released = await deps.jobs.release(job.id, job.leaseId, { dueAt, now });
  if (!released) return 'lease-lost';
  deps.scheduled?.(job.id, dueAt);
  return 'postponed';
}

/**
 * Records the end of an attempt. If the job changed meanwhile (a newer result was
 * enqueued while we sent the older one), it goes back to the queue so the newer one
 * is sent; if our lease was lost (we were too slow), another worker has it.
 */
async function finish(job: ClaimedJob, deps: DeliverGradeDeps, record: () => Promise<boolean>, result: DeliveryResult): Promise<DeliveryResult> {
  if (await record()) return result;
  const now = deps.clock();
  if (await deps.jobs.release(job.id, job.leaseId, { dueAt: now, now })) {
    deps.scheduled?.(job.id, now);
    return 'retry';
  }
  deps.log.warn({ gradeId: job.id }, 'lost the lease of a grade while delivering it; another worker took it over');
  return 'lease-lost';
}

function toAgsScore(job: GradeJob, timestamp: Date): AgsScore {
  const score: AgsScore = {
    userId: job.userSub,
    scoreGiven: job.score.scoreGiven,
    scoreMaximum: job.score.scoreMaximum,
    activityProgress: job.score.activityProgress,
    gradingProgress: job.score.gradingProgress,
    timestamp: timestamp.toISOString(),
  };
  if (job.score.comment) score.comment = job.score.comment;
  return score;
}
