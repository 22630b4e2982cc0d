import type { GradeError, GradeJob, GradeStatus } from '../domain/grade.js';

/**
 * A grade as the dashboards see it: its state and the LMS's reason, keyed by our
 * pseudonymous learner id (never the LMS's user id), without the line item internals.
 */
export interface GradeView {
  id: string;
  learnerId: string;
  resourceLinkId: string;
  source: { type: string; id: string };
  status: GradeStatus;
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
  attempts: number;
  /** For a failed grade: why (the LMS's words when it gave some). */
  failure?: GradeErrorView;
  /** The last transient error, while it is being retried. */
  lastError?: GradeErrorView;
  /** When the next attempt is due (pending). */
  nextAttemptAt?: string;
  deliveredAt?: string;
  enqueuedAt: string;
  updatedAt: string;
}

export interface GradeErrorView {
  code: string;
  reason: string;
  httpStatus?: number;
  at: string;
}

const errorView = (error: GradeError | undefined): GradeErrorView | undefined =>
  error && { code: error.code, reason: error.reason, httpStatus: error.httpStatus, at: new Date(error.at).toISOString() };

export function toGradeView(job: GradeJob): GradeView {
  return {
    id: job.id,
    learnerId: job.learnerId,
    resourceLinkId: job.resourceLinkId,
    source: job.source,
    status: job.status,
    scoreGiven: job.score.scoreGiven,
    scoreMaximum: job.score.scoreMaximum,
    comment: job.score.comment,
    attempts: job.attempts,
    failure: job.status === 'failed' || job.status === 'superseded' ? errorView(job.failure) : undefined,
    lastError: job.status === 'pending' || job.status === 'delivering' ? errorView(job.lastError) : undefined,
    nextAttemptAt: job.status === 'pending' ? job.dueAt.toISOString() : undefined,
    deliveredAt: job.deliveredAt?.toISOString(),
    enqueuedAt: job.enqueuedAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

/** What the admin operations view shows in addition: where the grade belongs. */
export interface AdminGradeView extends GradeView {
  tenantId: string;
  registrationId: string;
  contextId: string;
  lineItemUrl?: string;
}

export function toAdminGradeView(job: GradeJob): AdminGradeView {
  return {
    ...toGradeView(job),
    tenantId: job.tenantId,
    registrationId: job.registrationId,
    contextId: job.contextId,
    lineItemUrl: job.lineItemUrl ?? ('url' in job.lineItem ? job.lineItem.url : undefined),
  };
}
