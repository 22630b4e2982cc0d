/**
 * Campaign codes: 6 letters then 3 digits (e.g. `BCTRDM253`), what a learner types on an
 * ENT page or reads out to a classmate. As Pix does, codes avoid characters that are
 * easily confused when read or copied by hand: no I or O among the letters, no 0 or 1
 * among the digits. Uniqueness is the repository's job (a unique index, and a new code
 * on collision).
 */
export const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_DIGITS = '23456789';
export const CAMPAIGN_CODE_PATTERN = /^[A-Z]{6}\d{3}$/;

/** A uniform integer in [0, max): `crypto.randomInt` in production, a seeded draw in tests. */
export type RandomInt = (max: number) => number;

export function generateCampaignCode(randomInt: RandomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_LETTERS[randomInt(CODE_LETTERS.length)];
  for (let i = 0; i < 3; i++) code += CODE_DIGITS[randomInt(CODE_DIGITS.length)];
  return code;
}

/** A code as typed by someone ("  bctrdm253 ") in the stored form, or undefined if it cannot be one. */
export function normalizeCampaignCode(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  return CAMPAIGN_CODE_PATTERN.test(code) ? code : undefined;
}
