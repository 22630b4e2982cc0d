import { AppError } from '../../platform/errors.js';
import { applyCourseEvent, hasStarted, type AbortReason } from '../domain/candidate-course.js';
import { answerKey, questionsToNeutralise } from '../domain/incidents.js';
import { scoreCourse } from '../domain/scoring.js';
import { assertSessionAllows } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

export interface FinaliseInput {
  sessionId: string;
  scope: AcademyScope;
  examinerComment?: string;
  /** Why each unfinished course stopped; required for every course still running or stopped by the invigilator. */
  abortReasons?: Record<string, AbortReason>;
  /** Questions the centre neutralises besides those neutralised automatically from reports. */
  neutralisations?: Array<{ courseId: string; questionIndex: number }>;
  /** Courses rejected for fraud (after a fraud incident). */
  fraud?: string[];
}

export interface FinaliseSummary {
  scored: number;
  validated: number;
  rejected: number;
  neutralised: number;
  endedByFinalisation: number;
}

/**
 * The centre closes the session: running courses end, the abort reasons are recorded,
 * questions are neutralised (reports + explicit), every started course is scored, and
 * the session becomes `finalised`. Each step can run again after a crash: the session
 * stays `started` until the last one.
 */
export async function finaliseSession(input: FinaliseInput, deps: Pick<CertificationDeps, 'sessions' | 'courses' | 'answers' | 'incidents' | 'scoring' | 'clock'>): Promise<FinaliseSummary> {
  const session = await loadSession(input.sessionId, input.scope, deps);
  assertSessionAllows(session, 'finalise');
  const now = deps.clock();
  const courses = (await deps.courses.listBySession(session.id)).filter(hasStarted);
  const reasons = input.abortReasons ?? {};
  const missing = courses.filter((c) => (c.state !== 'ended' || c.endReason === 'invigilator') && !c.abortReason && !reasons[c.id]).map((c) => c.id);
  if (missing.length > 0) {
    throw new AppError('FINALISATION_ABORT_REASON_MISSING', 'Say why each unfinished test stopped (candidate or technical) before finalising.', { status: 422, details: { courseIds: missing } });
  }
  const unknown = [...Object.keys(reasons), ...(input.fraud ?? []), ...(input.neutralisations ?? []).map((n) => n.courseId)].filter((id) => !courses.some((c) => c.id === id));
  if (unknown.length > 0) throw new AppError('CANDIDATE_NOT_FOUND', 'Some candidates named are not started courses of this session.', { status: 404, details: { courseIds: [...new Set(unknown)] } });

  const answers = await deps.answers.listByCourses(courses.map((c) => c.id));
  const keys = questionsToNeutralise(await deps.incidents.listBySession(session.id), answers, input.neutralisations);
  await deps.answers.neutralise(keys);

  const summary: FinaliseSummary = { scored: 0, validated: 0, rejected: 0, neutralised: keys.size, endedByFinalisation: 0 };
  for (const course of courses) {
    let next = course.state === 'ended' ? { ...course } : { ...applyCourseEvent(course, { type: 'endByFinalisation' }, now), version: course.version };
    if (course.state !== 'ended') summary.endedByFinalisation += 1;
    next = { ...next, abortReason: reasons[course.id] ?? course.abortReason, rejectedForFraud: course.rejectedForFraud || (input.fraud ?? []).includes(course.id) };
    const own = answers.filter((a) => a.courseId === course.id).map((a) => ({ ...a, neutralised: a.neutralised || keys.has(answerKey(a.courseId, a.questionIndex)) }));
    const score = scoreCourse({ answers: own, endReason: next.endReason!, abortReason: next.abortReason, rejectedForFraud: next.rejectedForFraud }, deps.scoring);
    if (!(await deps.courses.replace({ ...next, score }, course.version))) {
      throw new AppError('COURSE_BUSY', 'A candidate’s course changed during finalisation; finalise again.', { status: 409, details: { courseId: course.id } });
    }
    summary.scored += 1;
    summary[score.status] += 1;
  }
  const changed = await deps.sessions.update(session.id, 'started', { status: 'finalised', finalisedAt: now, examinerComment: input.examinerComment });
  if (!changed) throw new AppError('SESSION_STATE_FORBIDS', 'The session changed during finalisation.', { status: 409 });
  return summary;
}
