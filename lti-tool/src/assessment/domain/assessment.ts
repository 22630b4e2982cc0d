import type { KnowledgeElement } from '../../adaptive/domain/model.js';
import type { AnswerResult, AnswerValue } from './answer-check.js';

/**
 * What is stored about one run of a test. The facts that decide where the learner is are
 * the answers (each inserted once under a unique (assessment, number)): the assessment
 * document keeps what happens between answers (challenge starts, focus loss, checkpoint
 * acknowledgements) and a projection (answers counted, ended) for listings.
 */
export interface AssessmentRecord {
  /** Derived from the participation and the run: concurrent starts meet on it. */
  id: string;
  tenantId: string;
  learnerId: string;
  participationId: string;
  activityKey: string;
  activity: { type: 'campaign' | 'competence-evaluation'; id: string };
  method: 'SMART_RANDOM' | 'FLASH' | 'NONE';
  checkpoints: boolean;
  flashLength?: number;
  /** The content language chosen at start (the launch's, when the bank has it). */
  locale: string;
  /** Improving or retrying: failures older than the improvement delay may be asked again. */
  isImproving: boolean;
  /** 1 for the first test of a participation, then one more per improvement. */
  run: number;
  /** The first step, chosen when the assessment was created. */
  first: NextAfter;
  /**
   * The answers, copied here after each is committed in the answers collection, so that one
   * read by `_id` gives the whole assessment (FerretDB reads anything else by scanning). A
   * read checks it against the answers collection (see `answersOf`) and repairs it.
   */
  log: AnswerRecord[];
  answered: number;
  ended: boolean;
  /** Highest checkpoint acknowledged. */
  acknowledged: number;
  /** "Start" pressed on a challenge (timed or focused), by question number: the first one counts. */
  challengeStarts: Array<{ number: number; challengeId: string; startedAt: Date }>;
  /** Question numbers during which the page lost focus. */
  focusLost: number[];
  state: 'started' | 'completed';
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
  /** FLASH: the final ability estimate and the skills it credits. */
  flashResult?: FlashResultRecord;
  /** The participation was told the test is over. */
  finalizedAt?: Date;
}

export interface FlashResultRecord {
  theta: number;
  se: number;
  skills: Array<{ skillId: string; source: 'direct' | 'inferred' }>;
}

/** What the engine chose after an answer (or at start). */
export interface NextAfter {
  challengeId?: string;
  ended: boolean;
  /** Smart random's level estimate, or flash's ability, for the record. */
  estimate?: number;
}

export interface AnswerRecord {
  /** `${assessmentId}:${number}` (see `answerIdOf`): an answer's place in its test is its id. */
  id: string;
  tenantId: string;
  learnerId: string;
  assessmentId: string;
  /** 1-based; unique per assessment: the atomic step of the test. */
  number: number;
  idempotencyKey: string;
  challengeId: string;
  skillId: string;
  /** Null when the time ran out with nothing entered. */
  value: AnswerValue | null;
  result: AnswerResult;
  timedOut: boolean;
  focusedOut: boolean;
  timeSpentSeconds: number;
  /** The client's clock (informative). */
  answeredAt: Date;
  createdAt: Date;
  /** Smart random: the knowledge elements this answer produced, kept here so a crash before they are written loses none. */
  knowledgeElements: KnowledgeElement[];
  next: NextAfter;
}

/** A knowledge element as stored for a learner of a tenant. */
export interface StoredKnowledgeElement extends KnowledgeElement {
  /** `${answerId}:${skillId}`: writing it twice is harmless. */
  id: string;
  tenantId: string;
  learnerId: string;
  assessmentId: string;
}

export const knowledgeElementId = (ke: Pick<KnowledgeElement, 'answerId' | 'skillId'>): string => `${ke.answerId}:${ke.skillId}`;

/** The id of answer `number` of an assessment: inserting it twice fails, so a question is answered once. */
export const answerIdOf = (assessmentId: string, number: number): string => `${assessmentId}:${String(number).padStart(3, '0')}`;
