import type { AnswerValue, ChallengeView, FormViewPart } from '../../api/contract.js';
import type { Messages } from '../../i18n/locale.js';

export type FieldPart = Extract<FormViewPart, { type: 'field' }>;

/** What the learner has entered so far on one challenge. */
export interface Draft {
  choices: number[];
  fields: Record<string, string>;
}

export const emptyDraft = (): Draft => ({ choices: [], fields: {} });

export function fieldsOf(challenge: ChallengeView): FieldPart[] {
  return challenge.response.kind === 'fields' ? challenge.response.parts.filter((p): p is FieldPart => p.type === 'field') : [];
}

export interface DraftProblem {
  message: string;
  /** Keys of the fields to mark invalid (none for a choice question). */
  invalidKeys: string[];
}

/** Why a draft cannot be sent as an answer, or undefined when it can. */
export function checkDraft(challenge: ChallengeView, draft: Draft, m: Messages): DraftProblem | undefined {
  if (challenge.response.kind === 'choices') {
    return draft.choices.length === 0 ? { message: m.challenge.emptyAnswer, invalidKeys: [] } : undefined;
  }
  const fields = fieldsOf(challenge);
  const empty = fields.filter((f) => !(draft.fields[f.key] ?? '').trim());
  if (empty.length === fields.length) return { message: m.challenge.emptyAnswer, invalidKeys: empty.map((f) => f.key) };
  if (empty.length > 0) return { message: m.challenge.emptyFields(empty.length), invalidKeys: empty.map((f) => f.key) };
  // A number may carry its unit ("3,5 Mo"): the server reads it; only a missing number is refused here.
  const notNumber = fields.find((f) => f.input === 'number' && !/\d/.test(draft.fields[f.key] ?? ''));
  if (notNumber) return { message: m.challenge.invalidNumber(notNumber.label), invalidKeys: [notNumber.key] };
  return undefined;
}

/** The answer value to send, or null when nothing was entered. */
export function valueOf(challenge: ChallengeView, draft: Draft): AnswerValue | null {
  if (challenge.response.kind === 'choices') {
    return draft.choices.length ? { kind: 'choices', choices: [...draft.choices].sort((a, b) => a - b) } : null;
  }
  const fields: Record<string, string> = {};
  for (const field of fieldsOf(challenge)) fields[field.key] = (draft.fields[field.key] ?? '').trim();
  return Object.values(fields).some(Boolean) ? { kind: 'fields', fields } : null;
}
