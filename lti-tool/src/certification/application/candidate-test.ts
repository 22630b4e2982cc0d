import type * as C from '@pix-lti/web-components/contract';
import { competenceRefOf, toChallengeView } from '../../content/domain/challenge-view.js';
import { answerShapeProblem, checkAnswer, type AnswerValue } from '../../assessment/domain/answer-check.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { allowedMs, applyCourseEvent, isOverdue, remainingMs, type CandidateCourse } from '../domain/candidate-course.js';
import { matchCandidate, type Joiner } from '../domain/candidate-match.js';
import { normaliseAccessCode } from '../domain/codes.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';
import { sessionAllows, type CertificationSession } from '../domain/session.js';
import type { StoredCourse } from '../infrastructure/courses.repository.js';
import { changeCourse } from './change-course.js';
import { checkCertifiable } from './check-certifiability.js';
import type { CertificationDeps } from './dependencies.js';
import { recordAnswer } from './record-answer.js';
import { recordIncident } from './record-incident.js';

/**
 * The candidate's side of a certification session (docs/guides/certification.md §2): join
 * with the session number and access code, wait to be admitted, start, answer the live
 * flash test question by question, report a problem, leave. Every call names the course
 * and is refused unless the course is bound to the caller's learner id.
 */

type Deps = Pick<CertificationDeps, 'sessions' | 'courses' | 'answers' | 'incidents' | 'bank' | 'exposure' | 'assetBaseUrl' | 'profiles' | 'clock' | 'newId' | 'log'>;

export async function joinSession(input: Joiner & { sessionNumber: number; accessCode: string }, deps: Deps): Promise<C.JoinCertificationResponse> {
  const session = await deps.sessions.findByNumber(input.sessionNumber);
  // Same answer for an unknown number and a wrong code: neither is confirmed to a guesser.
  if (!session || session.accessCode !== normaliseAccessCode(input.accessCode)) {
    throw forbidden('SESSION_ACCESS_DENIED', 'No session matches this number and access code. Check both on the board or ask the invigilator.');
  }
  if (!sessionAllows(session.status, 'join')) {
    if (session.status === 'created') throw conflict('SESSION_NOT_OPEN', 'The invigilator has not opened this session yet: wait a moment, then try again.');
    throw conflict('SESSION_CLOSED', 'This session is closed: no candidate can join it any more.');
  }
  const courses = await deps.courses.listBySession(session.id);
  const match = matchCandidate(courses, input);
  if (match.kind === 'none') {
    throw forbidden('CANDIDATE_NOT_ENROLLED', 'Your name (and birthdate) are not on this session’s list. Check them as on your convocation, or ask the invigilator.');
  }
  if (match.kind === 'ambiguous') throw conflict('CANDIDATE_AMBIGUOUS', 'Two candidates of this session have this identity: ask the invigilator, who will tell the centre.');
  if (match.kind === 'released') throw forbidden('CANDIDATE_PLACE_RELEASED', 'The invigilator released this place from your connection: join with your own identity, or ask the invigilator.');
  if (match.kind === 'taken') throw conflict('CANDIDATE_ALREADY_JOINED', 'Someone has already joined this session under this identity: tell the invigilator.');
  // Eligibility on first join: the learner's profile here if the tool holds one, else the centre's list (check-certifiability.ts).
  if (match.bind) {
    const eligibility = await checkCertifiable(input.learnerId, deps.profiles, 'attested');
    if (eligibility === 'attested') deps.log.info({ sessionId: session.id, courseId: match.course.id }, 'certification candidate without a profile here: eligibility attested by the centre');
  }
  if (match.bind && !(await deps.courses.bindLearner(match.course.id, input.learnerId))) {
    throw conflict('CANDIDATE_ALREADY_JOINED', 'Someone has already joined this session under this identity: tell the invigilator.');
  }
  const resumed = match.course.joinedAt !== undefined && !match.bind;
  let course: StoredCourse = (await deps.courses.find(match.course.id))!;
  if (course.state !== 'ended') course = await changeCourse({ sessionId: session.id, courseId: course.id, event: { type: 'join' }, scope: 'all' }, deps);
  deps.log.info({ sessionId: session.id, courseId: course.id, resumed }, 'certification candidate joined');
  return { course: courseView(await settle(course, deps), session, deps.clock()), resumed };
}

/** The course as its candidate sees it (the poll while waiting for admission). */
export async function candidateCourse(input: { courseId: string; learnerId: string }, deps: Deps): Promise<C.CandidateCourseView> {
  const { course, session } = await ownCourse(input, deps);
  return courseView(await settle(course, deps), session, deps.clock());
}

/** Starts the test once admitted (the 1 h 45 start now); starting again is harmless. */
export async function startTest(input: { courseId: string; learnerId: string }, deps: Deps): Promise<C.CandidateCourseView> {
  const { course, session } = await ownCourse(input, deps);
  if (course.state !== 'admitted') return courseView(await settle(course, deps), session, deps.clock());
  const started = await changeCourse({ sessionId: session.id, courseId: course.id, event: { type: 'start' }, scope: 'all' }, deps);
  // Counted for exposure control; a lost increment only makes the control slightly stricter.
  await deps.exposure.testStarted().catch((err: unknown) => deps.log.warn({ err }, 'exposure count failed'));
  return courseView(started, session, deps.clock());
}

/**
 * The question on the candidate's screen: fixed when first served, so a reload, another
 * tab or a closed browser comes back to exactly this question; picked by the flash engine
 * from the answers so far. Never the solution.
 */
export async function currentQuestion(input: { courseId: string; learnerId: string }, deps: Deps): Promise<C.CandidateQuestionResponse> {
  const owned = await ownCourse(input, deps);
  const { session } = owned;
  let course = await settle(owned.course, deps);
  const now = deps.clock();
  if (course.state === 'ended') return { kind: 'ended', course: courseView(course, session, now) };
  if (course.state !== 'in_progress' && course.state !== 'resumed') return { kind: 'waiting', course: courseView(course, session, now) };
  const snapshot = await deps.bank.snapshot();
  if (course.currentQuestion?.index !== course.answerCount) {
    const [answers, exposure] = await Promise.all([deps.answers.listByCourse(course.id), deps.exposure.snapshot(Date.now())]);
    const pick = deps.bank.next(snapshot, course.id, answers, exposure);
    if (pick.kind === 'end') {
      // The pool ran out before 32 questions (a small bank): the test is complete.
      course = await changeCourse({ sessionId: session.id, courseId: course.id, event: { type: 'complete' }, scope: 'all' }, deps);
      return { kind: 'ended', course: courseView(course, session, now) };
    }
    const fixed = await deps.courses.fixCurrentQuestion(course.id, { index: course.answerCount, challengeId: pick.challengeId, servedAt: now });
    if (fixed.fixed) await deps.exposure.itemGiven(pick.challengeId).catch((err: unknown) => deps.log.warn({ err }, 'exposure count failed'));
    course = fixed.course ?? course;
    if (course.currentQuestion?.index !== course.answerCount) return currentQuestion(input, deps);
  }
  const challenge = deps.bank.challenge(snapshot, course.currentQuestion.challengeId);
  // The test-wide clock is the limit in certification: a question's own timer is not served (nor enforced).
  const { timer: _timer, ...view } = toChallengeView(challenge, { competence: competenceRefOf(snapshot, challenge.competenceId), shuffleSeed: course.id, assetBaseUrl: deps.assetBaseUrl }) as C.ChallengeView;
  return { kind: 'question', index: course.currentQuestion.index, challenge: view, course: courseView(course, session, now) };
}

/**
 * Records the answer to the current question. Idempotent: the same question sent again
 * (a retry after a lost response) is acknowledged without writing. The server judges the
 * answer and enforces the time limit (record-answer.ts).
 */
export async function answerQuestion(input: { courseId: string; learnerId: string; request: C.CandidateAnswerRequest }, deps: Deps): Promise<C.CandidateAnswerResponse> {
  const { course, session } = await ownCourse(input, deps);
  const { request } = input;
  if (request.questionIndex < course.answerCount) {
    const stored = (await deps.answers.listByCourse(course.id)).find((a) => a.questionIndex === request.questionIndex);
    if (stored && stored.challengeId !== request.challengeId) throw conflict('CHALLENGE_NOT_CURRENT', 'This question was answered with another challenge.', { questionIndex: request.questionIndex });
    return { recorded: false, course: courseView(course, session, deps.clock()) };
  }
  const current = course.currentQuestion;
  if (!current || current.index !== request.questionIndex || current.challengeId !== request.challengeId) {
    throw conflict('CHALLENGE_NOT_CURRENT', 'This is not the question being asked now: reload the question.', current?.index === course.answerCount ? { questionIndex: current.index } : undefined);
  }
  const snapshot = await deps.bank.snapshot();
  const challenge = deps.bank.challenge(snapshot, current.challengeId);
  const value: AnswerValue = request.value ?? { kind: 'skip' };
  const problem = answerShapeProblem(challenge, value);
  if (problem) throw badRequest('ANSWER_SHAPE_INVALID', 'The answer does not fit the question.', { problem });
  const check = checkAnswer(challenge, value, { focusedOut: challenge.focused && request.focusedOut === true });
  const outcome = await recordAnswer(
    {
      courseId: course.id,
      questionIndex: request.questionIndex,
      challenge: { id: challenge.id, competenceId: challenge.competenceId, discrimination: challenge.irt!.discrimination, difficulty: challenge.irt!.difficulty },
      result: check.result,
      value: JSON.stringify(value),
    },
    deps,
  );
  const after = (await deps.courses.find(course.id)) ?? course;
  return { recorded: outcome.status === 'recorded', course: courseView(after, session, deps.clock()) };
}

/** "Signaler un problème": an incident on the current (or an answered) question, read at finalisation. */
export async function reportProblem(input: { courseId: string; learnerId: string; request: C.ReportProblemRequest }, deps: Deps): Promise<{ id: string }> {
  const { course, session } = await ownCourse(input, deps);
  const { questionIndex, kind, description } = input.request;
  if (questionIndex > course.answerCount || questionIndex >= CERTIFICATION_RULES.maximumAnswers || !course.startedAt) {
    throw badRequest('QUESTION_NOT_ASKED', `Question ${questionIndex + 1} has not been asked in this test.`);
  }
  const incident = await recordIncident(
    {
      sessionId: session.id,
      scope: 'all',
      incident: { courseId: course.id, category: 'in_challenge', subcategory: kind, questionIndex, description: description?.trim() || 'Signalé par le candidat', reportedBy: 'candidate' },
    },
    deps,
  );
  return { id: incident.id };
}

/** The candidate leaves the test before the end ("Terminer mon test"). */
export async function endTest(input: { courseId: string; learnerId: string }, deps: Deps): Promise<C.CandidateCourseView> {
  const { course, session } = await ownCourse(input, deps);
  if (course.state === 'ended') return courseView(course, session, deps.clock());
  const ended = await changeCourse({ sessionId: session.id, courseId: course.id, event: { type: 'endByCandidate' }, scope: 'all' }, deps);
  return courseView(ended, session, deps.clock());
}

async function ownCourse(input: { courseId: string; learnerId: string }, deps: Deps): Promise<{ course: StoredCourse; session: CertificationSession }> {
  const course = await deps.courses.find(input.courseId);
  // Someone else's course is "not found": course ids are not confirmed to other learners.
  if (!course || course.candidate.learnerId !== input.learnerId) throw notFound('CANDIDATE_NOT_FOUND', 'No certification test of yours with this id: join the session again.');
  const session = await deps.sessions.find(course.sessionId);
  if (!session) throw notFound('SESSION_NOT_FOUND', 'No such certification session.');
  return { course, session };
}

/** Ends a course the server should already have stopped (the sweep runs every 15 s; a request may come first). */
async function settle(course: StoredCourse, deps: Deps): Promise<StoredCourse> {
  const now = deps.clock();
  if (!isOverdue(course, now)) return course;
  const ended = { ...applyCourseEvent(course, { type: 'endByTimeLimit' }, now), version: course.version, score: course.score };
  if (await deps.courses.replace(ended, course.version)) return { ...ended, version: course.version + 1 };
  return (await deps.courses.find(course.id)) ?? course;
}

export function courseView(course: CandidateCourse, session: Pick<CertificationSession, 'number' | 'date' | 'time' | 'room'>, now: Date): C.CandidateCourseView {
  const remaining = remainingMs(course, now);
  const view: C.CandidateCourseView = {
    id: course.id,
    session: { number: session.number, date: session.date, time: session.time, room: session.room },
    candidate: { firstName: course.candidate.firstName, lastName: course.candidate.lastName },
    state: course.state,
    answered: course.answerCount,
    total: CERTIFICATION_RULES.maximumAnswers,
    allowedSeconds: allowedMs(course.extraTimePercentage) / 1000,
    extraTimePercentage: course.extraTimePercentage,
  };
  if (course.endReason) view.endReason = course.endReason;
  if (remaining !== undefined) view.remainingSeconds = Math.floor(remaining / 1000);
  return view;
}

