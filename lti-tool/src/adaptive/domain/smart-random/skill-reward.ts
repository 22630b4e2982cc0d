import type { AdaptiveSkill } from '../model.js';
import { successProbability } from './level-estimate.js';

/**
 * Expected number of skills an answer settles (Pix's reward): a correct answer settles the
 * skill and every untested easier skill of its tube (validated by inference), a wrong one
 * the skill and every untested harder one (invalidated). Reward = P·easier + (1 − P)·harder,
 * both counts including the skill itself.
 */
export function skillReward(input: {
  skill: AdaptiveSkill;
  level: number;
  /** Untested target skills of the skill's tube (the skill included). */
  untestedInTube: readonly AdaptiveSkill[];
}): number {
  const { skill, level, untestedInTube } = input;
  const p = successProbability(level, skill.level);
  let easier = 0;
  let harder = 0;
  for (const s of untestedInTube) {
    if (s.level <= skill.level) easier++;
    if (s.level >= skill.level) harder++;
  }
  return p * easier + (1 - p) * harder;
}
