import { describe, expect, it } from 'vitest';
import type { KnowledgeElement } from '../../adaptive/index.js';
import { activityResults, type ResultSkill } from './activity-results.js';

const skill = (id: string, competenceId: string, level: number, pixValue = 4): ResultSkill => ({ id, competenceId, level, pixValue });
const ke = (skillId: string, competenceId: string, status: KnowledgeElement['status'], earnedPix: number, day = 1): KnowledgeElement => ({
  skillId,
  competenceId,
  status,
  source: 'direct',
  earnedPix,
  answerId: `ans-${skillId}-${day}`,
  createdAt: new Date(Date.UTC(2026, 0, day)),
});

const target = [skill('@a1', '1.1', 1), skill('@a2', '1.1', 2), skill('@a3', '1.1', 3, 8 / 3), skill('@b1', '1.2', 1, 8)];

describe('activity results', () => {
  it('pix, level and mastery per competence on the target skills; totals and certifiability', () => {
    const results = activityResults({
      competenceIds: ['1.1', '1.2'],
      targetSkills: target,
      knowledgeElements: [ke('@a1', '1.1', 'validated', 4), ke('@a2', '1.1', 'validated', 4), ke('@a3', '1.1', 'invalidated', 0), ke('@b1', '1.2', 'validated', 8)],
      maxReachableLevel: 5,
    });
    expect(results).toEqual({
      pixScore: 16,
      maxPixScore: 18,
      targetSkills: 4,
      validatedSkills: 3,
      masteryRate: 0.75,
      certifiable: false,
      competences: [
        { competenceId: '1.1', pixScore: 8, level: 1, maxLevel: 3, maxPixScore: 10, targetSkills: 3, validatedSkills: 2, masteryRate: 2 / 3 },
        { competenceId: '1.2', pixScore: 8, level: 1, maxLevel: 1, maxPixScore: 8, targetSkills: 1, validatedSkills: 1, masteryRate: 1 },
      ],
    });
  });

  it('ignores knowledge elements outside the target and keeps the latest per skill', () => {
    const results = activityResults({
      competenceIds: ['1.1'],
      targetSkills: target.slice(0, 3),
      knowledgeElements: [ke('@a1', '1.1', 'invalidated', 0, 1), ke('@a1', '1.1', 'validated', 4, 9), ke('@zz9', '1.1', 'validated', 4)],
      maxReachableLevel: 5,
    });
    expect(results.pixScore).toBe(4);
    expect(results.validatedSkills).toBe(1);
  });

  it('is certifiable with 5 competences at level 1 or more', () => {
    const competences = ['1.1', '1.2', '1.3', '2.1', '2.2'];
    const skills = competences.map((c) => skill(`@${c}`, c, 1, 8));
    const results = activityResults({ competenceIds: competences, targetSkills: skills, knowledgeElements: skills.map((s) => ke(s.id, s.competenceId, 'validated', 8)), maxReachableLevel: 5 });
    expect(results.certifiable).toBe(true);
    expect(activityResults({ competenceIds: competences, targetSkills: skills, knowledgeElements: [], maxReachableLevel: 5 })).toMatchObject({ certifiable: false, pixScore: 0, masteryRate: 0 });
  });
});
