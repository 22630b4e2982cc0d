import { applyCourseEvent, isOverdue } from '../domain/candidate-course.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';
import type { CertificationDeps } from './dependencies.js';

/**
 * Ends the courses whose time is up even if the candidate sends nothing more (closed
 * browser): the server, not the page, enforces the limit. Run periodically.
 */
export async function expireOverdueCourses(deps: Pick<CertificationDeps, 'courses' | 'clock' | 'log'>): Promise<number> {
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - CERTIFICATION_RULES.answerGraceSeconds * 1000);
  let ended = 0;
  for (const course of await deps.courses.listOverdue(cutoff)) {
    if (!isOverdue(course, cutoff)) continue;
    const next = applyCourseEvent(course, { type: 'endByTimeLimit' }, now);
    if (await deps.courses.replace({ ...next, version: course.version, score: course.score }, course.version)) ended += 1;
  }
  if (ended > 0) deps.log.info({ ended }, 'certification courses stopped at their time limit');
  return ended;
}
