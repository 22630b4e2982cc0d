import { describe, expect, it } from 'vitest';
import { aQcm, aQroc, aQrocmInd, textField } from '../../content/testing/challenge-builders.js';
import { checkAnswer, toAnswerValue } from './answer-check.js';
import { describeAnswer } from './describe-answer.js';

describe('toAnswerValue (student API → domain)', () => {
  it('keeps a value and turns null (time ran out, nothing entered) into a skip', () => {
    expect(toAnswerValue({ kind: 'choices', choices: [3, 1] })).toEqual({ kind: 'choices', choices: [3, 1] });
    expect(toAnswerValue(null)).toEqual({ kind: 'skip' });
    expect(checkAnswer(aQcm(), toAnswerValue(null), { timedOut: true }).result).toBe('timedout');
  });
});

describe('describeAnswer', () => {
  it('gives the texts of the chosen proposals in the author’s order', () => {
    expect(describeAnswer(aQcm({ choices: ['**Un**', 'Deux', 'Trois & quatre'] }), { kind: 'choices', choices: [3, 1] })).toBe('Un ; Trois & quatre');
  });
  it('gives the value of a QROC and the labelled values of a QROCM', () => {
    expect(describeAnswer(aQroc({ ...textField('r'), accepted: ['x'] }), { kind: 'fields', fields: { r: ' Paris ' } })).toBe('Paris');
    const qrocm = aQrocmInd([
      { ...textField('p', { label: 'Pays' }), accepted: ['x'] },
      { ...textField('c', { label: 'Capitale' }), accepted: ['y'] },
    ]);
    expect(describeAnswer(qrocm, { kind: 'fields', fields: { p: 'France', c: 'Paris' } })).toBe('Pays : France ; Capitale : Paris');
  });
  it('is empty for a skip', () => {
    expect(describeAnswer(aQcm(), { kind: 'skip' })).toBe('');
  });
});
