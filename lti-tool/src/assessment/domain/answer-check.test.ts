import { describe, expect, it } from 'vitest';
import type { NumberField, SelectField } from '../../content/domain/challenge.js';
import { aQcm, aQcu, aQroc, aQrocmDep, aQrocmInd, textField } from '../../content/testing/challenge-builders.js';
import { answerShapeProblem, checkAnswer } from './answer-check.js';

const choices = (...c: number[]) => ({ kind: 'choices' as const, choices: c });
const fields = (f: Record<string, string>) => ({ kind: 'fields' as const, fields: f });
const numberField = (key: string, overrides: Partial<NumberField> = {}): NumberField => ({
  key,
  label: key,
  input: 'number',
  unitAliases: [],
  margin: 0,
  ...overrides,
});

describe('checkAnswer — QCU', () => {
  const qcu = aQcu({ choices: ['A', 'B', 'C'], solution: [2] });
  it('ok for the right choice, ko for another', () => {
    expect(checkAnswer(qcu, choices(2))).toMatchObject({ result: 'ok', contentCorrect: true, details: { choices: { selected: [2], correct: true } } });
    expect(checkAnswer(qcu, choices(1)).result).toBe('ko');
  });
  it('ko with a mismatch for two choices, an out-of-range choice or fields', () => {
    expect(checkAnswer(qcu, choices(1, 2)).details.mismatch).toBe('CHOICE_COUNT');
    expect(checkAnswer(qcu, choices(4))).toMatchObject({ result: 'ko', details: { mismatch: 'CHOICE_OUT_OF_RANGE' } });
    expect(checkAnswer(qcu, choices(0)).details.mismatch).toBe('CHOICE_OUT_OF_RANGE');
    expect(checkAnswer(qcu, choices(1.5)).details.mismatch).toBe('CHOICE_OUT_OF_RANGE');
    expect(checkAnswer(qcu, fields({ x: '2' })).details.mismatch).toBe('WRONG_KIND');
    expect(checkAnswer(qcu, choices()).details.mismatch).toBe('CHOICE_COUNT');
  });
});

describe('checkAnswer — QCM', () => {
  const qcm = aQcm({ choices: ['A', 'B', 'C', 'D'], solution: [1, 3] });
  it('ok only for exactly the right set, in any order', () => {
    expect(checkAnswer(qcm, choices(3, 1)).result).toBe('ok');
    expect(checkAnswer(qcm, choices(1)).result).toBe('ko');
    expect(checkAnswer(qcm, choices(1, 3, 4)).result).toBe('ko');
    expect(checkAnswer(qcm, choices(2, 4)).result).toBe('ko');
  });
  it('refuses duplicated choices as a malformed answer', () => {
    expect(checkAnswer(qcm, choices(1, 1, 3)).details.mismatch).toBe('CHOICE_COUNT');
  });
});

describe('checkAnswer — QROC', () => {
  const qroc = aQroc({ ...textField('reponse'), accepted: ['moteur de recherche', 'moteur'] });
  it('accepts an alternative with the tolerances and tells how', () => {
    expect(checkAnswer(qroc, fields({ reponse: 'Moteur' }))).toMatchObject({ result: 'ok', details: { fields: { reponse: { correct: true, match: 'normalised' } } } });
    expect(checkAnswer(qroc, fields({ reponse: 'moteur de recherce' })).details.fields!.reponse).toEqual({ correct: true, match: 'typo' });
  });
  it('empty or blank answers are ko (not skipped)', () => {
    expect(checkAnswer(qroc, fields({ reponse: '' })).result).toBe('ko');
    expect(checkAnswer(qroc, fields({ reponse: '   ' })).result).toBe('ko');
  });
  it('requires exactly the challenge’s field keys', () => {
    expect(checkAnswer(qroc, fields({})).details.mismatch).toBe('FIELDS_MISMATCH');
    expect(checkAnswer(qroc, fields({ reponse: 'moteur', autre: 'x' })).details.mismatch).toBe('FIELDS_MISMATCH');
    expect(checkAnswer(qroc, choices(1)).details.mismatch).toBe('WRONG_KIND');
  });
  it('refuses absurdly long values', () => {
    expect(checkAnswer(qroc, fields({ reponse: 'x'.repeat(501) })).details.mismatch).toBe('VALUE_TOO_LONG');
  });
  it('applies the challenge’s deactivated treatments', () => {
    const strict = aQroc({ ...textField('r'), accepted: ['https'] }, { tolerance: { t1: true, t2: true, t3: false } });
    expect(checkAnswer(strict, fields({ r: 'http' })).result).toBe('ko');
    const lenient = aQroc({ ...textField('r'), accepted: ['https'] });
    expect(checkAnswer(lenient, fields({ r: 'http' })).result).toBe('ok'); // why authors switch t3 off for such answers
  });
  it('numeric QROC: compares numbers, whatever the separators and unit', () => {
    const numeric = aQroc({ ...numberField('taille', { unit: 'Mo' }), accepted: [2.5] });
    for (const given of ['2,5', '2.5', ' 2,50 ', '2,5 Mo', '2.5mo']) expect(checkAnswer(numeric, fields({ taille: given })).result).toBe('ok');
    for (const given of ['2,6', 'deux virgule cinq', '2,5 Go', '']) expect(checkAnswer(numeric, fields({ taille: given })).result).toBe('ko');
  });
  it('numeric QROC with thousands and a margin', () => {
    const numeric = aQroc({ ...numberField('n', { margin: 5 }), accepted: [1500] });
    expect(checkAnswer(numeric, fields({ n: '1 503' })).result).toBe('ok');
    expect(checkAnswer(numeric, fields({ n: '1506' })).result).toBe('ko');
  });
  it('select field: ok only for an accepted option', () => {
    const select: SelectField = { key: 's', label: 's', input: 'select', options: ['Vrai', 'Faux'] };
    const qrocSelect = aQroc({ ...select, accepted: ['Faux'] });
    expect(checkAnswer(qrocSelect, fields({ s: 'Faux' })).details.fields!.s).toEqual({ correct: true, match: 'option' });
    expect(checkAnswer(qrocSelect, fields({ s: 'Vrai' })).result).toBe('ko');
  });
});

describe('checkAnswer — QROCM-ind', () => {
  const qrocm = aQrocmInd([
    { ...textField('pays'), accepted: ['France'] },
    { ...textField('capitale'), accepted: ['Paris'] },
  ]);
  it('checks each field on its own: ok only when all are right', () => {
    expect(checkAnswer(qrocm, fields({ pays: 'france', capitale: 'PARIS' })).result).toBe('ok');
    const half = checkAnswer(qrocm, fields({ pays: 'France', capitale: 'Lyon' }));
    expect(half.result).toBe('ko');
    expect(half.details.fields).toEqual({ pays: { correct: true, match: 'exact' }, capitale: { correct: false } });
  });
  it('does not let a field take another field’s answer', () => {
    expect(checkAnswer(qrocm, fields({ pays: 'Paris', capitale: 'France' })).result).toBe('ko');
  });
});

describe('checkAnswer — QROCM-dep, any order', () => {
  const browsers = aQrocmDep([textField('n1'), textField('n2')], {
    mode: 'anyOrder',
    groups: [{ accepted: ['Firefox', 'Mozilla Firefox'] }, { accepted: ['Chrome', 'Google Chrome'] }, { accepted: ['Edge', 'Microsoft Edge'] }],
  });
  it('accepts distinct groups in any order', () => {
    expect(checkAnswer(browsers, fields({ n1: 'Chrome', n2: 'firefox' })).result).toBe('ok');
    expect(checkAnswer(browsers, fields({ n1: 'Microsoft Edge', n2: 'Google Chrome' })).result).toBe('ok');
  });
  it('refuses the same group twice, even spelt differently', () => {
    const twice = checkAnswer(browsers, fields({ n1: 'Firefox', n2: 'Mozilla Firefox' }));
    expect(twice.result).toBe('ko');
    expect(Object.values(twice.details.fields!).filter((f) => f.correct)).toHaveLength(1);
  });
  it('refuses a wrong or empty field', () => {
    expect(checkAnswer(browsers, fields({ n1: 'Firefox', n2: 'Word' })).result).toBe('ko');
    expect(checkAnswer(browsers, fields({ n1: 'Firefox', n2: '' })).result).toBe('ko');
  });
  it('finds the assignment when groups overlap (augmenting path, not greedy)', () => {
    const overlapping = aQrocmDep([textField('a'), textField('b')], {
      mode: 'anyOrder',
      groups: [{ accepted: ['x', 'y'] }, { accepted: ['x'] }],
    });
    // Greedy would give field a ("x") the first group; b ("y") would then find no group left.
    expect(checkAnswer(overlapping, fields({ a: 'x', b: 'y' })).result).toBe('ok');
  });
  it('works with numeric fields', () => {
    const numeric = aQrocmDep([numberField('p'), numberField('q')], { mode: 'anyOrder', groups: [{ accepted: [2] }, { accepted: [3] }] });
    expect(checkAnswer(numeric, fields({ p: '3', q: '2,0' })).result).toBe('ok');
    expect(checkAnswer(numeric, fields({ p: '2', q: '2' })).result).toBe('ko');
  });
});

describe('checkAnswer — QROCM-dep, combinations', () => {
  const pairs = aQrocmDep([textField('extension'), textField('logiciel')], {
    mode: 'combinations',
    combinations: [
      { values: { extension: ['ods'], logiciel: ['Calc', 'LibreOffice Calc'] } },
      { values: { extension: ['odt'], logiciel: ['Writer', 'LibreOffice Writer'] } },
    ],
  });
  it('accepts a matching pair', () => {
    expect(checkAnswer(pairs, fields({ extension: '.ods', logiciel: 'calc' })).result).toBe('ok');
    expect(checkAnswer(pairs, fields({ extension: 'odt', logiciel: 'LibreOffice Writer' })).result).toBe('ok');
  });
  it('refuses a mixed pair and reports the closest combination per field', () => {
    const mixed = checkAnswer(pairs, fields({ extension: 'ods', logiciel: 'Writer' }));
    expect(mixed.result).toBe('ko');
    expect(mixed.details.fields).toEqual({ extension: { correct: true, match: 'exact' }, logiciel: { correct: false } });
  });
});

describe('checkAnswer — skip, timer and focus', () => {
  const qcu = aQcu({ solution: [1], focused: true, timer: 30 });
  it('a skip is aband, with no details', () => {
    expect(checkAnswer(qcu, { kind: 'skip' })).toEqual({ result: 'aband', contentCorrect: false, details: {} });
  });
  it('a late answer is timedout, right or wrong, and a skip at the timeout too', () => {
    expect(checkAnswer(qcu, choices(1), { timedOut: true })).toMatchObject({ result: 'timedout', contentCorrect: true });
    expect(checkAnswer(qcu, choices(2), { timedOut: true }).result).toBe('timedout');
    expect(checkAnswer(qcu, { kind: 'skip' }, { timedOut: true }).result).toBe('timedout');
  });
  it('a right answer after leaving a focus-mode challenge is focusedOut; a wrong one stays ko', () => {
    expect(checkAnswer(qcu, choices(1), { focusedOut: true }).result).toBe('focusedOut');
    expect(checkAnswer(qcu, choices(2), { focusedOut: true }).result).toBe('ko');
  });
  it('leaving the page does not matter on a challenge without focus mode', () => {
    expect(checkAnswer(aQcu({ solution: [1] }), choices(1), { focusedOut: true }).result).toBe('ok');
  });
});

describe('answerShapeProblem', () => {
  it('accepts well-formed answers and skips', () => {
    expect(answerShapeProblem(aQcm(), choices(1, 3))).toBeUndefined();
    expect(answerShapeProblem(aQcm(), { kind: 'skip' })).toBeUndefined();
  });
});
