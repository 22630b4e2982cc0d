import { applyTreatments, baseNormalise } from './answer-check-text.js';

/**
 * Numeric answers (`format: nombre`). French and English writing both work:
 * "3,5" = "3.5"; spaces (also non-breaking), apostrophes and underscores group thousands
 * ("1 000 000"); "1,234.5" and "1.234,5" are read with the last separator as the
 * decimal one. A single "," or "." is always a decimal separator, so "1,000" is 1 — the
 * French reading. A unit may follow the number when it is the field's unit or one of
 * its aliases ("250 Mo", "250mo").
 */

const NUMBER_FORMS: Array<{ pattern: RegExp; decimal: ',' | '.' | null }> = [
  // 3 | 3,5 | 3.5 | ,5 | 3. — a single separator is decimal
  { pattern: /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/, decimal: null },
  // 1 000 000 | 1 000,5 | 1'000.5 — space-like groups, either decimal separator
  { pattern: /^[+-]?\d{1,3}(?:[ '_]\d{3})+(?:[.,]\d*)?$/, decimal: null },
  // 1,000,000 | 1,234.5
  { pattern: /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/, decimal: '.' },
  // 1.000.000 | 1.234,5
  { pattern: /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/, decimal: ',' },
];

/** Reads a number written by a learner; undefined when it is not a number (or has an unknown unit). */
export function parseLearnerNumber(value: string, units: readonly string[] = []): number | undefined {
  let s = baseNormalise(value);
  const unitMatch = /^(.*?[\d.,])\s*([^\d\s.,+-][^\d]*)$/u.exec(s);
  if (unitMatch) {
    const given = comparableUnit(unitMatch[2]!);
    if (!units.some((u) => comparableUnit(u) === given)) return undefined;
    s = unitMatch[1]!.trim();
  }
  s = s.replace(/^\+/, '');
  for (const form of NUMBER_FORMS) {
    if (!form.pattern.test(s)) continue;
    const decimal = form.decimal ?? (s.includes(',') && !s.includes('.') ? ',' : '.');
    const thousands = new RegExp(`[ '_${decimal === ',' ? '.' : ','}]`, 'g');
    const plain = s.replace(thousands, '').replace(decimal, '.');
    const n = Number(plain.endsWith('.') ? plain.slice(0, -1) : plain);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const comparableUnit = (unit: string) => applyTreatments(unit, { t1: true, t2: true });

/** Equality up to the author's margin and floating-point noise. */
export function numbersMatch(answer: number, accepted: number, margin = 0): boolean {
  return Math.abs(answer - accepted) <= margin + 1e-9 * Math.max(1, Math.abs(accepted));
}
