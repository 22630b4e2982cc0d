import type { KnowledgeElement } from '../../adaptive/domain/model.js';
import { currentKnowledgeElements } from '../../adaptive/domain/smart-random/knowledge-elements.js';
import { competenceScore, isCertifiable, PIX_COUNT_BY_LEVEL } from './scoring.js';

/** A target skill as results read it. */
export interface ResultSkill {
  id: string;
  competenceId: string;
  level: number;
  pixValue: number;
}

export interface CompetenceResultFacts {
  competenceId: string;
  pixScore: number;
  level: number;
  /** The highest level the activity can show for this competence (its hardest target skill, within the open levels). */
  maxLevel: number;
  maxPixScore: number;
  targetSkills: number;
  validatedSkills: number;
  masteryRate: number;
}

export interface ActivityResultFacts {
  pixScore: number;
  maxPixScore: number;
  targetSkills: number;
  validatedSkills: number;
  masteryRate: number;
  certifiable: boolean;
  competences: CompetenceResultFacts[];
}

/**
 * Results of an activity from the learner's knowledge elements, on its target skills
 * only (pix-domain.md §2, restricted as Pix's campaign results are): pix per competence
 * (floor of the pix earned, capped at 8 × the open levels), level (pix ÷ 8), mastery
 * (validated ÷ target skills), certifiable (≥ 5 competences at level ≥ 1). Competences
 * come out in the order given.
 */
export function activityResults(input: {
  competenceIds: readonly string[];
  targetSkills: readonly ResultSkill[];
  knowledgeElements: readonly KnowledgeElement[];
  maxReachableLevel: number;
}): ActivityResultFacts {
  const targets = new Map(input.targetSkills.map((s) => [s.id, s]));
  const current = currentKnowledgeElements(input.knowledgeElements).filter((ke) => targets.has(ke.skillId));
  const validated = new Set(current.filter((ke) => ke.status === 'validated').map((ke) => ke.skillId));
  const capPix = input.maxReachableLevel * PIX_COUNT_BY_LEVEL;
  const competences = input.competenceIds.map((competenceId): CompetenceResultFacts => {
    const skills = input.targetSkills.filter((s) => s.competenceId === competenceId);
    const score = competenceScore(competenceId, current, { maxReachableLevel: input.maxReachableLevel });
    const validatedSkills = skills.filter((s) => validated.has(s.id)).length;
    const hardest = skills.length === 0 ? 1 : Math.max(...skills.map((s) => s.level));
    const maxLevel = Math.max(1, Math.min(input.maxReachableLevel, hardest));
    return {
      competenceId,
      pixScore: score.pixScore,
      level: score.level,
      maxLevel: Math.max(maxLevel, score.level),
      maxPixScore: Math.min(Math.floor(skills.reduce((sum, s) => sum + s.pixValue, 0) + 1e-9), capPix),
      targetSkills: skills.length,
      validatedSkills,
      masteryRate: skills.length === 0 ? 0 : validatedSkills / skills.length,
    };
  });
  const targetSkills = input.targetSkills.length;
  return {
    pixScore: competences.reduce((sum, c) => sum + c.pixScore, 0),
    maxPixScore: Math.max(1, competences.reduce((sum, c) => sum + c.maxPixScore, 0)),
    targetSkills,
    validatedSkills: validated.size,
    masteryRate: targetSkills === 0 ? 0 : validated.size / targetSkills,
    certifiable: isCertifiable(competences.map((c) => c.level)),
    competences,
  };
}
