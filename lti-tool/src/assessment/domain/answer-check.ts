import { isChoiceChallenge, type Challenge, type ChoiceChallenge, type FieldChallenge, type FieldSpec } from '../../content/domain/challenge.js';
import { checkDependentFields } from './answer-check-dependent.js';
import { matchField, type FieldCheck } from './answer-check-field.js';

export type { FieldCheck } from './answer-check-field.js';

/**
 * What a learner sent for a challenge:
 * - `choices`: 1-based positions in the author's order (QCU: exactly one; QCM: any);
 * - `fields`: the text typed or chosen in each field, by key (QROC, QROCM);
 * - `skip`: "Je passe".
 */
export type AnswerValue =
  | { kind: 'choices'; choices: number[] }
  | { kind: 'fields'; fields: Record<string, string> }
  | { kind: 'skip' };

/** Facts the assessment established about how the answer was given. */
export interface AnswerCircumstances {
  /** The timer of a timed challenge ran out before the answer arrived. */
  timedOut?: boolean;
  /** The learner left the page during a focus-mode challenge. */
  focusedOut?: boolean;
}

/** Pix's answer statuses: only `ok` is a correct answer. */
export const ANSWER_RESULTS = ['ok', 'ko', 'aband', 'timedout', 'focusedOut'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];

export interface AnswerCheck {
  result: AnswerResult;
  /** Whether the content of the answer was right, whatever the time and focus rules say. */
  contentCorrect: boolean;
  details: {
    /** Per field key, for QROC/QROCM. */
    fields?: Record<string, FieldCheck>;
    /** For QCU/QCM: what was selected and whether the selection is right. */
    choices?: { selected: number[]; correct: boolean };
    /** Set when the value does not fit the challenge (e.g. fields sent for a QCU): judged wrong. */
    mismatch?: AnswerShapeProblem;
  };
}

export type AnswerShapeProblem = 'WRONG_KIND' | 'CHOICE_COUNT' | 'CHOICE_OUT_OF_RANGE' | 'FIELDS_MISMATCH' | 'VALUE_TOO_LONG';

/** Longest value accepted in one field; longer input is a client bug or abuse. */
export const MAX_FIELD_LENGTH = 500;

/**
 * Judges an answer. Order of the rules (as in Pix): a skip is `aband`; an answer that
 * arrived after the timer is `timedout`; a right answer given after leaving a
 * focus-mode challenge is `focusedOut` (a wrong one stays `ko`, which says more);
 * otherwise `ok` or `ko`. Pure: no I/O, deterministic.
 */
export function checkAnswer(challenge: Challenge, value: AnswerValue, circumstances: AnswerCircumstances = {}): AnswerCheck {
  if (value.kind === 'skip') {
    return { result: circumstances.timedOut ? 'timedout' : 'aband', contentCorrect: false, details: {} };
  }
  const mismatch = answerShapeProblem(challenge, value);
  let contentCorrect = false;
  const details: AnswerCheck['details'] = {};
  if (mismatch) {
    details.mismatch = mismatch;
  } else if (value.kind === 'choices') {
    contentCorrect = choicesCorrect(challenge as ChoiceChallenge, value.choices);
    details.choices = { selected: [...new Set(value.choices)].sort((a, b) => a - b), correct: contentCorrect };
  } else {
    details.fields = checkFields(challenge as FieldChallenge, value.fields);
    contentCorrect = Object.values(details.fields).every((f) => f.correct);
  }
  let result: AnswerResult = contentCorrect ? 'ok' : 'ko';
  if (circumstances.timedOut) result = 'timedout';
  else if (circumstances.focusedOut && challenge.focused && contentCorrect) result = 'focusedOut';
  return { result, contentCorrect, details };
}

/**
 * Why a value cannot be an answer to this challenge, or undefined when it fits. The
 * HTTP layer uses it to refuse malformed submissions (400) before anything is stored.
 */
export function answerShapeProblem(challenge: Challenge, value: AnswerValue): AnswerShapeProblem | undefined {
  if (value.kind === 'skip') return undefined;
  if (isChoiceChallenge(challenge)) {
    if (value.kind !== 'choices') return 'WRONG_KIND';
    const distinct = new Set(value.choices);
    if (distinct.size !== value.choices.length || distinct.size === 0 || (challenge.type === 'QCU' && distinct.size !== 1)) return 'CHOICE_COUNT';
    if (value.choices.some((c) => !Number.isInteger(c) || c < 1 || c > challenge.choices.length)) return 'CHOICE_OUT_OF_RANGE';
    return undefined;
  }
  if (value.kind !== 'fields') return 'WRONG_KIND';
  const expected = fieldKeys(challenge.fields);
  const given = Object.keys(value.fields);
  if (given.length !== expected.length || !given.every((k) => expected.includes(k))) return 'FIELDS_MISMATCH';
  if (Object.values(value.fields).some((v) => typeof v !== 'string')) return 'FIELDS_MISMATCH';
  if (Object.values(value.fields).some((v) => v.length > MAX_FIELD_LENGTH)) return 'VALUE_TOO_LONG';
  return undefined;
}

const fieldKeys = (fields: readonly FieldSpec[]) => fields.map((f) => f.key);

function choicesCorrect(challenge: ChoiceChallenge, choices: readonly number[]): boolean {
  const selected = new Set(choices);
  return selected.size === challenge.solution.length && challenge.solution.every((s) => selected.has(s));
}

function checkFields(challenge: FieldChallenge, values: Readonly<Record<string, string>>): Record<string, FieldCheck> {
  if (challenge.type === 'QROCM-dep') return checkDependentFields(challenge.fields, values, challenge.solution, challenge.tolerance);
  const checks: Record<string, FieldCheck> = {};
  for (const field of challenge.fields) {
    checks[field.key] = matchField(field, values[field.key] ?? '', field.accepted, challenge.tolerance);
  }
  return checks;
}

/**
 * The student API sends an `AnswerValue` (web-components/src/api/contract.ts has the same
 * shape), or null when the timer ran out with nothing entered: that is a skip, judged
 * `timedout` when `checkAnswer` is told the time ran out.
 */
export function toAnswerValue(value: AnswerValue | null): AnswerValue {
  return value ?? { kind: 'skip' };
}
