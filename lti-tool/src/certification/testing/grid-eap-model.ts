import { COMPETENCE_IDS } from '../domain/rules.js';
import type { CertificationScoringModel, ItemResponse } from '../domain/scoring-model.js';

/**
 * A small but real 2PL EAP estimator (standard normal prior, grid −6…6) with linear
 * θ → pix and θ → level mappings, for tests of certification code that needs *a*
 * scoring model. Production uses the adaptive module's flash engine.
 */
export function gridEapModel(): CertificationScoringModel & { calls: number } {
  const grid = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
  const model = {
    calls: 0,
    estimateAbility(responses: readonly ItemResponse[]) {
      model.calls += 1;
      const weights = grid.map((theta) => {
        let w = Math.exp(-(theta * theta) / 2);
        for (const r of responses) {
          const p = 1 / (1 + Math.exp(r.discrimination * (r.difficulty - theta)));
          w *= r.correct ? p : 1 - p;
        }
        return w;
      });
      const total = weights.reduce((a, b) => a + b, 0);
      const mean = grid.reduce((s, t, i) => s + t * weights[i]!, 0) / total;
      const variance = grid.reduce((s, t, i) => s + (t - mean) ** 2 * weights[i]!, 0) / total;
      return { theta: mean, standardError: Math.sqrt(variance) };
    },
    pixScore(theta: number) {
      return Math.max(0, Math.min(895, Math.floor(((theta + 4) / 8) * 896)));
    },
    competenceLevels(theta: number) {
      const level = Math.max(0, Math.min(7, Math.floor(theta + 3)));
      return COMPETENCE_IDS.map((competenceId) => ({ competenceId, level }));
    },
  };
  return model;
}
