import type { Accepted, FieldSpec, Tolerance } from '../../content/domain/challenge.js';
import { numbersMatch, parseLearnerNumber } from './answer-check-number.js';
import { baseNormalise, matchText, type TextMatch } from './answer-check-text.js';

/** How one field was judged: `match` says which rule accepted it. */
export interface FieldCheck {
  correct: boolean;
  match?: TextMatch | 'numeric' | 'option';
}

/** Judges one input against its accepted values, by the input's kind. */
export function matchField(field: FieldSpec, value: string, accepted: Accepted, tolerance: Tolerance): FieldCheck {
  switch (field.input) {
    case 'number': {
      const n = parseLearnerNumber(value, field.unit ? [field.unit, ...field.unitAliases] : field.unitAliases);
      if (n === undefined) return { correct: false };
      return accepted.some((a) => typeof a === 'number' && numbersMatch(n, a, field.margin)) ? { correct: true, match: 'numeric' } : { correct: false };
    }
    case 'select': {
      // A closed list: the value is one of the options, compared as given.
      const chosen = baseNormalise(value);
      return chosen !== '' && accepted.some((a) => baseNormalise(String(a)) === chosen) ? { correct: true, match: 'option' } : { correct: false };
    }
    case 'text': {
      const match = matchText(value, accepted.map(String), tolerance);
      return match ? { correct: true, match } : { correct: false };
    }
  }
}
