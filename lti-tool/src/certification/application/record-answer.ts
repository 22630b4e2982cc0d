import { AppError, notFound } from '../../platform/errors.js';
import { acceptsAnswerAt, applyCourseEvent, isOverdue } from '../domain/candidate-course.js';
import type { AnswerResult } from '../domain/incidents.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';
import { assertSessionAllows } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';

export interface AnsweredChallenge {
  id: string;
  competenceId: string;
  discrimination: number;
  difficulty: number;
}

export type RecordAnswerOutcome = { status: 'recorded' | 'duplicate'; answerCount: number; ended: boolean };

/**
 * Stores a candidate's answer — first, before anything else — after the server-side
 * checks: the course runs, the answer is the next question, and the time limit (with
 * extra time, plus a few seconds' grace) is not past. A late answer ends the course
 * (`time_limit`) and is refused with TIME_LIMIT_REACHED. The 32nd answer completes it.
 * Sending the same question again is idempotent.
 */
export async function recordAnswer(
  input: { courseId: string; questionIndex: number; challenge: AnsweredChallenge; result: AnswerResult; value: string },
  deps: Pick<CertificationDeps, 'sessions' | 'courses' | 'answers' | 'clock'>,
): Promise<RecordAnswerOutcome> {
  const now = deps.clock();
  const course = await deps.courses.find(input.courseId);
  if (!course) throw notFound('CANDIDATE_NOT_FOUND', 'No such certification course.');
  const session = await deps.sessions.find(course.sessionId);
  if (!session) throw notFound('SESSION_NOT_FOUND', 'No such certification session.');
  assertSessionAllows(session, 'answer');
  if (input.questionIndex < course.answerCount) return { status: 'duplicate', answerCount: course.answerCount, ended: course.state === 'ended' };
  if (!acceptsAnswerAt(course, now)) {
    if (isOverdue(course, now)) {
      const ended = applyCourseEvent(course, { type: 'endByTimeLimit' }, now);
      await deps.courses.replace({ ...ended, version: course.version }, course.version);
      throw new AppError('TIME_LIMIT_REACHED', 'The time allowed for this test is over; the answer was not recorded.', { status: 409, details: { endedAt: ended.endedAt } });
    }
    throw new AppError('COURSE_NOT_RUNNING', `This test is ${course.state.replace('_', ' ')}: no answer can be recorded now.`, { status: 409, details: { state: course.state } });
  }
  if (input.questionIndex !== course.answerCount) {
    throw new AppError('ANSWER_OUT_OF_ORDER', `Question ${input.questionIndex + 1} is not the current one (${course.answerCount + 1}).`, {
      status: 409,
      details: { expected: course.answerCount },
    });
  }
  const stored = await deps.answers.insert({
    courseId: course.id,
    questionIndex: input.questionIndex,
    challengeId: input.challenge.id,
    competenceId: input.challenge.competenceId,
    discrimination: input.challenge.discrimination,
    difficulty: input.challenge.difficulty,
    result: input.result,
    value: input.value,
    answeredAt: now,
    neutralised: false,
  });
  const answerCount = input.questionIndex + 1;
  await deps.courses.countAnswer(course.id, answerCount);
  let ended = false;
  if (answerCount >= CERTIFICATION_RULES.maximumAnswers) {
    const fresh = await deps.courses.find(course.id);
    if (fresh && fresh.state !== 'ended') {
      await deps.courses.replace({ ...applyCourseEvent(fresh, { type: 'complete' }, now), version: fresh.version }, fresh.version);
    }
    ended = true;
  }
  return { status: stored === 'stored' ? 'recorded' : 'duplicate', answerCount, ended };
}
