import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * What a new admin password must be (NIST SP 800-63B style: length over composition
 * rules): at least 12 characters, at most 128, not a known common password, not mostly
 * one repeated character, not the account's own e-mail or name.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'repetitive' | 'contains-identity';

export function passwordProblems(password: string, identity: { email?: string; displayName?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('too-short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too-long');
  const folded = fold(password);
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/[\d!?.*_-]+$/, ''))) problems.push('common');
  if (new Set(folded).size < 5) problems.push('repetitive');
  const names = [identity.email?.split('@')[0], ...(identity.displayName?.split(/\s+/) ?? [])].map((n) => fold(n ?? '')).filter((n) => n.length >= 4);
  if (names.some((n) => folded.includes(n))) problems.push('contains-identity');
  return problems;
}

/** Case- and accent-insensitive, so `MotDePasse` and `motdepassé` count as the same word. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
