import { describe, expect, it } from 'vitest';
import { isUai, normaliseUai, uaiCheckLetter, uaiProblem } from './uai.js';

describe('UAI', () => {
  it.each(['0750654D', '0750699C', '0780001C', '0690001B'])('accepts %s', (uai) => {
    expect(isUai(uai)).toBe(true);
  });

  it('computes the check letter over an alphabet without I, O and Q', () => {
    expect(uaiCheckLetter('0750654')).toBe('D');
    const letters = Array.from({ length: 23 }, (_, i) => uaiCheckLetter(String(i).padStart(7, '0')));
    expect(letters.join('')).toBe('ABCDEFGHJKLMNPRSTUVWXYZ');
  });

  it.each([
    ['0750654E', 'check-letter'],
    ['075065D', 'format'],
    ['A750654D', 'format'],
    ['0750654', 'format'],
    ['0750654d', 'format'],
  ])('refuses %s (%s)', (uai, problem) => {
    expect(uaiProblem(uai)).toBe(problem);
  });

  it('normalises what a person typed', () => {
    expect(normaliseUai(' 0750654d ')).toBe('0750654D');
  });
});
