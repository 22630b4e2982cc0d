import { distance } from 'fastest-levenshtein';
import type { Tolerance } from '../../content/domain/challenge.js';

/**
 * Free-answer matching with Pix's treatments:
 * - always: Unicode NFKC, one kind of apostrophe, quote and dash, runs of spaces
 *   collapsed and trimmed — keyboard differences, not learner errors;
 * - t1: case, accents, ligatures (œ, æ, ß) and every space ignored;
 * - t2: punctuation ignored;
 * - t3: a typo forgiven when the Levenshtein distance is at most 25 % of the accepted
 *   answer's length (both after the other treatments).
 */

/** Pix's `LEVENSHTEIN_DISTANCE_MAX_RATE`. */
export const MAX_TYPO_RATIO = 0.25;

export type TextMatch = 'exact' | 'normalised' | 'typo';

const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u0060\u00B4\u2032]/g;
const QUOTES = /[\u00AB\u00BB\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const PUNCTUATION = /\p{P}/gu;
const COMBINING_MARKS = /\p{M}/gu;
const SPACES = /\s+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };

/** The treatment that always applies. */
export function baseNormalise(value: string): string {
  return value
    .normalize('NFKC')
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}

export function applyTreatments(value: string, tolerance: Pick<Tolerance, 't1' | 't2'>): string {
  let s = baseNormalise(value);
  if (tolerance.t2) s = s.replace(PUNCTUATION, '').replace(SPACES, ' ').trim();
  if (tolerance.t1) {
    s = s
      .toLocaleLowerCase('fr')
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      .replace(/[œæßøđł]/g, (c) => LIGATURES[c]!)
      .replace(SPACES, '')
      .normalize('NFC');
  }
  return s;
}

/** Levenshtein distance divided by the accepted answer's length (0 = identical). */
export function typoRatio(answer: string, accepted: string): number {
  if (accepted.length === 0) return answer.length === 0 ? 0 : Infinity;
  return distance(answer, accepted) / accepted.length;
}

/**
 * How `answer` matches the best of `accepted`, or undefined when it matches none.
 * An answer that is empty after the treatments never matches.
 */
export function matchText(answer: string, accepted: readonly string[], tolerance: Tolerance): TextMatch | undefined {
  const raw = baseNormalise(answer);
  if (raw === '') return undefined;
  if (accepted.some((a) => baseNormalise(a) === raw)) return 'exact';
  const treated = applyTreatments(answer, tolerance);
  if (treated === '') return undefined;
  const treatedAccepted = accepted.map((a) => applyTreatments(a, tolerance)).filter((a) => a !== '');
  if (treatedAccepted.includes(treated)) return 'normalised';
  if (tolerance.t3 && treatedAccepted.some((a) => typoRatio(treated, a) <= MAX_TYPO_RATIO)) return 'typo';
  return undefined;
}
