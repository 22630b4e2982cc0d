import { describe, expect, it } from 'vitest';
import { numbersMatch, parseLearnerNumber } from './answer-check-number.js';

describe('parseLearnerNumber', () => {
  it.each([
    ['3', 3],
    ['3,5', 3.5],
    ['3.5', 3.5],
    ['  3,50 ', 3.5],
    [',5', 0.5],
    ['3.', 3],
    ['-2,5', -2.5],
    ['\u22122,5', -2.5],
    ['+4', 4],
    ['1 000', 1000],
    ['1\u00A0000\u00A0000', 1_000_000],
    ['1\u202F000', 1000],
    ["1'000'000", 1_000_000],
    ['1 000,25', 1000.25],
    ['1,000,000', 1_000_000],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['1.000.000', 1_000_000],
    ['1,000', 1], // a single separator is decimal (French reading)
  ])('reads %j as %d', (input, expected) => {
    expect(parseLearnerNumber(input)).toBe(expected);
  });

  it.each(['', ' ', 'trois', '3 5', '1 00', '1,2,3', '12a', '1e5', '--3', '3,5,', '1.000,000.5'])('refuses %j', (input) => {
    expect(parseLearnerNumber(input)).toBeUndefined();
  });

  it('accepts the field’s unit or an alias after the number, in any case or spacing', () => {
    expect(parseLearnerNumber('250 Mo', ['Mo'])).toBe(250);
    expect(parseLearnerNumber('250mo', ['Mo'])).toBe(250);
    expect(parseLearnerNumber('2,5 mégaoctets', ['Mo', 'mégaoctets'])).toBe(2.5);
    expect(parseLearnerNumber('12 %', ['%'])).toBe(12);
  });

  it('refuses a unit that is not the field’s', () => {
    expect(parseLearnerNumber('250 Go', ['Mo'])).toBeUndefined();
    expect(parseLearnerNumber('250 Mo')).toBeUndefined();
  });
});

describe('numbersMatch', () => {
  it('ignores floating-point noise', () => {
    expect(numbersMatch(0.1 + 0.2, 0.3)).toBe(true);
  });
  it('honours the author’s margin', () => {
    expect(numbersMatch(3.14, 3.1416, 0.01)).toBe(true);
    expect(numbersMatch(3.1, 3.1416, 0.01)).toBe(false);
  });
  it('is otherwise exact', () => {
    expect(numbersMatch(1000, 1001)).toBe(false);
  });
});
