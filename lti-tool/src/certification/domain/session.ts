import { AppError } from '../../platform/errors.js';

/**
 * A certification session in a centre. Its life cycle:
 * `created` (the centre prepares it) → `started` (the invigilator opened it; candidates
 * join and take the test) → `finalised` (the centre closed it: every course ended,
 * incidents and neutralisations recorded, results computed) → `published` (results
 * visible: attestations, verification, pull API, registry push). Nothing goes back.
 */
export type SessionStatus = 'created' | 'started' | 'finalised' | 'published';

export type SessionAction =
  | 'edit' // date, time, room, invigilator
  | 'enrol' // add a candidate
  | 'unenrol'
  | 'setExtraTime'
  | 'delete'
  | 'start' // the invigilator opens the session
  | 'join' // a candidate enters session number + access code
  | 'invigilate' // presence, admit, pause, resume, end a course, record incidents
  | 'answer' // a candidate answers a question
  | 'report' // "signaler un problème"
  | 'finalise'
  | 'publish';

const ALLOWED: Record<SessionStatus, readonly SessionAction[]> = {
  created: ['edit', 'enrol', 'unenrol', 'setExtraTime', 'delete', 'start', 'invigilate'],
  // Late enrolment and extra time stay possible on the day; the session's details do not change once open.
  started: ['enrol', 'setExtraTime', 'join', 'invigilate', 'answer', 'report', 'finalise'],
  finalised: ['publish'],
  published: [],
};

const NEXT: Partial<Record<SessionAction, { from: SessionStatus; to: SessionStatus }>> = {
  start: { from: 'created', to: 'started' },
  finalise: { from: 'started', to: 'finalised' },
  publish: { from: 'finalised', to: 'published' },
};

export interface CertificationSession {
  id: string;
  /** Public number candidates type with the access code. */
  number: number;
  centreUai: string;
  academyId: string;
  /** Local date `YYYY-MM-DD` and time `HH:MM` of the session (Europe/Paris). */
  date: string;
  time: string;
  room: string;
  /** The invigilator's name as printed on the minutes. */
  invigilator: string;
  accessCode: string;
  status: SessionStatus;
  examinerComment?: string;
  createdAt: Date;
  startedAt?: Date;
  finalisedAt?: Date;
  publishedAt?: Date;
}

export function sessionAllows(status: SessionStatus, action: SessionAction): boolean {
  return ALLOWED[status].includes(action);
}

export function allowedActions(status: SessionStatus): readonly SessionAction[] {
  return ALLOWED[status];
}

/** Guard used by every use case on a session: a clear 409 naming the state and what it allows. */
export function assertSessionAllows(session: Pick<CertificationSession, 'status' | 'number'>, action: SessionAction): void {
  if (sessionAllows(session.status, action)) return;
  throw new AppError('SESSION_STATE_FORBIDS', `Session ${session.number} is ${session.status}: "${action}" is not possible now.`, {
    status: 409,
    details: { status: session.status, action, allowed: ALLOWED[session.status] },
  });
}

/** The status a life-cycle action leads to (start, finalise, publish); the guard runs first. */
export function nextStatus(session: Pick<CertificationSession, 'status' | 'number'>, action: 'start' | 'finalise' | 'publish'): SessionStatus {
  assertSessionAllows(session, action);
  return NEXT[action]!.to;
}
