import { AbilityPosterior, DEFAULT_GRID, STANDARD_NORMAL_PRIOR, type AbilityGridSpec, type NormalPrior } from '../irt/ability-posterior.js';
import {
  competenceLevelsForTheta,
  DEFAULT_COMPETENCE_LEVEL_INTERVALS,
  pixScoreForTheta,
  PIX_V3_MESH,
  type CompetenceLevelIntervals,
  type ScoringMesh,
} from './score-mesh.js';

/** One answer as the 2PL sees it. */
export interface ScoredResponse {
  discrimination: number;
  difficulty: number;
  correct: boolean;
}

/**
 * The flash engine's scoring side, shaped as the certification context's
 * `CertificationScoringModel` port (structurally; no import of that context): EAP ability with
 * its posterior SD, θ → 0–895 pix on the v3 mesh, θ → level of each competence.
 */
export interface FlashScoringModel {
  estimateAbility(responses: readonly ScoredResponse[]): { theta: number; standardError: number };
  pixScore(theta: number): number;
  competenceLevels(theta: number): { competenceId: string; level: number }[];
}

export function flashScoringModel(
  options: { prior?: NormalPrior; grid?: AbilityGridSpec; mesh?: ScoringMesh; competenceIntervals?: CompetenceLevelIntervals } = {},
): FlashScoringModel {
  const prior = options.prior ?? STANDARD_NORMAL_PRIOR;
  const grid = options.grid ?? DEFAULT_GRID;
  const mesh = options.mesh ?? PIX_V3_MESH;
  const intervals = options.competenceIntervals ?? DEFAULT_COMPETENCE_LEVEL_INTERVALS;
  return {
    estimateAbility(responses) {
      const posterior = new AbilityPosterior(prior, grid);
      for (const r of responses) posterior.update(r.discrimination, r.difficulty, r.correct);
      const { theta, se } = posterior.estimate();
      return { theta, standardError: se };
    },
    pixScore: (theta) => pixScoreForTheta(theta, mesh),
    competenceLevels: (theta) => Object.entries(competenceLevelsForTheta(theta, intervals)).map(([competenceId, level]) => ({ competenceId, level })),
  };
}
