import { AppError, notFound } from '../../platform/errors.js';
import { applyCourseEvent, type CourseEvent } from '../domain/candidate-course.js';
import { assertSessionAllows, type SessionAction } from '../domain/session.js';
import type { StoredCourse } from '../infrastructure/courses.repository.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

/** Which session permission each course event needs: the candidate's own moves, or invigilation. */
const NEEDS: Record<CourseEvent['type'], SessionAction> = {
  join: 'join',
  start: 'join',
  endByCandidate: 'join',
  complete: 'answer',
  confirmPresence: 'invigilate',
  cancelPresence: 'invigilate',
  admit: 'invigilate',
  pause: 'invigilate',
  resume: 'invigilate',
  endByInvigilator: 'invigilate',
  setExtraTime: 'setExtraTime',
  endByTimeLimit: 'invigilate',
  endByFinalisation: 'finalise',
};

const ATTEMPTS = 3;

/**
 * Applies one event to a candidate's course with compare-and-set on its version, so two
 * invigilator clicks (or a click and the candidate's answer) never overwrite each other.
 */
export async function changeCourse(
  input: { sessionId: string; courseId: string; event: CourseEvent; scope: AcademyScope },
  deps: Pick<CertificationDeps, 'sessions' | 'courses' | 'clock'>,
): Promise<StoredCourse> {
  const session = await loadSession(input.sessionId, input.scope, deps);
  assertSessionAllows(session, NEEDS[input.event.type]);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const course = await deps.courses.find(input.courseId);
    if (!course || course.sessionId !== session.id) throw notFound('CANDIDATE_NOT_FOUND', 'No such candidate in this session.');
    const next = { ...applyCourseEvent(course, input.event, deps.clock()), version: course.version, score: course.score };
    if (await deps.courses.replace(next, course.version)) return { ...next, version: course.version + 1 };
  }
  throw new AppError('COURSE_BUSY', 'This candidate’s course changed at the same time; try again.', { status: 409 });
}
