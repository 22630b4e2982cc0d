import type { KnowledgeElement } from '../../adaptive/domain/model.js';
import { currentKnowledgeElements } from '../../adaptive/domain/smart-random/knowledge-elements.js';

/**
 * Profile scoring (pix-domain.md §2): pix and levels per competence from knowledge elements,
 * the global score and certifiability. Pure functions.
 */

/** Pix per level: a fully mastered level is worth 8 pix. */
export const PIX_COUNT_BY_LEVEL = 8;
/** Pix's code default for open levels (production runs 7): callers pass the platform's setting. */
export const DEFAULT_MAX_REACHABLE_LEVEL = 5;
export const MINIMUM_CERTIFIABLE_COMPETENCES = 5;
export const MINIMUM_COMPETENCE_LEVEL_FOR_CERTIFIABILITY = 1;

export interface ScoringOptions {
  /** Highest level that can be reached (1–8). */
  maxReachableLevel?: number;
}

export interface CompetenceScore {
  competenceId: string;
  /** floor(Σ earned pix), capped at 8 × the maximum reachable level. */
  pixScore: number;
  /** floor(pix / 8), capped at the maximum reachable level. */
  level: number;
  /** Pix already earned towards the next level (pix mod 8). */
  pixAheadForNextLevel: number;
}

function maxLevelOf(options: ScoringOptions): number {
  const level = options.maxReachableLevel ?? DEFAULT_MAX_REACHABLE_LEVEL;
  if (!Number.isInteger(level) || level < 1 || level > 8) throw new RangeError('maxReachableLevel must be an integer from 1 to 8');
  return level;
}

/** Score of one competence from the knowledge elements that count (latest per skill; resets excluded). */
export function competenceScore(competenceId: string, knowledgeElements: readonly KnowledgeElement[], options: ScoringOptions = {}): CompetenceScore {
  const maxLevel = maxLevelOf(options);
  let earned = 0;
  for (const ke of currentKnowledgeElements(knowledgeElements)) {
    if (ke.competenceId === competenceId && ke.status === 'validated') earned += ke.earnedPix;
  }
  // Rounding guard: pix values like 8/3 sum to 7.999999… for a complete level.
  const pixScore = Math.min(Math.floor(earned + 1e-9), maxLevel * PIX_COUNT_BY_LEVEL);
  const level = Math.min(Math.floor(pixScore / PIX_COUNT_BY_LEVEL), maxLevel);
  return { competenceId, pixScore, level, pixAheadForNextLevel: pixScore % PIX_COUNT_BY_LEVEL };
}

export interface ProfileScore {
  competences: CompetenceScore[];
  /** Sum of the competence scores. */
  pixScore: number;
  /** Competences at level ≥ 1. */
  certifiableCompetencesCount: number;
  /** At least 5 competences at level ≥ 1. */
  isCertifiable: boolean;
}

/** Scores of the given competences (every competence of the framework, in its order) and the global score. */
export function profileScore(competenceIds: readonly string[], knowledgeElements: readonly KnowledgeElement[], options: ScoringOptions = {}): ProfileScore {
  const current = currentKnowledgeElements(knowledgeElements);
  const competences = competenceIds.map((id) => competenceScore(id, current, options));
  const certifiableCompetencesCount = competences.filter((c) => c.level >= MINIMUM_COMPETENCE_LEVEL_FOR_CERTIFIABILITY).length;
  return {
    competences,
    pixScore: competences.reduce((sum, c) => sum + c.pixScore, 0),
    certifiableCompetencesCount,
    isCertifiable: certifiableCompetencesCount >= MINIMUM_CERTIFIABLE_COMPETENCES,
  };
}

/** Certifiable: at least 5 competences at level ≥ 1. */
export function isCertifiable(levels: readonly number[]): boolean {
  return levels.filter((level) => level >= MINIMUM_COMPETENCE_LEVEL_FOR_CERTIFIABILITY).length >= MINIMUM_CERTIFIABLE_COMPETENCES;
}

/** Share of a target profile's skills the user has validated (0 for an empty profile). */
export function masteryRate(targetSkillIds: readonly string[], knowledgeElements: readonly KnowledgeElement[]): number {
  const targets = new Set(targetSkillIds);
  if (targets.size === 0) return 0;
  const validated = currentKnowledgeElements(knowledgeElements).filter((ke) => ke.status === 'validated' && targets.has(ke.skillId)).length;
  return validated / targets.size;
}
