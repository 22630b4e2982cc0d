import type { Accepted, Challenge } from './challenge.js';
import type { Tutorial } from './framework.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';

/**
 * The correction of a challenge, shown after it was answered (checkpoints, results):
 * the right choices or the expected answers (the first accepted spelling of each), the
 * author's explanation and the skill's tutorials. Never send it before the answer is stored.
 */
export interface CorrectionView {
  challengeId: string;
  /** QCU/QCM: the right choices, by 1-based value as in `ChallengeView`. */
  correctChoices?: Array<{ value: number; html: string }>;
  /** QROC/QROCM: one expected answer per field (for QROCM-dep, one valid set). */
  expectedFields?: Array<{ key: string; label: string; expected: string }>;
  explanationHtml?: string;
  tutorials: Tutorial[];
}

export function toCorrectionView(challenge: Challenge, tutorials: readonly Tutorial[] = []): CorrectionView {
  const view: CorrectionView = { challengeId: challenge.id, tutorials: [...tutorials] };
  if (challenge.explanation) view.explanationHtml = renderMarkdown(challenge.explanation);
  switch (challenge.type) {
    case 'QCU':
    case 'QCM':
      view.correctChoices = challenge.solution.map((value) => ({ value, html: renderInlineMarkdown(challenge.choices[value - 1] ?? '') }));
      break;
    case 'QROC':
    case 'QROCM-ind':
      view.expectedFields = challenge.fields.map((f) => ({ key: f.key, label: f.label, expected: first(f.accepted, f.input === 'number' ? f.unit : undefined) }));
      break;
    case 'QROCM-dep': {
      const { solution } = challenge;
      view.expectedFields = challenge.fields.map((f, i) => {
        const accepted = solution.mode === 'anyOrder' ? (solution.groups[i]?.accepted ?? []) : (solution.combinations[0]?.values[f.key] ?? []);
        return { key: f.key, label: f.label, expected: first(accepted, f.input === 'number' ? f.unit : undefined) };
      });
      break;
    }
  }
  return view;
}

function first(accepted: Accepted, unit: string | undefined): string {
  const value = accepted[0];
  if (value === undefined) return '';
  const text = typeof value === 'number' ? value.toLocaleString('fr-FR') : value;
  return unit ? `${text} ${unit}` : text;
}
