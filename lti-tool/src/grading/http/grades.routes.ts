import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { launchOf } from '../../lti/session/require-launch.js';
import { AppError } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { toGradeView } from '../application/grade-view.js';
import { resendGrade } from '../application/resend-grade.js';
import { GRADE_STATUSES } from '../domain/grade.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';

export interface GradesRoutesDeps {
  /** `lti.requireLaunch({ roles: ['instructor'] })`. */
  guard: RequestHandler;
  jobs: Pick<GradeJobsRepository, 'list' | 'findById' | 'resend'>;
  clock: () => Date;
  notify(id: string): void;
}

const MAX_GRADES = 2000;

const listQuery = z.object({
  resourceLinkId: z.string().min(1).max(1024).optional(),
  status: z.enum(GRADE_STATUSES).optional(),
});
const idParams = z.object({ id: z.string().regex(/^g_[A-Za-z0-9_-]{43}$/, 'is not a grade id') });

/**
 * The teacher dashboard's grade sync: each grade of a resource link of the teacher's
 * course with its delivery state and the LMS's reason, and "send again". Scoped to the
 * launch's tenant and course.
 */
export function gradesRoutes(router: Router, deps: GradesRoutesDeps): void {
  router.get('/api/grades', deps.guard, async (req, res) => {
    const session = launchOf(res);
    const query = validate(listQuery, req.query, 'query');
    const contextId = courseOf(session.context?.id);
    const resourceLinkId = query.resourceLinkId ?? session.resourceLink?.id;
    if (!resourceLinkId) throw new AppError('VALIDATION_FAILED', 'Say which activity: resourceLinkId is required outside an activity launch.', { status: 400 });
    const jobs = await deps.jobs.list({ tenantId: session.tenantId, contextId, resourceLinkId, status: query.status }, { limit: MAX_GRADES });
    const grades = jobs.map(toGradeView);
    const counts = { pending: 0, delivering: 0, delivered: 0, failed: 0, superseded: 0 };
    for (const grade of grades) counts[grade.status] += 1;
    res.json({ resourceLinkId, counts, grades, truncated: jobs.length === MAX_GRADES });
  });

  router.post('/api/grades/:id/resend', deps.guard, async (req, res) => {
    const session = launchOf(res);
    const { id } = validate(idParams, req.params, 'params');
    const job = await resendGrade({ id, scope: { tenantId: session.tenantId, contextId: courseOf(session.context?.id) } }, deps);
    res.status(202).json(toGradeView(job));
  });
}

function courseOf(contextId: string | undefined): string {
  if (!contextId) throw new AppError('GRADES_NO_COURSE', 'This launch has no course (LTI context): grades are shown per course.', { status: 409 });
  return contextId;
}
