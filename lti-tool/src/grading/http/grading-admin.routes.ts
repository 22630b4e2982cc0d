import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { validate } from '../../platform/http/validate.js';
import { toAdminGradeView } from '../application/grade-view.js';
import { resendGrade } from '../application/resend-grade.js';
import { GRADE_STATUSES } from '../domain/grade.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';

export interface GradingAdminDeps {
  jobs: Pick<GradeJobsRepository, 'list' | 'findById' | 'resend' | 'resendFailed' | 'countByStatus' | 'oldestWaiting'>;
  clock: () => Date;
  notify(id: string): void;
}

const scopeQuery = z.object({
  registrationId: z.string().min(1).max(200).optional(),
  tenantId: z.string().min(1).max(200).optional(),
});
const listQuery = scopeQuery.extend({
  status: z.enum(GRADE_STATUSES).optional(),
  contextId: z.string().min(1).max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Paging: the `updatedAt` of the last grade of the previous page. */
  before: z.iso.datetime().optional(),
});
const resendFailedBody = scopeQuery.extend({ code: z.string().regex(/^[A-Z_]{1,60}$/).optional() });
const idParams = z.object({ id: z.string().regex(/^g_[A-Za-z0-9_-]{43}$/, 'is not a grade id') });

/**
 * The admin operations view of grade sync: counts by status, failed grades with the
 * LMS's reason, resend one or all failed. Mounted by the admin module behind its own
 * guard; refusing to mount without one keeps it from ever being public by mistake.
 */
export function gradingAdminRoutes(router: Router, options: { guard: RequestHandler | RequestHandler[] }, deps: GradingAdminDeps): void {
  const guards = [options.guard].flat();
  if (guards.length === 0 || guards.some((g) => typeof g !== 'function')) throw new Error('gradingAdminRoutes needs an admin guard');

  router.get('/api/admin/grades/summary', ...guards, async (req, res) => {
    const scope = validate(scopeQuery, req.query, 'query');
    const [counts, oldestWaiting] = await Promise.all([deps.jobs.countByStatus(scope, GRADE_STATUSES), deps.jobs.oldestWaiting(scope)]);
    res.json({ counts, oldestWaitingSince: oldestWaiting?.toISOString() ?? null });
  });

  router.get('/api/admin/grades', ...guards, async (req, res) => {
    const { limit, before, ...filter } = validate(listQuery, req.query, 'query');
    const jobs = await deps.jobs.list(filter, { limit, updatedBefore: before ? new Date(before) : undefined });
    const last = jobs.at(-1);
    res.json({ grades: jobs.map(toAdminGradeView), next: jobs.length === limit && last ? last.updatedAt.toISOString() : null });
  });

  router.post('/api/admin/grades/resend-failed', ...guards, async (req, res) => {
    const filter = validate(resendFailedBody, req.body ?? {});
    const resent = await deps.jobs.resendFailed(filter, deps.clock());
    for (const id of resent) deps.notify(id);
    res.status(202).json({ resent: resent.length });
  });

  router.post('/api/admin/grades/:id/resend', ...guards, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const job = await resendGrade({ id }, deps);
    res.status(202).json(toAdminGradeView(job));
  });
}
