import { describe, expect, it } from 'vitest';
import { assessableSkillIds, buildTargetProfile, type TargetFramework } from './target-profile.js';

const skills = new Map(
  [
    ['@a1', 1, true],
    ['@a2', 2, true],
    ['@a3', 3, true],
    ['@a6', 6, true],
    ['@b1', 1, true],
    ['@b2', 2, false],
    ['@c4', 4, true],
  ].map(([id, level, playable]) => [id as string, { id: id as string, level: level as number, playable: playable as boolean, reachable: (level as number) <= 5 }]),
);
const framework: TargetFramework = {
  maxReachableLevel: 5,
  competences: [
    { id: '1.1', code: '1.1', tubeIds: ['@a', '@b'] },
    { id: '1.2', code: '1.2', tubeIds: ['@c'] },
  ],
  tubes: [
    { id: '@a', competenceId: '1.1', skillIds: ['@a1', '@a2', '@a3', '@a6'] },
    { id: '@b', competenceId: '1.1', skillIds: ['@b1', '@b2'] },
    { id: '@c', competenceId: '1.2', skillIds: ['@c4'] },
  ],
  skill: (id) => skills.get(id),
};

describe('target profile builder', () => {
  it('takes whole competences up to a level, tubes up to their own cap (which wins)', () => {
    const result = buildTargetProfile({ competences: [{ code: '1.1', maxLevel: 2 }], tubes: [{ id: '@a', maxLevel: 3 }] }, framework);
    expect(result).toEqual({ ok: true, tubes: [{ tubeId: '@a', maxLevel: 3 }, { tubeId: '@b', maxLevel: 2 }], skillIds: ['@a1', '@a2', '@a3', '@b1'] });
  });

  it('keeps only skills that can be assessed: playable and within the open levels', () => {
    const result = buildTargetProfile({ tubes: [{ id: '@a', maxLevel: 8 }, { id: '@b', maxLevel: 2 }] }, framework);
    expect(result.ok && result.skillIds).toEqual(['@a1', '@a2', '@a3', '@b1']);
  });

  it('drops tubes left without a skill; refuses an empty profile', () => {
    expect(buildTargetProfile({ tubes: [{ id: '@c', maxLevel: 3 }, { id: '@b', maxLevel: 1 }] }, framework)).toEqual({ ok: true, tubes: [{ tubeId: '@b', maxLevel: 1 }], skillIds: ['@b1'] });
    expect(buildTargetProfile({ tubes: [{ id: '@c', maxLevel: 3 }] }, framework)).toMatchObject({ ok: false, problems: [{ code: 'TARGET_PROFILE_EMPTY' }] });
    expect(buildTargetProfile({}, framework)).toMatchObject({ ok: false, problems: [{ code: 'TARGET_PROFILE_EMPTY' }] });
  });

  it('reports every unknown competence, tube and bad level with its field', () => {
    const result = buildTargetProfile({ competences: [{ code: '9.9', maxLevel: 2 }, { code: '1.2', maxLevel: 0 }], tubes: [{ id: '@zz', maxLevel: 2 }] }, framework);
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'COMPETENCE_UNKNOWN', field: 'competences.0.code', message: expect.any(String) },
        { code: 'LEVEL_INVALID', field: 'competences.1.maxLevel', message: expect.any(String) },
        { code: 'TUBE_UNKNOWN', field: 'tubes.0.id', message: expect.any(String) },
      ],
    });
  });

  it('lists every assessable skill of competences (adaptive tests, profiles collections)', () => {
    expect(assessableSkillIds(framework)).toEqual(['@a1', '@a2', '@a3', '@b1', '@c4']);
    expect(assessableSkillIds(framework, ['1.2'])).toEqual(['@c4']);
  });
});
