import { AppError } from '../../platform/errors.js';
import { CERTIFICATION_RULES } from './rules.js';

/**
 * One candidate's place in a session and, once started, their certification course.
 *
 * registered → present (invigilator confirms) → admitted (invigilator lets them in) →
 * in_progress (the candidate starts) ⇄ paused → resumed (in progress again after a pause)
 * → ended, with the reason: completed (all questions), candidate, invigilator,
 * time_limit (the server stopped it) or finalisation (still running when the centre
 * finalised). A candidate never admitted or never started has no result.
 */
export type CourseState = 'registered' | 'present' | 'admitted' | 'in_progress' | 'paused' | 'resumed' | 'ended';
export type EndReason = 'completed' | 'candidate' | 'invigilator' | 'time_limit' | 'finalisation';
/** Why an unfinished course stopped, decided by the centre at finalisation (Pix's `abortReason`). */
export type AbortReason = 'candidate' | 'technical';

export interface CandidateIdentity {
  /** Our pseudonymous learner id when the candidate came through an LTI launch. */
  learnerId?: string;
  firstName?: string;
  lastName?: string;
  /** `YYYY-MM-DD`, kept on the certification path only (attestations, livret scolaire). */
  birthdate?: string;
  /** INE, when the school provides it. */
  nationalStudentId?: string;
}

export interface CandidateCourse {
  id: string;
  sessionId: string;
  candidate: CandidateIdentity;
  state: CourseState;
  /** Extra time as a percentage of the duration (a third more: 33.33). */
  extraTimePercentage: number;
  endReason?: EndReason;
  abortReason?: AbortReason;
  presentAt?: Date;
  joinedAt?: Date;
  admittedAt?: Date;
  startedAt?: Date;
  /** Start of the current pause, while paused. */
  pausedAt?: Date;
  /** Time spent paused so far, which does not count against the time limit. */
  pausedMs: number;
  /** When the server ends the course if still running; absent when not running (paused, not started, ended). */
  deadlineAt?: Date;
  endedAt?: Date;
  answerCount: number;
  rejectedForFraud: boolean;
  /**
   * The question on the candidate's screen, fixed when first served so that a reload or
   * a closed browser comes back to exactly this question (index = answerCount).
   */
  currentQuestion?: CurrentQuestion;
  /**
   * Launches the invigilator removed from this entry ("Libérer la place": a pupil joined
   * under a classmate's identity). They may not bind it again; kept as the audit trail.
   */
  releases?: PlaceRelease[];
}

export interface PlaceRelease {
  /** The pseudonymous learner id that held the place. */
  learnerId: string;
  releasedAt: Date;
  /** Who released it: the invigilator signed in with the session's password (no personal account). */
  by: 'invigilator';
}

export interface CurrentQuestion {
  index: number;
  challengeId: string;
  servedAt: Date;
}

export const RUNNING_STATES: readonly CourseState[] = ['in_progress', 'resumed'];
export const ACTIVE_STATES: readonly CourseState[] = ['in_progress', 'paused', 'resumed'];

export function isRunning(course: Pick<CandidateCourse, 'state'>): boolean {
  return RUNNING_STATES.includes(course.state);
}

export function hasStarted(course: Pick<CandidateCourse, 'startedAt'>): boolean {
  return course.startedAt !== undefined;
}

export type CourseEvent =
  | { type: 'confirmPresence' }
  | { type: 'cancelPresence' }
  | { type: 'join' }
  | { type: 'admit' }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'complete' }
  | { type: 'endByCandidate' }
  | { type: 'endByInvigilator' }
  | { type: 'endByTimeLimit' }
  | { type: 'endByFinalisation' }
  | { type: 'setExtraTime'; percentage: number };

const FROM: Record<CourseEvent['type'], readonly CourseState[]> = {
  confirmPresence: ['registered'],
  cancelPresence: ['present'],
  // Joining again after a dropped connection is allowed while the course runs (resume where it stopped).
  join: ['registered', 'present', 'admitted', 'in_progress', 'paused', 'resumed'],
  admit: ['present'],
  start: ['admitted'],
  pause: ['in_progress', 'resumed'],
  resume: ['paused'],
  complete: ['in_progress', 'resumed'],
  endByCandidate: ['in_progress', 'resumed'],
  endByInvigilator: ['admitted', 'in_progress', 'paused', 'resumed'],
  endByTimeLimit: ['in_progress', 'resumed', 'paused'],
  endByFinalisation: ['in_progress', 'paused', 'resumed'],
  setExtraTime: ['registered', 'present', 'admitted', 'in_progress', 'paused', 'resumed'],
};

/** Milliseconds the candidate may spend answering: the duration plus extra time, rounded up to the second. */
export function allowedMs(extraTimePercentage: number): number {
  const base = CERTIFICATION_RULES.durationMinutes * 60;
  return Math.ceil(base * (1 + extraTimePercentage / 100) - 1e-9) * 1000;
}

/** The hard cap (24 h after the start), whatever the pauses. */
export function hardCapAt(startedAt: Date): Date {
  return new Date(startedAt.getTime() + CERTIFICATION_RULES.hardCapHours * 3600_000);
}

/**
 * When a running course must end: start + allowed time + time paused, never past the
 * hard cap. Undefined while paused (the clock is stopped) or not running.
 */
export function deadlineOf(course: Pick<CandidateCourse, 'state' | 'startedAt' | 'pausedMs' | 'extraTimePercentage'>): Date | undefined {
  if (!course.startedAt || !RUNNING_STATES.includes(course.state)) return undefined;
  const byTime = course.startedAt.getTime() + allowedMs(course.extraTimePercentage) + course.pausedMs;
  return new Date(Math.min(byTime, hardCapAt(course.startedAt).getTime()));
}

/** Milliseconds of answering time left at `now` (frozen during a pause), for the accessible timer. */
export function remainingMs(course: CandidateCourse, now: Date): number | undefined {
  if (!course.startedAt || course.state === 'ended') return undefined;
  const paused = course.pausedMs + (course.state === 'paused' && course.pausedAt ? now.getTime() - course.pausedAt.getTime() : 0);
  const byTime = course.startedAt.getTime() + allowedMs(course.extraTimePercentage) + paused - now.getTime();
  const byCap = hardCapAt(course.startedAt).getTime() - now.getTime();
  return Math.max(0, Math.min(byTime, byCap));
}

/** True when the server must stop this course at `now` (a paused course only at the hard cap). */
export function isOverdue(course: CandidateCourse, now: Date): boolean {
  if (!course.startedAt || course.state === 'ended') return false;
  if (course.state === 'paused') return now >= hardCapAt(course.startedAt);
  const deadline = deadlineOf(course);
  return deadline !== undefined && now > deadline;
}

/** Whether an answer arriving at `now` still counts: before the deadline plus a few seconds of network grace. */
export function acceptsAnswerAt(course: CandidateCourse, now: Date): boolean {
  if (!isRunning(course)) return false;
  const deadline = deadlineOf(course);
  return deadline !== undefined && now.getTime() <= deadline.getTime() + CERTIFICATION_RULES.answerGraceSeconds * 1000;
}

export function assertExtraTime(percentage: number): void {
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > CERTIFICATION_RULES.maximumExtraTimePercentage) {
    throw new AppError('EXTRA_TIME_INVALID', `Extra time must be a percentage between 0 and ${CERTIFICATION_RULES.maximumExtraTimePercentage}.`, {
      status: 400,
      details: { percentage },
    });
  }
}

/**
 * Applies one event at `now` and returns the new course (the input is not changed).
 * An event the state does not allow fails with COURSE_STATE_FORBIDS (409).
 */
export function applyCourseEvent(course: CandidateCourse, event: CourseEvent, now: Date): CandidateCourse {
  if (!FROM[event.type].includes(course.state)) {
    throw new AppError('COURSE_STATE_FORBIDS', `This candidate is ${course.state.replace('_', ' ')}: "${event.type}" is not possible now.`, {
      status: 409,
      details: { state: course.state, event: event.type, allowedFrom: FROM[event.type] },
    });
  }
  const next: CandidateCourse = { ...course };
  switch (event.type) {
    case 'confirmPresence':
      return { ...next, state: 'present', presentAt: now };
    case 'cancelPresence':
      return { ...next, state: 'registered', presentAt: undefined };
    case 'join':
      return { ...next, joinedAt: now };
    case 'admit':
      return { ...next, state: 'admitted', admittedAt: now };
    case 'start':
      return withDeadline({ ...next, state: 'in_progress', startedAt: now, pausedMs: 0 });
    case 'pause':
      return { ...next, state: 'paused', pausedAt: now, deadlineAt: undefined };
    case 'resume': {
      const pausedMs = next.pausedMs + (now.getTime() - (next.pausedAt ?? now).getTime());
      return withDeadline({ ...next, state: 'resumed', pausedAt: undefined, pausedMs });
    }
    case 'setExtraTime':
      assertExtraTime(event.percentage);
      return withDeadline({ ...next, extraTimePercentage: event.percentage });
    case 'complete':
      return end(next, 'completed', now);
    case 'endByCandidate':
      return end(next, 'candidate', now);
    case 'endByInvigilator':
      return end(next, 'invigilator', now);
    case 'endByTimeLimit':
      // The course ended at its deadline, not when the server noticed.
      return end(next, 'time_limit', timeLimitEnd(course, now));
    case 'endByFinalisation':
      return end(next, 'finalisation', now);
  }
}

function withDeadline(course: CandidateCourse): CandidateCourse {
  return { ...course, deadlineAt: deadlineOf(course) };
}

function end(course: CandidateCourse, reason: EndReason, at: Date): CandidateCourse {
  let { pausedMs } = course;
  if (course.state === 'paused' && course.pausedAt) pausedMs += at.getTime() - course.pausedAt.getTime();
  return { ...course, state: 'ended', endReason: reason, endedAt: at, pausedAt: undefined, pausedMs, deadlineAt: undefined };
}

function timeLimitEnd(course: CandidateCourse, now: Date): Date {
  if (course.state === 'paused') return course.startedAt ? hardCapAt(course.startedAt) : now;
  const deadline = deadlineOf(course);
  return deadline && deadline < now ? deadline : now;
}

/** A new candidate entry, as enrolled by the centre or joining from a launch. */
export function newCandidateCourse(input: { id: string; sessionId: string; candidate: CandidateIdentity; extraTimePercentage?: number }): CandidateCourse {
  const extraTimePercentage = input.extraTimePercentage ?? 0;
  assertExtraTime(extraTimePercentage);
  return {
    id: input.id,
    sessionId: input.sessionId,
    candidate: input.candidate,
    state: 'registered',
    extraTimePercentage,
    pausedMs: 0,
    answerCount: 0,
    rejectedForFraud: false,
  };
}
