/**
 * The student and teacher API contract: what the web components send and expect.
 *
 * Consumer-driven: written by the components' side, implemented by the server
 * (the assessment/campaign module) and by the fake API used in component tests.
 * The prose, with status codes and errors, is docs/reference/student-api.md; the
 * executable form (zod schemas for requests and responses) is `contract.schemas.ts`.
 *
 * Rules that hold everywhere:
 * - every route is under `/api`, authenticated by `Authorization: Bearer <launch token>`
 *   (no cookie is ever used: the components run in cross-site iframes);
 * - dates are ISO 8601 strings in UTC; durations are whole seconds;
 * - a failed response is `ApiError` (`{ code, message, details?, requestId }`);
 * - nothing here carries a challenge's solution before the learner has answered it.
 *
 * This file has no runtime code and no DOM types, so the server may import it.
 */

// ---------------------------------------------------------------------------
// Shared

export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown> | unknown[];
  requestId: string;
}

/** A competence of the framework, e.g. `{ code: '1.1', name: 'Mener une recherche et une veille d’information' }`. */
export interface CompetenceRef {
  /** `'1.1'` … `'5.2'` for the Pix framework. */
  code: string;
  name: string;
  /** Area (domaine) code, `'1'` … `'5'`. */
  areaCode: string;
  areaName: string;
}

export type ActivityType = 'campaign' | 'competence-evaluation';

/** The Pix activity an assessment belongs to, as the learner sees it. */
export interface ActivityView {
  type: ActivityType;
  id: string;
  title: string;
  /** Plain text shown on the start screen. */
  description?: string;
  /** Campaign code (6 letters + 3 digits), shown so a learner can find it again. */
  code?: string;
}

// ---------------------------------------------------------------------------
// Challenges (what the player shows; never a solution)

export type ChallengeType = 'QCU' | 'QCM' | 'QROC' | 'QROCM-ind' | 'QROCM-dep';

/**
 * The response part of a QCU/QCM: choices in display order (shuffled by the server when
 * the challenge asks), each identified by `value`, its 1-based position in the author's
 * order, which is what the answer sends back. `html` is sanitised inline HTML.
 */
export interface ChoicesResponse {
  kind: 'choices';
  /** QCM (checkboxes) or QCU (radio buttons). */
  multiple: boolean;
  choices: { value: number; html: string }[];
}

/**
 * The response part of a QROC/QROCM: the form as text segments, line breaks and
 * labelled fields in reading order ("Le fichier pèse {{taille}} Mo" → text, field,
 * text). Every field has a `label`: its accessible name, even when text surrounds it.
 */
export type FormViewPart =
  | { type: 'text'; html: string }
  | { type: 'break' }
  | {
      type: 'field';
      /** The answer's `fields` are keyed by it. */
      key: string;
      label: string;
      /** `number` gives a numeric keypad and is compared numerically by the server. */
      input: 'text' | 'number' | 'select';
      /** For `select`: the options, shown and sent as they are. */
      options?: string[];
      /** For `number`: shown after the input (e.g. "Mo"). */
      unit?: string;
      /** Expected length in characters, a hint for the input's width. */
      size?: number;
      placeholder?: string;
    };

export interface FieldsResponse {
  kind: 'fields';
  parts: FormViewPart[];
}

/**
 * A challenge as the learner's browser receives it: the content module's
 * `toChallengeView` (lti-tool/src/content/domain/challenge-view.ts) plus what the
 * assessment adds (`competence`). Never a solution.
 */
export interface ChallengeView {
  id: string;
  type: ChallengeType;
  /** Language of the content (BCP 47), marked on the question when it differs from the interface's. */
  locale: string;
  /** Sanitised HTML (paragraphs, lists, emphasis, links, code, tables; no script, no style, no handler). */
  instructionHtml: string;
  illustration?: { url: string; alt: string };
  /** Files to download (the same document in several formats, e.g. .docx and .odt). */
  attachments: { name: string; url: string }[];
  /**
   * A simulator shown in an iframe, named by `title`. With `autoReply` (not yet produced
   * by the content module), the simulator posts the answer
   * (`parent.postMessage({ from: 'pix', type: 'answer', answer: '…' }, '*')`) into the
   * challenge's single field.
   */
  embed?: { url: string; title: string; height: number; autoReply?: boolean };
  /**
   * Seconds the challenge allows (its own limit, essential to it). What this learner
   * gets, extra time included, is `ChallengeState.allowedSeconds`.
   */
  timer?: number;
  /** Focus mode: leaving the page while answering marks the answer "focusedOut". */
  focused: boolean;
  response: ChoicesResponse | FieldsResponse;
  /** Added by the assessment: the competence this challenge assesses. */
  competence: CompetenceRef;
}

/** Where the learner stands on the current challenge; lets a reload resume exactly. */
export interface ChallengeState {
  /** 1-based number of this question in the assessment. */
  number: number;
  /**
   * Timed challenges: the seconds this learner is allowed, i.e. `challenge.timer` plus
   * their extra time (tiers-temps) if a teacher or an admin granted one.
   */
  allowedSeconds?: number;
  /** Set once the learner pressed "start" on a timed or focused challenge (server clock). */
  startedAt?: string;
  /** For a started timed challenge: seconds left by the server's clock (0 when over). */
  remainingSeconds?: number;
  /** The learner left the page during this focused challenge (recorded by the server). */
  focusedOut: boolean;
}

// ---------------------------------------------------------------------------
// Assessment flow

export interface AssessmentProgress {
  /** Answers recorded so far (skipped ones included). */
  answered: number;
  /** Number of questions when the test has a fixed length (flash); absent for smart-random. */
  total?: number;
}

/** Sharing with the teacher: off until the learner finishes, then an explicit action. */
export interface SharingState {
  status: 'NOT_SHAREABLE' | 'TO_SHARE' | 'SHARED';
  sharedAt?: string;
}

export interface AssessmentSummary {
  id: string;
  status: 'started' | 'completed';
  activity: ActivityView;
  /** True for smart-random campaigns and competence evaluations: a checkpoint every 5 answers. */
  checkpoints: boolean;
  progress: AssessmentProgress;
  startedAt: string;
  completedAt?: string;
  sharing: SharingState;
}

export type AnswerStatus = 'ok' | 'ko' | 'aband' | 'timedout' | 'focusedOut' | 'unimplemented';

export interface Tutorial {
  title: string;
  url: string;
  format: 'video' | 'page' | 'pdf' | 'audio' | 'other';
  durationMinutes?: number;
  source?: string;
}

export interface CheckpointAnswer {
  answerId: string;
  challengeId: string;
  /** Question number in the assessment. */
  number: number;
  instructionHtml: string;
  status: AnswerStatus;
  /** The learner's answer as text ("B et D", "photo.png", or "" when skipped). */
  givenAnswer: string;
  /** Shown only now that the learner has answered. Sanitised HTML. */
  correction?: { solutionHtml?: string; explanationHtml?: string };
  tutorials: Tutorial[];
}

/** Every 5 answers (when `checkpoints`), and once at the end: what went right, with corrections. */
export interface Checkpoint {
  /** Opaque id to acknowledge. */
  id: string;
  /** 1-based. */
  number: number;
  /** The last checkpoint, after the last answer: acknowledging it completes the assessment. */
  final: boolean;
  answers: CheckpointAnswer[];
}

/** What comes after starting, answering or acknowledging a checkpoint. */
export type NextStep =
  | { kind: 'challenge'; challenge: ChallengeView; state: ChallengeState; progress: AssessmentProgress }
  | { kind: 'checkpoint'; checkpoint: Checkpoint; progress: AssessmentProgress }
  | { kind: 'completed'; progress: AssessmentProgress };

/** `POST /api/assessments`: start, or resume the learner's open assessment for the activity. */
export interface StartAssessmentRequest {
  /** On ENT pages: the campaign to join. In an LTI launch the activity comes from the launch and this is omitted. */
  campaignCode?: string;
}
export interface StartAssessmentResponse {
  assessment: AssessmentSummary;
  /** True when an open or completed assessment already existed for this learner and activity. */
  resumed: boolean;
  next: NextStep;
}

/** `GET /api/assessments/:id`. */
export interface GetAssessmentResponse {
  assessment: AssessmentSummary;
}

/** `GET /api/assessments/:id/next`: the current step again (after a reload or a network loss). */
export interface GetNextStepResponse {
  next: NextStep;
}

/** `POST /api/assessments/:id/challenges/:challengeId/start`: the learner pressed "start" on a timed or focused challenge. */
export interface StartChallengeResponse {
  state: ChallengeState;
}

/** `POST /api/assessments/:id/challenges/:challengeId/focus-lost`: the page lost focus during a focused challenge. */
export interface FocusLostResponse {
  state: ChallengeState;
}

/**
 * What the learner answered, in the assessment module's shape
 * (lti-tool/src/assessment/domain/answer-check.ts): choices by `value` (QCU exactly one,
 * QCM one or more), fields by key, or "Je passe".
 */
export type AnswerValue = { kind: 'choices'; choices: number[] } | { kind: 'fields'; fields: Record<string, string> } | { kind: 'skip' };

/** `POST /api/assessments/:id/answers`. */
export interface SubmitAnswerRequest {
  /**
   * Generated by the client once per answer (a UUID) and kept with it until the server
   * has acknowledged it: resending the same key never records a second answer.
   */
  idempotencyKey: string;
  challengeId: string;
  /** `{ kind: 'skip' }` for "Je passe"; null only when the time ran out with nothing entered. */
  value: AnswerValue | null;
  /** The timer ran out before the learner validated. The server also checks it against `startedAt`. */
  timedOut: boolean;
  /** The learner left the page during a focused challenge. The server ORs it with what it recorded. */
  focusedOut: boolean;
  /** Time on the question as the client measured it (informative). */
  timeSpentSeconds: number;
  /** When the learner validated, by the client's clock (informative: an answer kept offline is sent later). */
  answeredAt: string;
}
export interface SubmitAnswerResponse {
  answer: {
    id: string;
    challengeId: string;
    /** True when this key had already been recorded: nothing new was written. */
    replayed: boolean;
  };
  next: NextStep;
}

/** `POST /api/assessments/:id/checkpoints/:checkpointId/acknowledge`. */
export interface AcknowledgeCheckpointResponse {
  next: NextStep;
}

export interface CompetenceResult extends CompetenceRef {
  /** 0 … `maxLevel`. */
  level: number;
  maxLevel: number;
  pixScore: number;
  /** Share of this competence's target skills mastered, 0 … 1 (campaigns). */
  masteryRate?: number;
}

/** `GET /api/assessments/:id/results` (only once completed). */
export interface AssessmentResults {
  assessmentId: string;
  activity: ActivityView;
  completedAt: string;
  pixScore: number;
  /** The most pix this activity can give (e.g. 8 × open levels × competences covered). */
  maxPixScore: number;
  /** Share of the target skills mastered, 0 … 1. */
  masteryRate: number;
  /** At least 5 competences at level 1 or more (the Pix rule). */
  certifiable: boolean;
  competences: CompetenceResult[];
  sharing: SharingState;
  /**
   * Whether the learner may take the activity again (`POST …/retry`), and from when:
   * `improve` a finished test before sharing it (not for exams), `retry` after sharing
   * (campaigns with multiple sendings, below 100 % mastery). Absent when not allowed.
   */
  nextAttempt?: NextAttempt;
}

export interface NextAttempt {
  kind: 'improve' | 'retry';
  /** Before this instant `…/retry` answers 409 RETRY_TOO_EARLY. */
  availableAt: string;
}

/** `POST /api/assessments/:id/retry` (body `{}`): a new assessment for the activity; answers 201 with `StartAssessmentResponse` (`resumed: false`). */
export type RetryAssessmentResponse = StartAssessmentResponse;

/** `POST /api/assessments/:id/share`: the learner sends their results to the teacher. */
export interface ShareResultsRequest {
  /** The explicit action: the learner read what the teacher will see and agreed. */
  consent: true;
}
export interface ShareResultsResponse {
  sharing: SharingState;
}

// ---------------------------------------------------------------------------
// Teacher (instructor role of the launch's course)

export type LearnerStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'TO_SHARE' | 'SHARED';

export interface LearnerProgress {
  /** Pseudonymous learner id (the launch session's `user.id`). */
  learnerId: string;
  /** From the course roster (NRPS) when the platform sends names; null otherwise. */
  displayName: string | null;
  status: LearnerStatus;
  answered: number;
  /** 0 … 1 when the test has a fixed length. */
  progress?: number;
  startedAt?: string;
  completedAt?: string;
  sharedAt?: string;
  /** Only once the learner has shared. */
  results?: {
    pixScore: number;
    masteryRate: number;
    certifiable: boolean;
    competences: { code: string; level: number; pixScore: number }[];
  };
}

/** `GET /api/teacher/progress`: the class of the launch's course on the launch's activity. */
export interface ClassProgress {
  activity: ActivityView;
  context: { id: string; title?: string };
  /** The competences the activity covers: the columns of the results. */
  competences: CompetenceRef[];
  /** `roster`: every member of the course (NRPS); `participants`: only learners who launched (no NRPS). */
  rosterSource: 'roster' | 'participants';
  generatedAt: string;
  learners: LearnerProgress[];
}

// ---------------------------------------------------------------------------
// Consumed from other modules (owned there; copied here as the components read them)

/** An LMS error as lti-services reports it. */
export interface GradeErrorView {
  code: string;
  /** The LMS's words when it gave some, or ours. */
  reason: string;
  httpStatus?: number;
  at: string;
}

/** lti-services (`grading/application/grade-view.ts`): one grade and its delivery to the gradebook. */
export interface GradeStatus {
  id: string;
  learnerId: string;
  resourceLinkId: string;
  source: { type: string; id: string };
  status: 'pending' | 'delivering' | 'delivered' | 'failed' | 'superseded';
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
  attempts: number;
  /** For a failed (or superseded) grade: why. */
  failure?: GradeErrorView;
  /** The last transient error while it is retried. */
  lastError?: GradeErrorView;
  nextAttemptAt?: string;
  deliveredAt?: string;
  enqueuedAt: string;
  updatedAt: string;
}
/** lti-services: `GET /api/grades?resourceLinkId=…`. */
export interface GradeListResponse {
  resourceLinkId: string;
  counts: Record<GradeStatus['status'], number>;
  grades: GradeStatus[];
  truncated: boolean;
}
/* lti-services: `POST /api/grades/:id/resend` → 202 with the `GradeStatus`. */

/** lti-core (`lti/session/launch-session.ts`): the Pix activity a resource link points to. */
export interface ActivityRef {
  type: 'campaign' | 'competence-evaluation' | 'certification';
  id: string;
}

/** lti-core (`lti/deep-linking/activity-catalog.ts`): one activity a teacher can add. */
export interface DeepLinkingItem {
  ref: ActivityRef;
  title: string;
  text?: string;
  /** The gradebook column's maximum. */
  scoreMaximum: number;
  /** "1.1 Mener une recherche et une veille d'information": code, a space, the name. */
  competences?: string[];
}
/** lti-core: `GET /api/lti/deep-linking/items`. */
export interface DeepLinkingItemsResponse {
  items: DeepLinkingItem[];
  acceptMultiple: boolean;
  acceptTypes?: string[];
  catalogAvailable?: boolean;
}
/** lti-core: `POST /api/lti/deep-linking/response`. */
export interface DeepLinkingResponseRequest {
  items: ActivityRef[];
}
export interface DeepLinkingResponseResponse {
  returnUrl: string;
  /** The signed LtiDeepLinkingResponse, posted as the form field `JWT` to `returnUrl`. */
  jwt: string;
}
export * from './certification-contract.js';
