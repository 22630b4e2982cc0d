import { describe, expect, it } from 'vitest';
import type { KnowledgeElement } from '../../adaptive/domain/model.js';
import { competenceScore, isCertifiable, masteryRate, profileScore } from './scoring.js';

let counter = 0;
function ke(competenceId: string, earnedPix: number, over: Partial<KnowledgeElement> = {}): KnowledgeElement {
  counter++;
  return {
    skillId: `skill-${counter}`,
    competenceId,
    status: earnedPix > 0 ? 'validated' : 'invalidated',
    source: 'direct',
    earnedPix,
    answerId: `answer-${counter}`,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...over,
  };
}
const many = (competenceId: string, n: number, pix: number) => Array.from({ length: n }, () => ke(competenceId, pix));

describe('competenceScore', () => {
  it('is the floor of the summed pix, level = floor(pix / 8), pix ahead = pix mod 8', () => {
    expect(competenceScore('1.1', [ke('1.1', 4), ke('1.1', 4), ke('1.1', 2.7), ke('1.2', 3)])).toEqual({ competenceId: '1.1', pixScore: 10, level: 1, pixAheadForNextLevel: 2 });
  });

  it('counts a complete level of fractional pix values as 8 (no 7.999… rounding down)', () => {
    expect(competenceScore('1.1', many('1.1', 3, 8 / 3)).pixScore).toBe(8);
    expect(competenceScore('1.1', many('1.1', 6, 8 / 6)).level).toBe(1);
  });

  it('ignores invalidated, reset and superseded knowledge elements', () => {
    const old = ke('1.1', 4, { skillId: 'x', createdAt: new Date('2025-01-01') });
    const newer = ke('1.1', 0, { skillId: 'x', status: 'invalidated', createdAt: new Date('2025-02-01') });
    const reset = ke('1.1', 4, { skillId: 'y', status: 'reset' });
    expect(competenceScore('1.1', [old, newer, reset, ke('1.1', 3)]).pixScore).toBe(3);
  });

  it('caps the score at 8 × the maximum reachable level and the level at that level', () => {
    const kes = many('1.1', 20, 4); // 80 pix
    expect(competenceScore('1.1', kes)).toMatchObject({ pixScore: 40, level: 5, pixAheadForNextLevel: 0 });
    expect(competenceScore('1.1', kes, { maxReachableLevel: 7 })).toMatchObject({ pixScore: 56, level: 7 });
    expect(competenceScore('1.1', many('1.1', 20, 4), { maxReachableLevel: 8 }).pixScore).toBe(64);
  });

  it('is zero with no knowledge', () => {
    expect(competenceScore('5.2', [])).toEqual({ competenceId: '5.2', pixScore: 0, level: 0, pixAheadForNextLevel: 0 });
  });

  it('rejects an impossible maximum level', () => {
    expect(() => competenceScore('1.1', [], { maxReachableLevel: 0 })).toThrow(RangeError);
    expect(() => competenceScore('1.1', [], { maxReachableLevel: 9 })).toThrow(RangeError);
    expect(() => competenceScore('1.1', [], { maxReachableLevel: 2.5 })).toThrow(RangeError);
  });
});

describe('profileScore', () => {
  const competences = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3'];

  it('sums the competence scores, in the framework order', () => {
    const profile = profileScore(competences, [...many('1.1', 3, 3), ke('2.3', 4.5), ke('9.9', 4)]);
    expect(profile.competences.map((c) => c.competenceId)).toEqual(competences);
    expect(profile.pixScore).toBe(9 + 4);
  });

  it('is certifiable from 5 competences at level ≥ 1, not 4', () => {
    const four = competences.slice(0, 4).flatMap((c) => many(c, 2, 4));
    expect(profileScore(competences, four)).toMatchObject({ certifiableCompetencesCount: 4, isCertifiable: false });
    const five = competences.slice(0, 5).flatMap((c) => many(c, 2, 4));
    expect(profileScore(competences, five)).toMatchObject({ certifiableCompetencesCount: 5, isCertifiable: true });
    // 7 pix is still level 0.
    const almost = [...four, ke('2.2', 4), ke('2.2', 3)];
    expect(profileScore(competences, almost).isCertifiable).toBe(false);
  });

  it('caps the global score at the cap of each competence', () => {
    const all = competences.flatMap((c) => many(c, 30, 4));
    expect(profileScore(competences, all, { maxReachableLevel: 7 }).pixScore).toBe(6 * 56);
  });
});

describe('isCertifiable', () => {
  it('needs at least 5 levels ≥ 1', () => {
    expect(isCertifiable([1, 1, 1, 1, 1, 0])).toBe(true);
    expect(isCertifiable([5, 5, 5, 5, 0, 0])).toBe(false);
    expect(isCertifiable([])).toBe(false);
  });
});

describe('masteryRate', () => {
  it('is validated target skills ÷ target skills', () => {
    const kes = [ke('1.1', 2, { skillId: 'a' }), ke('1.1', 0, { skillId: 'b' }), ke('1.1', 2, { skillId: 'outside' }), ke('1.1', 2, { skillId: 'c', source: 'inferred' })];
    expect(masteryRate(['a', 'b', 'c', 'd'], kes)).toBe(0.5);
  });

  it('is 0 for an empty profile and counts duplicates once', () => {
    expect(masteryRate([], [])).toBe(0);
    expect(masteryRate(['a', 'a'], [ke('1.1', 1, { skillId: 'a' })])).toBe(1);
  });
});
