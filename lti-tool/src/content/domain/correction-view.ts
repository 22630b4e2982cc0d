import { isChoiceChallenge, type Accepted, type Challenge } from './challenge.js';
import type { Tutorial } from './framework.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';

/**
 * The correction of a challenge, shown once it was answered (checkpoints, results):
 * `solutionHtml` and `explanationHtml` are the student API's `correction`, with the
 * skill's tutorials. The structured parts (`correctProposalIds`, `expectedFields`) serve
 * screens that mark the learner's own answer. Never send it before the answer is stored.
 */
export interface CorrectionView {
  challengeId: string;
  /** The right choices, or one expected answer per field (the first accepted spelling). */
  solutionHtml: string;
  explanationHtml?: string;
  tutorials: Tutorial[];
  /** QCU/QCM: the right choices' values, as in `ChallengeView.response.choices`. */
  correctValues?: number[];
  /** QROC/QROCM: one expected answer per field (for QROCM-dep, one valid set). */
  expectedFields?: Array<{ key: string; label: string; expected: string }>;
}

export function toCorrectionView(challenge: Challenge, tutorials: readonly Tutorial[] = []): CorrectionView {
  const view: CorrectionView = { challengeId: challenge.id, solutionHtml: '', tutorials: [...tutorials] };
  if (challenge.explanation) view.explanationHtml = renderMarkdown(challenge.explanation);
  if (isChoiceChallenge(challenge)) {
    view.correctValues = [...challenge.solution];
    const items = challenge.solution.map((p) => renderInlineMarkdown(challenge.choices[p - 1] ?? ''));
    view.solutionHtml = items.length === 1 ? `<p>${items[0]}</p>` : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
    return view;
  }
  const solution = challenge.type === 'QROCM-dep' ? challenge.solution : undefined;
  const expectedFields = challenge.fields.map((f, i) => {
    const accepted =
      'accepted' in f ? f.accepted : solution?.mode === 'anyOrder' ? (solution.groups[i]?.accepted ?? []) : (solution?.combinations[0]?.values[f.key] ?? []);
    return { key: f.key, label: f.label, expected: firstAccepted(accepted, f.input === 'number' ? f.unit : undefined) };
  });
  view.expectedFields = expectedFields;
  view.solutionHtml =
    expectedFields.length === 1
      ? `<p>${escapeHtml(expectedFields[0]!.expected)}</p>`
      : `<ul>${expectedFields.map((f) => `<li>${escapeHtml(f.label)} : ${escapeHtml(f.expected)}</li>`).join('')}</ul>`;
  return view;
}

function firstAccepted(accepted: Accepted, unit: string | undefined): string {
  const value = accepted[0];
  if (value === undefined) return '';
  const text = typeof value === 'number' ? value.toLocaleString('fr-FR') : value;
  return unit ? `${text} ${unit}` : text;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
