import type { RequestHandler, Router } from 'express';
import { launchOf } from '../../lti/session/require-launch.js';
import type { AssessmentDeps } from '../application/assessment-deps.js';
import { classCsv, classCsvFilename } from '../application/class-export.js';
import { classProgress, type RosterSource } from '../application/class-progress.js';

/**
 * The teacher's dashboard API: the class of the launch's course on the launch's activity,
 * as JSON (`ClassProgress`) and as a CSV export with Pix's columns. Instructor role only;
 * tenant and course come from the launch, never from the request.
 */
export function teacherRoutes(router: Router, deps: { guard: RequestHandler; assessment: AssessmentDeps; rosters?: RosterSource }): void {
  const d = { ...deps.assessment, rosters: deps.rosters };

  router.get('/api/teacher/progress', deps.guard, async (_req, res) => {
    const view = await classProgress({ session: launchOf(res) }, d);
    res.set('Cache-Control', 'private, no-store').json(view.progress);
  });

  router.get('/api/teacher/progress.csv', deps.guard, async (_req, res) => {
    const view = await classProgress({ session: launchOf(res) }, d);
    res.status(200);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${classCsvFilename(view, d.clock())}"`,
      'Cache-Control': 'private, no-store',
    });
    for (const line of classCsv(view)) {
      // Respect backpressure: a large class is written as the client reads it.
      if (!res.write(line)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  });
}
