import { describe, expect, it } from 'vitest';
import type { BankContent } from './bank.js';
import { buildContentSnapshot } from './content-snapshot.js';
import { computePixValues, type Skill } from './framework.js';
import { levelForDifficulty, typicalDifficulty } from './irt-levels.js';
import { aQcu } from '../testing/challenge-builders.js';

const skill = (id: string, competenceId: string, level: number, status: Skill['status'] = 'active') => ({ id, competenceId, level, status });

describe('computePixValues', () => {
  it('shares 8 pix between the active skills of a competence and level', () => {
    const values = computePixValues(
      [skill('@a2', '1.1', 2), skill('@b2', '1.1', 2), skill('@c2', '1.1', 2), skill('@d2', '1.1', 2), skill('@e2', '1.2', 2)],
      () => true,
    );
    expect(values.get('@a2')).toBe(2);
    expect(values.get('@d2')).toBe(2);
    expect(values.get('@e2')).toBe(4); // alone at its level: capped at 4
  });
  it('gives 8/3 to each of three skills (no rounding)', () => {
    const values = computePixValues([skill('@a1', '1.1', 1), skill('@b1', '1.1', 1), skill('@c1', '1.1', 1)], () => true);
    expect(values.get('@a1')).toBeCloseTo(8 / 3, 12);
  });
  it('counts only active skills with a validated challenge; the others are worth 0', () => {
    const values = computePixValues(
      [skill('@a3', '2.1', 3), skill('@b3', '2.1', 3, 'archived'), skill('@c3', '2.1', 3), skill('@d3', '2.1', 3, 'draft')],
      (id) => id !== '@c3',
    );
    expect(Object.fromEntries(values)).toEqual({ '@a3': 4, '@b3': 0, '@c3': 0, '@d3': 0 });
  });
  it('separates levels and competences', () => {
    const values = computePixValues([skill('@a1', '1.1', 1), skill('@a2', '1.1', 2), skill('@b1', '1.2', 1), skill('@c1', '1.1', 1)], () => true);
    expect(Object.fromEntries(values)).toEqual({ '@a1': 4, '@a2': 4, '@b1': 4, '@c1': 4 });
  });
});

describe('buildContentSnapshot', () => {
  const content: BankContent = {
    bank: { id: 'b', version: '1', defaultLocale: 'fr-fr' },
    areas: [{ code: '1', name: { fr: 'Info' } }],
    competences: [{ code: '1.1', areaCode: '1', name: { fr: 'Recherche' } }],
    tubes: [
      {
        name: '@web',
        competenceCode: '1.1',
        title: { fr: 'Web' },
        skills: [
          { level: 6, status: 'active', tutorials: [] },
          { level: 1, status: 'active', tutorials: [] },
          { level: 2, status: 'active', tutorials: [] },
        ],
      },
    ],
    challenges: [
      aQcu({ id: 'w1', skillId: '@web1', tubeId: '@web' }),
      aQcu({ id: 'w2', skillId: '@web2', tubeId: '@web', status: 'archived' }),
      aQcu({ id: 'w6', skillId: '@web6', tubeId: '@web' }),
    ],
  };
  const info = { id: 'b@1', bankId: 'b', label: '1', importedAt: new Date(0), challengeCount: 3 };

  it('links the hierarchy, orders skills by level and marks what is playable and reachable', () => {
    const snapshot = buildContentSnapshot(content, info, { maxReachableLevel: 5 });
    expect(snapshot.area('1')!.competenceIds).toEqual(['1.1']);
    expect(snapshot.competence('1.1')!.tubeIds).toEqual(['@web']);
    expect(snapshot.tube('@web')!.skillIds).toEqual(['@web1', '@web2', '@web6']);
    expect(snapshot.skill('@web1')).toMatchObject({ playable: true, reachable: true, pixValue: 4 });
    expect(snapshot.skill('@web2')).toMatchObject({ playable: false, pixValue: 0 });
    expect(snapshot.skill('@web6')).toMatchObject({ playable: true, reachable: false });
    expect(snapshot.challengesOfSkill('@web2').map((c) => c.id)).toEqual(['w2']);
  });

  it('applies status overrides before computing pix values', () => {
    const snapshot = buildContentSnapshot(content, info, { maxReachableLevel: 7, statusOverrides: new Map([['w2', 'validated'], ['w1', 'obsolete']]) });
    expect(snapshot.challenge('w1')!.status).toBe('obsolete');
    expect(snapshot.skill('@web1')).toMatchObject({ playable: false, pixValue: 0 });
    expect(snapshot.skill('@web2')).toMatchObject({ playable: true, pixValue: 4 });
    expect(snapshot.skill('@web6')!.reachable).toBe(true);
    expect(content.challenges[0]!.status).toBe('validated'); // the stored content is untouched
  });
});

describe('IRT difficulty and levels', () => {
  it('maps difficulties to the 8 levels with the v3 mesh bounds', () => {
    expect([-3, -1.4, -1, 0, 0.6, 1.6, 2.5, 3.5, 5].map(levelForDifficulty)).toEqual([1, 2, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('gives each level a typical difficulty inside its band', () => {
    for (let level = 1; level <= 8; level++) expect(levelForDifficulty(typicalDifficulty(level))).toBe(level);
  });
});
