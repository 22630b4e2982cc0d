import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_PATTERN,
  INVIGILATOR_PASSWORD_PATTERN,
  VERIFICATION_ALPHABET,
  VERIFICATION_CODE_PATTERN,
  generateAccessCode,
  generateInvigilatorPassword,
  generateVerificationCode,
  normaliseAccessCode,
  normaliseVerificationCode,
  type RandomInt,
} from './codes.js';

/** Always the same index: the extremes of the alphabets are reachable. */
const constant = (pickLast: boolean): RandomInt => (max) => (pickLast ? max - 1 : 0);

describe('access codes', () => {
  it('are 4 consonants from Pix’s alphabet then 2 digits', () => {
    for (let i = 0; i < 2000; i++) expect(generateAccessCode(randomInt)).toMatch(ACCESS_CODE_PATTERN);
    expect(generateAccessCode(constant(false))).toBe('BBBB22');
    expect(generateAccessCode(constant(true))).toBe('YYYY99');
  });

  it('never contain a vowel, 0, 1 or 5', () => {
    const all = Array.from({ length: 2000 }, () => generateAccessCode(randomInt)).join('');
    expect(all).not.toMatch(/[AEIOUL0150]/);
  });

  it('are normalised from what a person types', () => {
    expect(normaliseAccessCode(' kbcd 47 ')).toBe('KBCD47');
    expect(normaliseAccessCode('ABCD47')).toBeUndefined(); // A is not in the alphabet
    expect(normaliseAccessCode('KBCD4')).toBeUndefined();
    expect(normaliseAccessCode('KBCD45')).toBeUndefined(); // 5 is not in the digits
  });
});

describe('invigilator passwords', () => {
  it('are 5 readable characters', () => {
    for (let i = 0; i < 1000; i++) expect(generateInvigilatorPassword(randomInt)).toMatch(INVIGILATOR_PASSWORD_PATTERN);
  });
});

describe('verification codes', () => {
  it('are P- then 8 characters of the alphabet, all different', () => {
    for (let i = 0; i < 5000; i++) {
      const code = generateVerificationCode(randomInt);
      expect(code).toMatch(VERIFICATION_CODE_PATTERN);
      expect(new Set(code.slice(2)).size).toBe(8);
    }
  });

  it('stay distinct even when the random source keeps returning the same index', () => {
    expect(generateVerificationCode(constant(false))).toBe(`P-${VERIFICATION_ALPHABET.slice(0, 8)}`);
    const last = generateVerificationCode(constant(true));
    expect(new Set(last.slice(2)).size).toBe(8);
  });

  it('use every character of the alphabet over many draws, and nothing else', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateVerificationCode(randomInt).slice(2)).join(''));
    expect([...seen].sort().join('')).toBe([...VERIFICATION_ALPHABET].sort().join(''));
  });

  it('are normalised from what a person types and refused otherwise', () => {
    expect(normaliseVerificationCode('p-7kd3xbq9')).toBe('P-7KD3XBQ9');
    expect(normaliseVerificationCode('P7KD3XBQ9')).toBe('P-7KD3XBQ9');
    expect(normaliseVerificationCode('P-7KD3XBQ')).toBeUndefined();
    expect(normaliseVerificationCode('P-7KD3XBQ0')).toBeUndefined();
    expect(normaliseVerificationCode('P-AKD3XBQ9')).toBeUndefined();
  });
});
