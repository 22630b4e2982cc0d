import type { CompetenceLevel } from './rules.js';

/** One answer as the IRT model sees it (2PL: discrimination a, difficulty b). */
export interface ItemResponse {
  discrimination: number;
  difficulty: number;
  correct: boolean;
}

/**
 * The port to the flash engine (the adaptive context): ability estimation and the
 * θ → pix / θ → competence level mappings of certification v3. Certification scoring
 * depends on this interface only; the adaptive module provides the implementation.
 */
export interface CertificationScoringModel {
  /** Ability after these answers, in the order they were given (Pix's EAP re-centres its prior at each step). */
  estimateAbility(responses: readonly ItemResponse[]): { theta: number; standardError: number };
  /** θ → global pix score, 0–895. */
  pixScore(theta: number): number;
  /** θ → level (0–7) for each of the 16 competences. */
  competenceLevels(theta: number): CompetenceLevel[];
}
