import { conflict, notFound } from '../../platform/errors.js';
import type { GradeJob, GradeStatus } from '../domain/grade.js';
import { isResendable } from '../domain/grade-status.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';

/** Who asks: a teacher is limited to their tenant and course; an admin to nothing (undefined). */
export interface GradeScope {
  tenantId: string;
  contextId?: string;
}

export const inScope = (job: GradeJob, scope: GradeScope | undefined): boolean =>
  !scope || (job.tenantId === scope.tenantId && (scope.contextId === undefined || job.contextId === scope.contextId));

/**
 * "Send again": the grade goes back to the front of the queue with a fresh timestamp,
 * whatever happened to it (delivered, failed, superseded, waiting for a retry). A grade
 * outside the asker's scope is reported as not found, so ids of other tenants reveal nothing.
 */
export async function resendGrade(
  input: { id: string; scope?: GradeScope },
  deps: { jobs: Pick<GradeJobsRepository, 'findById' | 'resend'>; clock: () => Date; notify(id: string, state?: { status: GradeStatus; dueAt: Date }): void },
): Promise<GradeJob> {
  const job = await deps.jobs.findById(input.id);
  if (!job || !inScope(job, input.scope)) throw notFound('GRADE_NOT_FOUND', 'No such grade in your course.');
  if (!isResendable(job.status)) throw conflict('GRADE_DELIVERY_IN_PROGRESS', 'This grade is being sent to the LMS right now; look again in a moment.');
  const resent = await deps.jobs.resend(job.id, deps.clock());
  if (!resent) throw conflict('GRADE_DELIVERY_IN_PROGRESS', 'This grade is being sent to the LMS right now; look again in a moment.');
  deps.notify(resent.id, { status: resent.status, dueAt: resent.dueAt });
  return resent;
}
