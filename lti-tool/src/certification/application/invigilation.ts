import { randomBytes, timingSafeEqual } from 'node:crypto';
import type * as C from '@pix-lti/web-components/contract';
import { AppError, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { remainingMs, type CourseEvent } from '../domain/candidate-course.js';
import { releasePlace } from '../domain/candidate-match.js';
import { assertSessionAllows, nextStatus, type CertificationSession } from '../domain/session.js';
import type { StoredCourse } from '../infrastructure/courses.repository.js';
import type { StoredSession } from '../infrastructure/sessions.repository.js';
import { changeCourse } from './change-course.js';
import { recordIncident } from './record-incident.js';
import type { CertificationDeps } from './dependencies.js';

/**
 * The invigilator's space: signed in with the session number and the invigilator password
 * (no admin account), for one session, for a few hours. Their token only ever reaches that
 * session's candidates.
 */

/** The token lives at most this long after sign-in… */
export const INVIGILATOR_SESSION_MAX_MS = 8 * 3600_000;
/** …and expires after this long without a request (a forgotten tab in the staff room). */
export const INVIGILATOR_IDLE_MS = 3600_000;

type Deps = Pick<CertificationDeps, 'sessions' | 'courses' | 'incidents' | 'invigilatorSessions' | 'box' | 'clock' | 'newId' | 'log'>;

export async function signInInvigilator(input: C.InvigilatorSignInRequest, deps: Deps): Promise<C.InvigilatorSignInResponse> {
  const session = await deps.sessions.findByNumber(input.sessionNumber);
  const expected = session ? deps.box.open(session.sealedInvigilatorPassword) : 'no-such-session';
  if (!session || !samePassword(expected, input.password.trim().toUpperCase())) {
    throw unauthorized('INVIGILATOR_SIGN_IN_FAILED', 'The session number or the invigilator password is wrong. The password is on the session’s page for the centre.');
  }
  if (session.status === 'finalised' || session.status === 'published') throw conflict('SESSION_CLOSED', `Session ${session.number} is ${session.status}: there is nothing left to invigilate.`);
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVIGILATOR_IDLE_MS);
  await deps.invigilatorSessions.insert(token, { sessionId: session.id, createdAt: now, expiresAt });
  deps.log.info({ sessionId: session.id }, 'invigilator signed in');
  return { token, expiresAt: expiresAt.toISOString(), session: sessionPart(session) };
}

/** The session of a bearer token, sliding the idle expiry (never past the maximum). */
export async function resolveInvigilator(token: string, deps: Deps): Promise<StoredSession> {
  const now = deps.clock();
  const live = await deps.invigilatorSessions.resolve(token, now);
  const session = live && (await deps.sessions.find(live.sessionId));
  if (!live || !session) throw unauthorized('INVIGILATOR_SESSION_EXPIRED', 'Your invigilator session has expired: sign in again with the session number and the password.');
  const next = Math.min(live.createdAt.getTime() + INVIGILATOR_SESSION_MAX_MS, now.getTime() + INVIGILATOR_IDLE_MS);
  // Written at most once a minute, not on every poll.
  if (next - live.expiresAt.getTime() > 60_000) await deps.invigilatorSessions.extend(live.key, new Date(next));
  return session;
}

export async function invigilatedSession(session: StoredSession, deps: Deps): Promise<C.InvigilatedSessionView> {
  const [courses, incidents] = await Promise.all([deps.courses.listBySession(session.id), deps.incidents.listBySession(session.id)]);
  const now = deps.clock();
  const reports = new Map<string, number>();
  for (const i of incidents) if (i.reportedBy === 'candidate' && i.courseId) reports.set(i.courseId, (reports.get(i.courseId) ?? 0) + 1);
  return { session: sessionPart(session), candidates: courses.map((c) => candidateView(c, now, reports.get(c.id) ?? 0)), total: courses.length };
}

/** The invigilator opens the session: candidates may join from now on. */
export async function openSession(session: StoredSession, deps: Deps): Promise<void> {
  if (session.status === 'started') return;
  const status = nextStatus(session, 'start');
  if (!(await deps.sessions.update(session.id, 'created', { status, startedAt: deps.clock() }))) throw conflict('SESSION_BUSY', 'The session changed at the same time; reload.');
}

const EVENTS: Record<C.InvigilatorAction, CourseEvent['type']> = {
  'confirm-presence': 'confirmPresence',
  'cancel-presence': 'cancelPresence',
  admit: 'admit',
  pause: 'pause',
  resume: 'resume',
  end: 'endByInvigilator',
};

export async function actOnCandidate(session: StoredSession, courseId: string, action: C.InvigilatorAction | { extraTimePercentage: number }, deps: Deps): Promise<C.InvigilatedCandidateView> {
  if (typeof action === 'string' && action === 'admit') {
    const course = await deps.courses.find(courseId);
    // Admitting someone who never typed the access code would let a stranger's launch take their place later.
    if (course && course.sessionId === session.id && !course.joinedAt) throw forbidden('CANDIDATE_NOT_JOINED', 'This candidate has not entered the session number and access code yet.');
  }
  const event: CourseEvent = typeof action === 'string' ? ({ type: EVENTS[action] } as CourseEvent) : { type: 'setExtraTime', percentage: action.extraTimePercentage };
  const course = await changeCourse({ sessionId: session.id, courseId, event, scope: [session.academyId] }, deps);
  deps.log.info({ sessionId: session.id, courseId, event: event.type }, 'invigilator action');
  return candidateView(course, deps.clock(), 0);
}

/**
 * « Libérer la place »: a pupil joined under a classmate's identity; the invigilator frees
 * the entry so the right pupil can join (ADR 0022). Refused once the test has started
 * (CANDIDATE_ALREADY_STARTED). The release is written on the course itself (who, when,
 * which launch: atomic with the unbinding) and as an incident the centre reads at finalisation.
 */
export async function releaseCandidatePlace(session: StoredSession, courseId: string, deps: Deps): Promise<C.InvigilatedCandidateView> {
  assertSessionAllows(session, 'invigilate');
  for (let attempt = 0; attempt < 3; attempt++) {
    const course = await deps.courses.find(courseId);
    if (!course || course.sessionId !== session.id) throw notFound('CANDIDATE_NOT_FOUND', 'No such candidate in this session.');
    const now = deps.clock();
    const next = { ...releasePlace(course, now), version: course.version, score: course.score };
    // Compare-and-set: if the wrong pupil's "start" lands first, the next read refuses the release.
    if (!(await deps.courses.replace(next, course.version))) continue;
    await recordIncident(
      {
        sessionId: session.id,
        scope: [session.academyId],
        incident: {
          courseId,
          category: 'non_blocking_candidate_issue',
          description: 'Place libérée par le surveillant : un autre élève avait rejoint la session sous cette identité. Il ne peut plus la reprendre.',
          reportedBy: 'invigilator',
        },
      },
      deps,
    ).catch((err: unknown) => deps.log.error({ err, sessionId: session.id, courseId }, 'release recorded on the course, incident not written'));
    deps.log.info({ sessionId: session.id, courseId }, 'invigilator released a candidate’s place');
    return candidateView({ ...next, version: course.version + 1 }, now, 0);
  }
  throw new AppError('COURSE_BUSY', 'This candidate’s course changed at the same time; try again.', { status: 409 });
}

function candidateView(course: StoredCourse, now: Date, reportedProblems: number): C.InvigilatedCandidateView {
  const remaining = remainingMs(course, now);
  const view: C.InvigilatedCandidateView = {
    id: course.id,
    firstName: course.candidate.firstName,
    lastName: course.candidate.lastName,
    state: course.state,
    joined: course.joinedAt !== undefined,
    answered: course.answerCount,
    extraTimePercentage: course.extraTimePercentage,
    reportedProblems,
  };
  if (course.endReason) view.endReason = course.endReason;
  if (remaining !== undefined) view.remainingSeconds = Math.floor(remaining / 1000);
  return view;
}

function sessionPart(s: CertificationSession): C.InvigilatedSessionView['session'] {
  return { id: s.id, number: s.number, centreUai: s.centreUai, date: s.date, time: s.time, room: s.room, invigilator: s.invigilator, accessCode: s.accessCode, status: s.status };
}

function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
