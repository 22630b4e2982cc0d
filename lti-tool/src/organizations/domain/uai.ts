/**
 * UAI (Unité Administrative Immatriculée, formerly RNE): the national id of a French
 * school, 7 digits and a check letter. The letter is the 7-digit number modulo 23, read
 * in the alphabet without I, O and Q (e.g. 0750654D: 750654 mod 23 = 3 → D).
 * Department prefixes are not checked: the check letter catches typos, and the list of
 * prefixes (including 620/720 for Corsica, 97x/98x overseas) is the registry's to keep.
 */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type UaiProblem = 'format' | 'check-letter';

/** Upper-cases and trims what a person typed; validity is `uaiProblem`'s job. */
export function normaliseUai(input: string): string {
  return input.trim().toUpperCase();
}

export function uaiCheckLetter(digits: string): string {
  if (!/^\d{7}$/.test(digits)) throw new Error('a UAI check letter is computed from exactly 7 digits');
  return CHECK_LETTERS[Number(digits) % 23]!;
}

/** Why `uai` (already normalised) is not a UAI, or undefined when it is one. */
export function uaiProblem(uai: string): UaiProblem | undefined {
  if (!/^\d{7}[A-Z]$/.test(uai)) return 'format';
  return uaiCheckLetter(uai.slice(0, 7)) === uai[7] ? undefined : 'check-letter';
}

export function isUai(uai: string): boolean {
  return uaiProblem(uai) === undefined;
}
