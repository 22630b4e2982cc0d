/**
 * The adaptive context's public API: pure engines, no I/O (docs/reference/adaptive-engines.md).
 * Campaigns and certification call these; scoring lives in `assessment/domain/scoring.ts`.
 */
export type { AdaptiveChallenge, AdaptiveSkill, AnsweredChallenge, AnswerResult, KnowledgeElement, KnowledgeElementSource, KnowledgeElementStatus } from './domain/model.js';
export { isCorrect, isTimed } from './domain/model.js';
export { seededRandom, hashString, type Random } from './domain/random.js';

// Smart random (campaigns, competence evaluations).
export { nextSmartRandomChallenge, MAX_LEVEL_TO_BE_AN_EASY_TUBE, MAX_LEVELS_ABOVE_ESTIMATE, type SmartRandomInput, type SmartRandomStep } from './domain/smart-random/next-challenge.js';
export {
  knowledgeElementsForAnswer,
  knowledgeElementsForImprovement,
  currentKnowledgeElements,
  DEFAULT_DAYS_BEFORE_IMPROVING,
  type AnswerToKnowledgeInput,
} from './domain/smart-random/knowledge-elements.js';
export { estimateLevel, successProbability, DEFAULT_LEVEL, LEVEL_GRID } from './domain/smart-random/level-estimate.js';
export { candidateChallenges, challengeMatchesLocale } from './domain/smart-random/playable-skills.js';

// IRT and flash (certification v3, FLASH campaigns).
export { probabilityCorrect, fisherInformation, abilityForSuccessProbability } from './domain/irt/two-pl.js';
export { AbilityPosterior, estimateAbility, DEFAULT_GRID, STANDARD_NORMAL_PRIOR, type AbilityEstimate, type AbilityGridSpec, type NormalPrior } from './domain/irt/ability-posterior.js';
export { FlashItemPool, type FlashItem } from './domain/flash/item-pool.js';
export { flashPoolFromContent } from './domain/flash/pool-from-content.js';
export { FlashSession, type FlashEngineConfig, type FlashEndReason } from './domain/flash/flash-session.js';
export { selectFlashItem, type ExposureCounts, type ExposureControl, type FlashSelectionRules } from './domain/flash/select-item.js';
export type { ContentBalancingRule } from './domain/flash/content-balancing.js';
export { CERTIFICATION_FLASH_CONFIG, CAMPAIGN_FLASH_CONFIG, DEFAULT_FLASH_CAMPAIGN_LENGTH, campaignFlashConfig } from './domain/flash/flash-config.js';
export { nextFlashChallenge, replayFlashSession, UnknownFlashChallengeError, type FlashAnswer, type FlashStep, type NextFlashChallengeInput } from './domain/flash/next-flash-challenge.js';
export { flashCertificationResult, type FlashCertificationResult } from './domain/flash/flash-result.js';
export { flashCampaignSkills, FLASH_INFERENCE_PROBABILITY, type FlashSkillOutcome } from './domain/flash/flash-campaign-result.js';
export {
  pixScoreForTheta,
  meshIndexForTheta,
  competenceLevelsForTheta,
  PIX_V3_MESH,
  DEFAULT_COMPETENCE_LEVEL_INTERVALS,
  type ScoringMesh,
  type MeshInterval,
  type MeshLevelLabel,
  type CompetenceLevelIntervals,
} from './domain/flash/score-mesh.js';
