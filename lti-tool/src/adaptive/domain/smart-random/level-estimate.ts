import type { AdaptiveSkill, KnowledgeElement } from '../model.js';

/** Pix's level grid for smart random: 0.5, 1, …, 7.5. */
export const LEVEL_GRID: readonly number[] = Array.from({ length: 15 }, (_, i) => 0.5 + i * 0.5);
/** Level assumed before any answer (and the level of the first challenge). */
export const DEFAULT_LEVEL = 2;

/** Pix's Rasch-like success model on skill levels: P = 1 / (1 + e^{−(level − difficulty)}). */
export function successProbability(level: number, difficulty: number): number {
  return 1 / (1 + Math.exp(-(level - difficulty)));
}

/**
 * The level on the 0.5–7.5 grid that best explains the direct answers: the one minimising
 * |Σ (outcome − P)|, with two virtual answers (difficulty 0 right, difficulty 7 wrong) so that
 * all-right or all-wrong patterns still have an estimate. Ties go to the lower level.
 * Inferred knowledge elements are left out: they are consequences of the direct ones.
 */
export function estimateLevel(knowledgeElements: readonly KnowledgeElement[], skills: readonly AdaptiveSkill[]): number {
  const difficultyById = new Map(skills.map((s) => [s.id, s.level]));
  const observations: { outcome: number; difficulty: number }[] = [
    { outcome: 1, difficulty: 0 },
    { outcome: 0, difficulty: 7 },
  ];
  for (const ke of knowledgeElements) {
    if (ke.source !== 'direct' || ke.status === 'reset') continue;
    const difficulty = difficultyById.get(ke.skillId);
    if (difficulty === undefined) continue;
    observations.push({ outcome: ke.status === 'validated' ? 1 : 0, difficulty });
  }
  let best = LEVEL_GRID[0];
  let bestGap = Infinity;
  for (const level of LEVEL_GRID) {
    let sum = 0;
    for (const o of observations) sum += o.outcome - successProbability(level, o.difficulty);
    const gap = Math.abs(sum);
    // A strict comparison keeps the lowest level on ties (up to rounding).
    if (gap < bestGap - 1e-12) {
      best = level;
      bestGap = gap;
    }
  }
  return best;
}
