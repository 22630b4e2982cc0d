import type { AbilityEstimate } from '../irt/ability-posterior.js';
import type { FlashEngineConfig } from './flash-session.js';
import type { FlashItemPool } from './item-pool.js';
import { replayFlashSession, type FlashAnswer } from './next-flash-challenge.js';
import {
  competenceLevelsForTheta,
  DEFAULT_COMPETENCE_LEVEL_INTERVALS,
  meshIndexForTheta,
  pixScoreForTheta,
  PIX_V3_MESH,
  type CompetenceLevelIntervals,
  type MeshLevelLabel,
  type ScoringMesh,
} from './score-mesh.js';

export interface FlashCertificationResult extends AbilityEstimate {
  answered: number;
  /** At least `minimumAnswersToValidate` answers. */
  validated: boolean;
  pixScore: number;
  meshIndex: number;
  meshLevel: MeshLevelLabel;
  competenceLevels: Record<string, number>;
}

/**
 * The outcome of a flash certification from its answers: θ (EAP) and its standard error,
 * the score on the mesh and the per-competence levels. Downgrading unfinished tests (Pix's
 * scoring-degradation service) is the certification context's business, on top of this.
 */
export function flashCertificationResult(input: {
  pool: FlashItemPool;
  config: FlashEngineConfig;
  answers: readonly FlashAnswer[];
  mesh?: ScoringMesh;
  competenceIntervals?: CompetenceLevelIntervals;
}): FlashCertificationResult {
  const mesh = input.mesh ?? PIX_V3_MESH;
  const estimate = replayFlashSession(input.pool, input.config, input.answers).estimate();
  const meshIndex = meshIndexForTheta(estimate.theta, mesh);
  return {
    ...estimate,
    answered: input.answers.length,
    validated: input.answers.length >= input.config.minimumAnswersToValidate,
    pixScore: pixScoreForTheta(estimate.theta, mesh),
    meshIndex,
    meshLevel: mesh.intervals[meshIndex].label,
    competenceLevels: competenceLevelsForTheta(estimate.theta, input.competenceIntervals ?? DEFAULT_COMPETENCE_LEVEL_INTERVALS),
  };
}
