import { describe, expect, it } from 'vitest';
import { aQcm, aQcu, aQroc, aQrocmDep, aQrocmInd, textField } from '../testing/challenge-builders.js';
import { parseFormTemplate } from './challenge.js';
import { toChallengeView, type ChoicesResponse } from './challenge-view.js';
import { toCorrectionView } from './correction-view.js';

const competence = { code: '1.1', name: 'Mener une recherche', areaCode: '1', areaName: 'Information et données' };
const SOLUTION_WORDS = /solution|accepted|explanation|groups|combinations|tolerance|irt/i;

describe('toChallengeView', () => {
  it('renders a QCU with Markdown instruction and proposals, without its solution', () => {
    const view = toChallengeView(aQcu({ instruction: 'Lisez **ceci** :\n\n- un\n- deux', choices: ['*A*', 'B <img src=x onerror=alert(1)>'] }), { competence });
    expect(view).toEqual({
      id: 'qcu',
      type: 'QCU',
      locale: 'fr-fr',
      instructionHtml: '<p>Lisez <strong>ceci</strong> :</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>',
      attachments: [],
      response: {
        kind: 'choices',
        multiple: false,
        choices: [
          { value: 1, html: '<em>A</em>' },
          { value: 2, html: 'B' },
        ],
      },
      focused: false,
      competence,
    });
    expect(JSON.stringify(view)).not.toMatch(SOLUTION_WORDS);
  });

  it('keeps the author’s order unless the challenge is shuffled and a seed is given', () => {
    const ids = (seed?: string, shuffled = true) =>
      (toChallengeView(aQcm({ shuffled, choices: ['a', 'b', 'c', 'd', 'e', 'f'] }), { competence, shuffleSeed: seed }).response as ChoicesResponse).choices.map((c) => c.value).join('');
    expect(ids(undefined)).toBe('123456');
    expect(ids('assessment-1', false)).toBe('123456');
    expect(ids('assessment-1')).toBe(ids('assessment-1'));
    const orders = new Set(['a1', 'a2', 'a3', 'a4', 'a5'].map((s) => ids(s)));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('lays out a QROC form with text segments, line breaks and a number field’s unit', () => {
    const challenge = aQroc(
      { key: 'taille', label: 'Taille du fichier', input: 'number', unit: 'Mo', unitAliases: [], margin: 0, accepted: [3] },
      { form: parseFormTemplate('Le fichier *pèse*\n{{taille}} environ.') },
    );
    const view = toChallengeView(challenge, { competence });
    expect(view.response).toEqual({
      kind: 'fields',
      parts: [
        { type: 'text', html: 'Le fichier <em>pèse</em>' },
        { type: 'break' },
        { type: 'field', key: 'taille', label: 'Taille du fichier', input: 'number', unit: 'Mo' },
        { type: 'text', html: ' environ.' },
      ],
    });
    expect(JSON.stringify(view)).not.toMatch(SOLUTION_WORDS);
  });

  it('describes select fields with their options, sizes and placeholders; without a form, one field per line', () => {
    const view = toChallengeView(
      aQrocmInd([
        { key: 'champ', label: 'Champ', input: 'select', options: ['À', 'Cc', 'Cci'], accepted: ['Cci'] },
        { ...textField('phrase', { size: 60, placeholder: 'Votre phrase' }), accepted: ['x'] },
      ]),
      { competence },
    );
    expect(view.response).toEqual({
      kind: 'fields',
      parts: [
        { type: 'field', key: 'champ', label: 'Champ', input: 'select', options: ['À', 'Cc', 'Cci'] },
        { type: 'break' },
        { type: 'field', key: 'phrase', label: 'phrase', input: 'text', size: 60, placeholder: 'Votre phrase' },
      ],
    });
  });

  it('never leaks a QROCM-dep solution', () => {
    const view = toChallengeView(aQrocmDep([textField('a'), textField('b')], { mode: 'anyOrder', groups: [{ accepted: ['Firefox'] }, { accepted: ['Chrome'] }] }), { competence });
    expect(JSON.stringify(view)).not.toMatch(/Firefox|Chrome/);
  });

  it('gives media, timer, focus mode and resolves the tool’s asset paths', () => {
    const view = toChallengeView(
      aQcu({
        illustration: { url: '/api/content/assets/abc.svg', alt: 'Un schéma' },
        attachments: [{ name: 'Données', url: '/api/content/assets/def.csv' }],
        embed: { url: 'https://sim.example.org/', title: 'Simulateur', height: 400 },
        timer: 45,
        focused: true,
      }),
      { competence, assetBaseUrl: 'https://tool.example/' },
    );
    expect(view).toMatchObject({
      illustration: { url: 'https://tool.example/api/content/assets/abc.svg', alt: 'Un schéma' },
      attachments: [{ name: 'Données', url: 'https://tool.example/api/content/assets/def.csv' }],
      embed: { url: 'https://sim.example.org/', title: 'Simulateur', height: 400, autoReply: false },
      timer: 45,
      focused: true,
    });
  });
});

describe('toCorrectionView', () => {
  it('QCM: the right proposals as a list', () => {
    expect(toCorrectionView(aQcm({ choices: ['A', 'B', 'C', 'D'], solution: [1, 3], explanation: 'Voir **cours**.' }))).toEqual({
      challengeId: 'qcm',
      correctValues: [1, 3],
      solutionHtml: '<ul><li>A</li><li>C</li></ul>',
      explanationHtml: '<p>Voir <strong>cours</strong>.</p>',
      tutorials: [],
    });
  });

  it('QROC: the first accepted answer, escaped, with the unit', () => {
    const view = toCorrectionView(aQroc({ key: 'n', label: 'Nombre', input: 'number', unit: 'Mo', unitAliases: [], margin: 0, accepted: [2.5] }));
    expect(view.solutionHtml).toBe('<p>2,5 Mo</p>');
    expect(toCorrectionView(aQroc({ ...textField('t'), accepted: ['<b>'] })).solutionHtml).toBe('<p>&#60;b&#62;</p>');
  });

  it('QROCM-dep: one valid set of answers', () => {
    const view = toCorrectionView(aQrocmDep([textField('a', { label: 'Navigateur 1' }), textField('b', { label: 'Navigateur 2' })], { mode: 'anyOrder', groups: [{ accepted: ['Firefox'] }, { accepted: ['Chrome'] }] }));
    expect(view.expectedFields).toEqual([
      { key: 'a', label: 'Navigateur 1', expected: 'Firefox' },
      { key: 'b', label: 'Navigateur 2', expected: 'Chrome' },
    ]);
    expect(view.solutionHtml).toBe('<ul><li>Navigateur 1 : Firefox</li><li>Navigateur 2 : Chrome</li></ul>');
  });
});
