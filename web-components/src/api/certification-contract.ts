/**
 * Certification (docs/reference/student-api.md §Certification): the candidate's API under
 * `/api/certification/candidate/…` (an LTI launch or ENT session, bearer token) and the
 * invigilator's under `/api/certification/invigilation/…` (their own short-lived token from
 * session number + invigilator password). Never a solution, never another candidate's data
 * on the candidate's side.
 */
import type { AnswerValue, ChallengeView } from './contract.js';

export type CertificationCourseState = 'registered' | 'present' | 'admitted' | 'in_progress' | 'paused' | 'resumed' | 'ended';
export type CertificationEndReason = 'completed' | 'candidate' | 'invigilator' | 'time_limit' | 'finalisation';

/** `POST /api/certification/candidate/join`. */
export interface JoinCertificationRequest {
  sessionNumber: number;
  accessCode: string;
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD`, when the convocation asks for it. */
  birthdate?: string;
}

/** The candidate's own course, as they see it (also `GET /api/certification/candidate/courses/:id`). */
export interface CandidateCourseView {
  id: string;
  session: { number: number; date: string; time: string; room: string };
  candidate: { firstName?: string; lastName?: string };
  state: CertificationCourseState;
  endReason?: CertificationEndReason;
  /** Questions answered so far, of `total`. */
  answered: number;
  total: number;
  /** Answering time left by the server's clock (frozen during a pause); absent before the start and after the end. */
  remainingSeconds?: number;
  /** The whole time allowed, extra time included. */
  allowedSeconds: number;
  extraTimePercentage: number;
}

export interface JoinCertificationResponse {
  course: CandidateCourseView;
  /** True when this learner had already joined (a reload, another tab, a closed browser). */
  resumed: boolean;
}

/** `GET …/courses/:id/question`: the current question, or why there is none. */
export type CandidateQuestionResponse =
  | { kind: 'question'; index: number; challenge: ChallengeView; course: CandidateCourseView }
  | { kind: 'waiting'; course: CandidateCourseView }
  | { kind: 'ended'; course: CandidateCourseView };

/** `POST …/courses/:id/answers`: idempotent on `questionIndex`. */
export interface CandidateAnswerRequest {
  questionIndex: number;
  challengeId: string;
  /** As in the student API: choices, fields, a skip ("Je passe"; null too). */
  value: AnswerValue | null;
  focusedOut?: boolean;
}
export interface CandidateAnswerResponse {
  /** False when this question had already been answered: nothing was written. */
  recorded: boolean;
  course: CandidateCourseView;
}

export const CANDIDATE_PROBLEM_KINDS = [
  'image_not_displaying',
  'embed_not_working',
  'file_not_opening',
  'website_unavailable',
  'link_not_working',
  'software_not_working',
  'accessibility_issue',
  'other',
] as const;
export type CandidateProblemKind = (typeof CANDIDATE_PROBLEM_KINDS)[number];

/** `POST …/courses/:id/problems`: "Signaler un problème" on the current question. */
export interface ReportProblemRequest {
  questionIndex: number;
  kind: CandidateProblemKind;
  description?: string;
}

/** `POST /api/certification/invigilation/sign-in`. */
export interface InvigilatorSignInRequest {
  sessionNumber: number;
  password: string;
}
export interface InvigilatorSignInResponse {
  token: string;
  expiresAt: string;
  session: InvigilatedSessionView['session'];
}

export interface InvigilatedCandidateView {
  id: string;
  firstName?: string;
  lastName?: string;
  state: CertificationCourseState;
  endReason?: CertificationEndReason;
  /** The candidate typed the session number and access code. */
  joined: boolean;
  answered: number;
  remainingSeconds?: number;
  extraTimePercentage: number;
  /** Problems the candidate reported. */
  reportedProblems: number;
}

/** `GET /api/certification/invigilation/session`. */
export interface InvigilatedSessionView {
  session: { id: string; number: number; centreUai: string; date: string; time: string; room: string; invigilator: string; accessCode: string; status: 'created' | 'started' | 'finalised' | 'published' };
  candidates: InvigilatedCandidateView[];
  total: number;
}

export type InvigilatorAction = 'confirm-presence' | 'cancel-presence' | 'admit' | 'pause' | 'resume' | 'end';
