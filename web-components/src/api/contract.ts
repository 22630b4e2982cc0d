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

/** One choice of a QCU/QCM. `html` is sanitised inline HTML (no script, no handler, no style). */
export interface Proposal {
  /** Stable id of the choice within the challenge; what the answer sends back. */
  id: string;
  html: string;
}

/**
 * How a free-text field is typed. `number` gives a numeric keypad; `paragraph` a
 * multi-line area; `sentence` a wide field; `words` a short one.
 */
export type FieldFormat = 'words' | 'sentence' | 'paragraph' | 'number';

/** One blank of a QROC/QROCM. Every field has a label: it is its accessible name. */
export interface AnswerField {
  /** Stable key within the challenge; the answer's `fields` are keyed by it. */
  key: string;
  /** Visible label, plain text (e.g. "Nom du fichier"). */
  label: string;
  kind: 'input' | 'select';
  /** For inputs. */
  format: FieldFormat;
  /** For selects: the options, in order. */
  options?: { value: string; label: string }[];
  placeholder?: string;
}

/**
 * Optional layout of a QROC/QROCM when blanks sit inside text ("Le fichier ${nom}
 * pèse ${taille} Mo"): text segments (sanitised inline HTML) and field references,
 * in reading order. Without it the fields are shown one under the other.
 */
export type ProposalSegment = { kind: 'text'; html: string } | { kind: 'field'; key: string };

export interface ChallengeView {
  id: string;
  type: ChallengeType;
  /** Language of the content (BCP 47), marked on the question when it differs from the interface's. */
  locale: string;
  /** Sanitised HTML (paragraphs, lists, emphasis, links, code, tables; no script, no style, no handler). */
  instructionHtml: string;
  /** QCU and QCM: the choices, already in the order to show (the server shuffles when the challenge asks). */
  proposals?: Proposal[];
  /** QROC (exactly one) and QROCM (one or more): the blanks. */
  fields?: AnswerField[];
  layout?: ProposalSegment[];
  illustration?: { url: string; alt: string };
  /** Files to download (the same document in several formats, e.g. .docx and .odt). */
  attachments?: { url: string; name: string; format: string }[];
  /**
   * A simulator shown in an iframe. With `autoReply`, the simulator posts the answer
   * (`window.parent.postMessage({ from: 'pix', type: 'answer', answer: '…' }, '*')`)
   * and the single field is filled from it.
   */
  embed?: { url: string; title: string; height: number; autoReply: boolean };
  /**
   * A timed challenge. `allowedSeconds` is what this learner gets: `baseSeconds` plus
   * their extra time (tiers-temps) if any. Pix time limits are essential to the
   * challenge, so the learner is warned before it starts and can see the time left.
   */
  timer?: { baseSeconds: number; allowedSeconds: number };
  /** Focus mode: leaving the page while answering marks the answer "focusedOut". */
  focused: boolean;
  competence: CompetenceRef;
}

/** Where the learner stands on the current challenge; lets a reload resume exactly. */
export interface ChallengeState {
  /** 1-based number of this question in the assessment. */
  number: number;
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

/** QCU (one id) and QCM (one or more ids), or QROC/QROCM fields keyed by `AnswerField.key`. */
export type AnswerValue = { proposalIds: string[] } | { fields: Record<string, string> };

/** `POST /api/assessments/:id/answers`. */
export interface SubmitAnswerRequest {
  /**
   * Generated by the client once per answer (a UUID) and kept with it until the server
   * has acknowledged it: resending the same key never records a second answer.
   */
  idempotencyKey: string;
  challengeId: string;
  /** Null when skipped; may be partial or null when timed out. */
  value: AnswerValue | null;
  /** "Je passe". */
  skipped: boolean;
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
}

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

/** lti-services: `GET /api/grades?resourceLinkId=…` → `{ grades: GradeStatus[] }`. */
export interface GradeStatus {
  id: string;
  learnerId: string;
  displayName?: string | null;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt?: string;
  deliveredAt?: string;
  /** Why the last attempt failed, for the teacher (no internals). */
  lastError?: string;
}
export interface GradeListResponse {
  grades: GradeStatus[];
}
/** lti-services: `POST /api/grades/:id/resend` → `{ grade }`. */
export interface GradeResendResponse {
  grade: GradeStatus;
}

/** lti-core: one activity a teacher can add through deep linking. */
export interface DeepLinkingItem {
  id: string;
  type: 'campaign' | 'adaptive-test';
  title: string;
  description?: string;
  competences: CompetenceRef[];
  /** Rough duration, for the teacher. */
  estimatedMinutes?: number;
  questionCount?: number;
  code?: string;
}
/** lti-core: `GET /api/lti/deep-linking/items`. */
export interface DeepLinkingItemsResponse {
  items: DeepLinkingItem[];
  acceptMultiple: boolean;
}
/** lti-core: `POST /api/lti/deep-linking/response`. */
export interface DeepLinkingResponseRequest {
  itemIds: string[];
}
export interface DeepLinkingResponseResponse {
  returnUrl: string;
  /** The signed LtiDeepLinkingResponse, posted as the form field `JWT` to `returnUrl`. */
  jwt: string;
}
