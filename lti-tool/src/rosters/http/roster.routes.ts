import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { LtiServiceError } from '../../lti-services/domain/service-error.js';
import { launchOf } from '../../lti/session/require-launch.js';
import { AppError } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import type { Rosters } from '../application/rosters.js';

const query = z.object({ refresh: z.enum(['true', 'false']).optional() });

/** The teacher dashboard's class list: members of the launch's course, from the LMS (NRPS). */
export function rosterRoutes(router: Router, deps: { guard: RequestHandler; rosters: Pick<Rosters, 'members'> }): void {
  router.get('/api/roster', deps.guard, async (req, res) => {
    const session = launchOf(res);
    const { refresh } = validate(query, req.query, 'query');
    try {
      const roster = await deps.rosters.members(session, { refresh: refresh === 'true' });
      const learners = roster.members.filter((m) => m.roles.learner).length;
      res.set('Cache-Control', 'private, no-store');
      res.json({
        contextId: roster.contextId,
        fetchedAt: roster.fetchedAt.toISOString(),
        complete: roster.complete,
        counts: { members: roster.members.length, learners, instructors: roster.members.filter((m) => m.roles.instructor).length },
        members: roster.members,
      });
    } catch (err) {
      if (!(err instanceof LtiServiceError)) throw err;
      // The LMS's reason helps the teacher's admin; our token and URLs stay out of it.
      throw new AppError(
        err.kind === 'transient' ? 'ROSTER_LMS_UNAVAILABLE' : 'ROSTER_LMS_REFUSED',
        err.kind === 'transient' ? 'The LMS does not answer right now; try again in a moment.' : 'The LMS refused to give the course members.',
        { status: err.kind === 'transient' ? 503 : 502, details: { lmsCode: err.code, reason: err.reason } },
      );
    }
  });
}
