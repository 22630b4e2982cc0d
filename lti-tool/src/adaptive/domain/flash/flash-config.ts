import { DEFAULT_GRID, STANDARD_NORMAL_PRIOR } from '../irt/ability-posterior.js';
import type { FlashEngineConfig } from './flash-session.js';

/**
 * Certification (v3): 32 questions, 20 answers to validate, every competence twice and never
 * twice within 2 questions, every competence seen by the 20th answer, one question per tube,
 * exposure ≤ 25 % of tests with the overlap penalty. The values come from the simulation
 * (docs/reference/adaptive-engines.md, `npm run bench:adaptive`).
 */
export const CERTIFICATION_FLASH_CONFIG: FlashEngineConfig = {
  length: 32,
  minimumAnswersToValidate: 20,
  prior: STANDARD_NORMAL_PRIOR,
  grid: DEFAULT_GRID,
  rules: {
    oneItemPerTube: true,
    oneItemPerSkill: true,
    contentBalancing: { minGap: 2, equalQuotas: true, coverAllBy: 20 },
    randomesque: 1,
    exposurePenalty: 1.5,
  },
  exposureRMax: 0.25,
  stopAtStandardError: null,
};

/** Pix's `NUMBER_OF_CHALLENGES_FOR_FLASH_METHOD` default for flash campaigns. */
export const DEFAULT_FLASH_CAMPAIGN_LENGTH = 48;

/**
 * FLASH campaigns: 48 questions by default over the target profile's skills; a skill is asked
 * once, competences are spread when possible (no quotas: a profile may cover few competences),
 * and there is no exposure control (campaign tests are formative).
 */
export const CAMPAIGN_FLASH_CONFIG: FlashEngineConfig = {
  length: DEFAULT_FLASH_CAMPAIGN_LENGTH,
  minimumAnswersToValidate: 0,
  prior: STANDARD_NORMAL_PRIOR,
  grid: DEFAULT_GRID,
  rules: {
    oneItemPerTube: false,
    oneItemPerSkill: true,
    contentBalancing: { minGap: 2, equalQuotas: false, coverAllBy: null },
    randomesque: 1,
    exposurePenalty: 0,
  },
  exposureRMax: null,
  stopAtStandardError: null,
};

/** A campaign configuration of a given length (the campaign's own setting). */
export function campaignFlashConfig(length: number = DEFAULT_FLASH_CAMPAIGN_LENGTH): FlashEngineConfig {
  if (!Number.isInteger(length) || length < 1) throw new RangeError('flash campaign length must be a positive integer');
  return { ...CAMPAIGN_FLASH_CONFIG, length };
}
