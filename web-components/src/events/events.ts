import type { ActivityRef, AnswerValue } from '../api/contract.js';

/**
 * The events the elements fire, all bubbling and composed (they cross shadow roots),
 * typed for `addEventListener` through `HTMLElementEventMap`.
 */
export interface AnswerDetail {
  challengeId: string;
  /** `{ kind: 'skip' }` for "Je passe"; null when the time ran out with nothing entered. */
  value: AnswerValue | null;
  timedOut: boolean;
  focusedOut: boolean;
  timeSpentSeconds: number;
}
export interface ChallengeRefDetail {
  challengeId: string;
}
export interface CheckpointContinueDetail {
  checkpointId: string;
}
export interface AssessmentCompletedDetail {
  assessmentId: string;
}
export interface ItemsChosenDetail {
  items: ActivityRef[];
}

declare global {
  interface HTMLElementEventMap {
    /** `<pix-challenge>`: the learner validated, skipped, or went on after the time ran out. */
    'pix-answer': CustomEvent<AnswerDetail>;
    /** `<pix-challenge>`: the learner pressed "start" on a timed or focused challenge. */
    'pix-challenge-start': CustomEvent<ChallengeRefDetail>;
    /** `<pix-challenge>`: the page lost focus during a focused challenge. */
    'pix-focus-lost': CustomEvent<ChallengeRefDetail>;
    /** `<pix-timer>`: the time is over. */
    'pix-timer-expired': CustomEvent<void>;
    /** `<pix-checkpoint>`: the learner read the checkpoint and goes on. */
    'pix-checkpoint-continue': CustomEvent<CheckpointContinueDetail>;
    /** `<pix-results>`: the learner agreed to send their results to the teacher. */
    'pix-share': CustomEvent<void>;
    /** `<pix-player>`: the assessment is complete and the results are shown. */
    'pix-assessment-completed': CustomEvent<AssessmentCompletedDetail>;
    /** `<pix-content-picker>`: the teacher confirmed a choice; the return to the LMS follows. */
    'pix-items-chosen': CustomEvent<ItemsChosenDetail>;
  }
}
