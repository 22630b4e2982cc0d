import type { CompetenceLevel } from './rules.js';

/** Pix: certifiable with at least 5 competences at level 1 or more (`PlacementProfile.isCertifiable`). */
export const MINIMUM_CERTIFIABLE_COMPETENCES = 5;
export const MINIMUM_COMPETENCE_LEVEL = 1;

export function certifiableCompetenceCount(levels: readonly CompetenceLevel[]): number {
  const counted = new Set<string>();
  for (const { competenceId, level } of levels) if (level >= MINIMUM_COMPETENCE_LEVEL) counted.add(competenceId);
  return counted.size;
}

export function isCertifiable(levels: readonly CompetenceLevel[]): boolean {
  return certifiableCompetenceCount(levels) >= MINIMUM_CERTIFIABLE_COMPETENCES;
}
