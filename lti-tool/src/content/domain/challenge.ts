/**
 * A challenge (épreuve) as stored in the item bank and read by the answer checker.
 * Exactly one skill per challenge; a skill may have several challenges (variants,
 * locales). The solution lives here: only `toChallengeView` may leave the server.
 */

export const CHALLENGE_TYPES = ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'] as const;
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];

/**
 * `validated`: served to learners. `archived`: no longer picked, but answers already
 * given to it still resolve and a learner who has it on screen may finish it.
 * `obsolete`: withdrawn (an error was found): never served. `draft`: preview only.
 */
export const CHALLENGE_STATUSES = ['validated', 'draft', 'archived', 'obsolete'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** Pix's normalisation treatments for free answers; each can be switched off per challenge. */
export interface Tolerance {
  /** Case, accents, ligatures and every space are ignored. */
  t1: boolean;
  /** Punctuation is ignored. */
  t2: boolean;
  /** A typo is forgiven: Levenshtein distance ≤ 25 % of the accepted answer's length. */
  t3: boolean;
}

export const FULL_TOLERANCE: Tolerance = { t1: true, t2: true, t3: true };

export interface FieldBase {
  /** Matches `{{key}}` in the form; letters, digits, `_` and `-`. */
  key: string;
  /** Accessible name of the input (read by screen readers even when the form shows text around it). */
  label: string;
  placeholder?: string;
  /** Expected length in characters, a hint for the input's width. */
  size?: number;
}

export interface TextField extends FieldBase {
  input: 'text';
}

/** A number, compared numerically: "3,5", "3.5" and "3 500" are understood (`format: nombre` in Pix). */
export interface NumberField extends FieldBase {
  input: 'number';
  /** Shown after the input and accepted (or not) after the number, e.g. "Mo". */
  unit?: string;
  /** Other spellings of the unit that are accepted after the number. */
  unitAliases: string[];
  /** Absolute tolerance: |answer − accepted| ≤ margin. */
  margin: number;
}

export interface SelectField extends FieldBase {
  input: 'select';
  options: string[];
}

export type FieldSpec = TextField | NumberField | SelectField;

/** Accepted values of one field: strings for text and select inputs, numbers for number inputs. */
export type Accepted = string[] | number[];

export type FieldWithSolution = FieldSpec & { accepted: Accepted };

export type FormPart = { type: 'text'; text: string } | { type: 'field'; key: string };

export interface Illustration {
  /** An absolute https URL or an asset path served by the tool (`/api/content/assets/…`). */
  url: string;
  alt: string;
}

export interface Attachment {
  name: string;
  url: string;
}

export interface Embed {
  url: string;
  title: string;
  height: number;
  /** The embedded simulator posts the answer itself (`postMessage`), filling the single field. */
  autoReply?: boolean;
}

export interface IrtParameters {
  /** Discrimination `a` of the 2PL model. */
  discrimination: number;
  /** Difficulty `b` of the 2PL model, on the ability (θ) scale. */
  difficulty: number;
}

interface ChallengeBase {
  id: string;
  skillId: string;
  tubeId: string;
  competenceId: string;
  status: ChallengeStatus;
  /** e.g. ["fr-fr"]. */
  locales: string[];
  /** Markdown. */
  instruction: string;
  /** Markdown shown with the correction (checkpoints, results). */
  explanation?: string;
  illustration?: Illustration;
  attachments: Attachment[];
  embed?: Embed;
  /** Seconds allowed, when the challenge is timed. */
  timer?: number;
  /** Focus mode: leaving the page gives `focusedOut`. */
  focused: boolean;
  irt?: IrtParameters;
}

interface ChoiceChallengeBase extends ChallengeBase {
  /** Inline Markdown, in the author's order; answers refer to them by 1-based position. */
  choices: string[];
  /** 1-based positions of the right choices (exactly one for a QCU). */
  solution: number[];
  /** Shown in an order drawn per learner. */
  shuffled: boolean;
}

export interface QcuChallenge extends ChoiceChallengeBase {
  type: 'QCU';
}

export interface QcmChallenge extends ChoiceChallengeBase {
  type: 'QCM';
}

/** One type each so that `challenge.type` narrows the union. */
export type ChoiceChallenge = QcuChallenge | QcmChallenge;

interface FieldChallengeBase extends ChallengeBase {
  /** Text (inline Markdown) and inputs in reading order. */
  form: FormPart[];
  tolerance: Tolerance;
}

export interface QrocChallenge extends FieldChallengeBase {
  type: 'QROC';
  fields: [FieldWithSolution];
}

/** Several fields, each checked on its own. */
export interface QrocmIndChallenge extends FieldChallengeBase {
  type: 'QROCM-ind';
  fields: FieldWithSolution[];
}

/**
 * Several fields that depend on each other:
 * - `anyOrder` (Pix's QROCM-dep): each field must match a different group of accepted
 *   alternatives, in any order ("name three browsers");
 * - `combinations`: the fields together must match one accepted combination
 *   ("a file extension and the kind of file it holds").
 */
export type DependentSolution =
  | { mode: 'anyOrder'; groups: Array<{ accepted: Accepted }> }
  | { mode: 'combinations'; combinations: Array<{ values: Record<string, Accepted> }> };

export interface QrocmDepChallenge extends FieldChallengeBase {
  type: 'QROCM-dep';
  fields: FieldSpec[];
  solution: DependentSolution;
}

export type FieldChallenge = QrocChallenge | QrocmIndChallenge | QrocmDepChallenge;
export type Challenge = ChoiceChallenge | FieldChallenge;

export const isChoiceChallenge = (c: Challenge): c is ChoiceChallenge => c.type === 'QCU' || c.type === 'QCM';

/** Splits a form template ("Capitale : {{capitale}}") into text and field parts. */
export function parseFormTemplate(template: string): FormPart[] {
  const parts: FormPart[] = [];
  const pattern = /\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    if (match.index > last) parts.push({ type: 'text', text: template.slice(last, match.index) });
    parts.push({ type: 'field', key: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ type: 'text', text: template.slice(last) });
  return parts;
}

/** The form when the author gave none: each field after its label, one per line. */
export function defaultForm(fields: ReadonlyArray<FieldSpec>): FormPart[] {
  const parts: FormPart[] = [];
  fields.forEach((field, i) => {
    if (i > 0) parts.push({ type: 'text', text: '\n' });
    parts.push({ type: 'field', key: field.key });
  });
  return parts;
}
