import { describe, expect, it } from 'vitest';
import { aQcm, aQroc, aQrocmInd, textField } from '../../content/testing/challenge-builders.js';
import { checkAnswer, toAnswerValue } from './answer-check.js';
import { describeAnswer } from './describe-answer.js';

describe('toAnswerValue (student API → domain)', () => {
  it('maps proposal ids to positions, fields as they are, null and skips to a skip', () => {
    expect(toAnswerValue({ proposalIds: ['3', '1'] }, false)).toEqual({ kind: 'choices', choices: [3, 1] });
    expect(toAnswerValue({ fields: { a: 'x' } }, false)).toEqual({ kind: 'fields', fields: { a: 'x' } });
    expect(toAnswerValue(null, false)).toEqual({ kind: 'skip' });
    expect(toAnswerValue({ proposalIds: ['1'] }, true)).toEqual({ kind: 'skip' });
  });
  it('turns a foreign proposal id into a wrong answer rather than a crash', () => {
    expect(checkAnswer(aQcm(), toAnswerValue({ proposalIds: ['x'] }, false)).details.mismatch).toBe('CHOICE_OUT_OF_RANGE');
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
