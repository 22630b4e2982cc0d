import type { AdaptiveChallenge, AdaptiveSkill, KnowledgeElement } from '../model.js';

/** Skills `@<tube><level>` for the given tubes and levels, pix value 1 (test helper). */
export function skillsOf(tubes: Record<string, number[]>, competenceId = 'c1'): AdaptiveSkill[] {
  return Object.entries(tubes).flatMap(([tube, levels]) =>
    levels.map((level) => ({ id: `@${tube}${level}`, name: `@${tube}${level}`, tubeId: tube, competenceId, level, pixValue: 1 })),
  );
}

/** One validated French challenge per skill, `ch-<skill id>`. */
export function challengesOf(skills: readonly AdaptiveSkill[], overrides: Partial<Record<string, Partial<AdaptiveChallenge>>> = {}): AdaptiveChallenge[] {
  return skills.map((s) => ({ id: `ch-${s.id}`, skillId: s.id, status: 'validated', locales: ['fr'], ...overrides[s.id] }));
}

export function ke(skill: AdaptiveSkill, status: KnowledgeElement['status'], options: { source?: KnowledgeElement['source']; at?: Date } = {}): KnowledgeElement {
  return {
    skillId: skill.id,
    competenceId: skill.competenceId,
    status,
    source: options.source ?? 'direct',
    earnedPix: status === 'validated' ? skill.pixValue : 0,
    answerId: `a-${skill.id}`,
    createdAt: options.at ?? new Date('2025-01-10T10:00:00Z'),
  };
}
