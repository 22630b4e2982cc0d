import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('admin password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('cheval agrafe batterie correcte')).toEqual([]);
    expect(passwordProblems('Tr0ub4dor&3-brise-marine')).toEqual([]);
  });

  it.each([
    ['court-1A!', 'too-short'],
    ['x'.repeat(129) + 'abcdefg', 'too-long'],
    ['motdepasse123456', 'common'],
    ['MotDePassé2024!', 'common'],
    ['azertyuiop123', 'common'],
    ['123456789012', 'common'],
    ['aaaaaaaaaaaaaaaa', 'repetitive'],
    ['abababababab1', 'repetitive'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblems(password)).toContain(problem);
  });

  it('refuses a password built on the account’s e-mail or name', () => {
    expect(passwordProblems('dupont-marie-2026', { email: 'marie.dupont@ac-versailles.fr', displayName: 'Marie Dupont' })).toContain('contains-identity');
    expect(passwordProblems('zèbre-lampe-orage-9', { email: 'marie.dupont@ac-versailles.fr', displayName: 'Marie Dupont' })).toEqual([]);
  });
});
