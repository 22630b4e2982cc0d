import sanitizeHtml from 'sanitize-html';
import { isChoiceChallenge, type Challenge } from '../../content/domain/challenge.js';
import { renderInlineMarkdown } from '../../content/domain/markdown.js';
import type { AnswerValue } from './answer-check.js';

/**
 * The learner's answer as plain text, for checkpoints and exports: the texts of the
 * chosen proposals (the displayed order differs per learner, so letters would mislead),
 * or the fields' values; "" for a skip.
 */
export function describeAnswer(challenge: Challenge, value: AnswerValue): string {
  if (value.kind === 'skip') return '';
  if (value.kind === 'choices') {
    if (!isChoiceChallenge(challenge)) return '';
    return [...new Set(value.choices)]
      .sort((a, b) => a - b)
      .map((p) => challenge.choices[p - 1])
      .filter((c): c is string => c !== undefined)
      .map((c) => plainText(c))
      .join(' ; ');
  }
  if (isChoiceChallenge(challenge)) return '';
  const values = challenge.fields.map((f) => ({ label: f.label, value: (value.fields[f.key] ?? '').trim() }));
  return values.length === 1 ? values[0]!.value : values.map((v) => `${v.label} : ${v.value}`).join(' ; ');
}

function plainText(inlineMarkdown: string): string {
  return sanitizeHtml(renderInlineMarkdown(inlineMarkdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}
