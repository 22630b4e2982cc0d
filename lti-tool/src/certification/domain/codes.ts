/**
 * The readable codes of a certification: the session access code, the invigilator
 * password and the verification code printed on attestations. Alphabets are Pix's
 * (no 0/O, 1/I/L, no vowels, so no word can be spelt and nothing is misread).
 */

/** Consonants of an access code (`config.availableCharacterForCode` in Pix). */
export const CODE_LETTERS = 'BCDFGHJKMPQRTVWXY';
export const CODE_DIGITS = '2346789';
/** Characters of a verification code (`P-` + 8 of these, all different). */
export const VERIFICATION_ALPHABET = '2346789BCDFGHJKMPQRTVWXY';

export const ACCESS_CODE_PATTERN = /^[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}$/;
export const INVIGILATOR_PASSWORD_PATTERN = /^[2346789BCDFGHJKMPQRTVWXY]{5}$/;
export const VERIFICATION_CODE_PATTERN = /^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/;

/** A source of uniform integers in [0, max): `crypto.randomInt` in production, a seeded one in tests. */
export type RandomInt = (max: number) => number;

function pick(alphabet: string, random: RandomInt): string {
  return alphabet[random(alphabet.length)]!;
}

/** 4 letters then 2 digits, e.g. `KBCD47`. Uniqueness is the repository's job (unique index + retry). */
export function generateAccessCode(random: RandomInt): string {
  let code = '';
  for (let i = 0; i < 4; i++) code += pick(CODE_LETTERS, random);
  for (let i = 0; i < 2; i++) code += pick(CODE_DIGITS, random);
  return code;
}

/** 5 readable characters the centre gives the invigilator to open the invigilator space. */
export function generateInvigilatorPassword(random: RandomInt): string {
  let password = '';
  for (let i = 0; i < 5; i++) password += pick(VERIFICATION_ALPHABET, random);
  return password;
}

/**
 * `P-` followed by 8 distinct characters of the verification alphabet (a partial
 * Fisher–Yates shuffle), e.g. `P-7KD3XBQ9`. Uniqueness is enforced by the results'
 * unique index, with a new draw on collision.
 */
export function generateVerificationCode(random: RandomInt): string {
  const chars = VERIFICATION_ALPHABET.split('');
  for (let i = 0; i < 8; i++) {
    const j = i + random(chars.length - i);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return `P-${chars.slice(0, 8).join('')}`;
}

/** Accepts what a person types (lower case, spaces, a missing dash) and returns the canonical form, or undefined. */
export function normaliseVerificationCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const candidate = compact.startsWith('P') && compact.length === 9 ? `P-${compact.slice(1)}` : compact;
  return VERIFICATION_CODE_PATTERN.test(candidate) ? candidate : undefined;
}

export function normaliseAccessCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s/g, '');
  return ACCESS_CODE_PATTERN.test(compact) ? compact : undefined;
}
