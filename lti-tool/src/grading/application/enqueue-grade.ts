import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RegistrationDirectory } from '../../lti-services/domain/platform-endpoints.js';
import { checkServiceUrl } from '../../lti-services/domain/service-urls.js';
import { AppError, badRequest } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { GradeRuleViolation, checkFinalScore, checkLineItemTarget } from '../domain/final-score.js';
import { ACTIVITY_PROGRESS, GRADING_PROGRESS, gradeKeyParts, sameScore, type GradeJob, type GradeScore, type GradeStatus } from '../domain/grade.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';

const id = z.string().min(1).max(1024);

export const enqueueGradeSchema = z.object({
  registrationId: id,
  tenantId: id,
  /** The LMS course (`context.id`): the teacher dashboard's scope. */
  contextId: id,
  /** The resource link the activity sits on (the dashboard lists grades per link). */
  resourceLinkId: id,
  lineItem: z.union([
    z.object({ url: z.string().url() }).strict(),
    z
      .object({
        lineItemsUrl: z.string().url(),
        label: z.string(),
        scoreMaximum: z.number(),
        resourceId: z.string().optional(),
        tag: z.string().optional(),
      })
      .strict(),
  ]),
  userSub: id,
  learnerId: id,
  scoreGiven: z.number(),
  scoreMaximum: z.number(),
  activityProgress: z.enum(ACTIVITY_PROGRESS),
  gradingProgress: z.enum(GRADING_PROGRESS),
  comment: z.string().optional(),
  source: z.object({ type: z.string().min(1).max(100), id: id }),
});

export type EnqueueGradeInput = z.input<typeof enqueueGradeSchema>;

export interface EnqueueGradeResult {
  id: string;
  status: GradeStatus;
  /** created: a new grade; superseded: a newer result replaced the score; unchanged: the same result was already queued or sent. */
  outcome: 'created' | 'superseded' | 'unchanged';
}

export interface EnqueueGradeDeps {
  jobs: Pick<GradeJobsRepository, 'insert' | 'findById' | 'supersede'>;
  registrations: RegistrationDirectory;
  clock: () => Date;
  log: Logger;
  /** Tells this instance's worker the grade is due, with the grade as written (its claim then needs no read). */
  notify(id: string, state?: GradeJob): void;
}

/**
 * Persists a final result for delivery to the LMS gradebook before anything is sent.
 * Idempotent per (source, line item, learner): the same result again changes nothing
 * (never sent twice); a different result replaces the waiting one, or is queued anew
 * if the previous one was already delivered. Refuses, with nothing stored, a score that
 * is not final and a line item URL that is not on the registration's platform.
 */
export async function enqueueGrade(raw: EnqueueGradeInput, deps: EnqueueGradeDeps): Promise<EnqueueGradeResult> {
  const parsed = enqueueGradeSchema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest('GRADE_INVALID', `The grade is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`);
  }
  const input = parsed.data;
  const score: GradeScore = { scoreGiven: input.scoreGiven, scoreMaximum: input.scoreMaximum, activityProgress: input.activityProgress, gradingProgress: input.gradingProgress };
  if (input.comment) score.comment = input.comment;
  try {
    checkFinalScore(score);
    checkLineItemTarget(input.lineItem);
  } catch (err) {
    if (err instanceof GradeRuleViolation) throw badRequest(err.code, err.message);
    throw err;
  }
  await checkTarget(input, deps);

  // The id is the idempotency key: the same result for the same source, line item and learner is one grade.
  const id = `g_${createHash('sha256').update(gradeKeyParts(input).join('\n')).digest('base64url')}`;
  const now = deps.clock();
  const job: GradeJob = {
    id,
    tenantId: input.tenantId,
    registrationId: input.registrationId,
    contextId: input.contextId,
    resourceLinkId: input.resourceLinkId,
    lineItem: input.lineItem,
    userSub: input.userSub,
    learnerId: input.learnerId,
    score,
    source: input.source,
    status: 'pending',
    revision: 1,
    attempts: 0,
    dueAt: now,
    enqueuedAt: now,
    createdAt: now,
    updatedAt: now,
  };

  for (let tries = 0; tries < 5; tries++) {
    if (await deps.jobs.insert(job)) {
      deps.notify(id, job);
      return { id, status: 'pending', outcome: 'created' };
    }
    const existing = await deps.jobs.findById(id);
    if (!existing) continue; // Purged between the two calls: insert again.
    if (sameScore(existing.score, score)) return { id: existing.id, status: existing.status, outcome: 'unchanged' };
    const updated = await deps.jobs.supersede(existing.id, existing.revision, score, deps.clock());
    if (updated) {
      deps.log.info({ gradeId: updated.id, previousStatus: existing.status }, 'a newer result replaced a grade');
      deps.notify(id, updated);
      return { id: updated.id, status: updated.status, outcome: 'superseded' };
    }
    // Someone changed it meanwhile (a worker, another enqueue): read again.
  }
  throw new AppError('GRADE_ENQUEUE_CONFLICT', 'The grade changed concurrently too many times; try again.', { status: 409 });
}

/**
 * The grade must belong to the registration it names: one of its tenants, and a line
 * item on its platform. A registration pending or suspended still gets grades queued:
 * they go out once it is active again.
 */
async function checkTarget(input: z.output<typeof enqueueGradeSchema>, deps: EnqueueGradeDeps): Promise<void> {
  const endpoints = await deps.registrations.platformEndpoints(input.registrationId);
  if (!endpoints) throw badRequest('GRADE_REGISTRATION_UNKNOWN', 'The grade names a platform registration the tool does not know.');
  if (endpoints.tenantIds && !endpoints.tenantIds.includes(input.tenantId)) {
    throw badRequest('GRADE_TENANT_MISMATCH', 'The grade names a tenant that is not one of the registration’s deployments.');
  }
  const url = 'url' in input.lineItem ? input.lineItem.url : input.lineItem.lineItemsUrl;
  const check = checkServiceUrl(url, endpoints);
  if (!check.ok) throw badRequest('GRADE_LINE_ITEM_FOREIGN', `The line item is not on this registration's platform: ${check.reason}.`);
}
