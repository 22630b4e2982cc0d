import type { AnswerValue, ChallengeView } from '../../api/contract.js';
import type { Messages } from '../../i18n/locale.js';

/** What the learner has entered so far on one challenge. */
export interface Draft {
  proposalIds: string[];
  fields: Record<string, string>;
}

export const emptyDraft = (): Draft => ({ proposalIds: [], fields: {} });

export interface DraftProblem {
  message: string;
  /** Keys of the fields to mark invalid (none for a choice question). */
  invalidKeys: string[];
}

/** Why a draft cannot be sent as an answer, or undefined when it can. */
export function checkDraft(challenge: ChallengeView, draft: Draft, m: Messages): DraftProblem | undefined {
  if (challenge.type === 'QCU' || challenge.type === 'QCM') {
    return draft.proposalIds.length === 0 ? { message: m.challenge.emptyAnswer, invalidKeys: [] } : undefined;
  }
  const fields = challenge.fields ?? [];
  const empty = fields.filter((f) => !(draft.fields[f.key] ?? '').trim());
  if (empty.length === fields.length) return { message: m.challenge.emptyAnswer, invalidKeys: empty.map((f) => f.key) };
  if (empty.length > 0) return { message: m.challenge.emptyFields(empty.length), invalidKeys: empty.map((f) => f.key) };
  const notNumber = fields.find((f) => f.kind === 'input' && f.format === 'number' && !/^[-+]?\d+([.,]\d+)?$/.test((draft.fields[f.key] ?? '').trim().replace(/\s/g, '')));
  if (notNumber) return { message: m.challenge.invalidNumber(notNumber.label), invalidKeys: [notNumber.key] };
  return undefined;
}

/** The answer value to send, or null when nothing was entered. */
export function valueOf(challenge: ChallengeView, draft: Draft): AnswerValue | null {
  if (challenge.type === 'QCU' || challenge.type === 'QCM') {
    return draft.proposalIds.length ? { proposalIds: [...draft.proposalIds] } : null;
  }
  const fields: Record<string, string> = {};
  for (const field of challenge.fields ?? []) fields[field.key] = (draft.fields[field.key] ?? '').trim();
  return Object.values(fields).some(Boolean) ? { fields } : null;
}
