import { abilityForSuccessProbability } from '../irt/two-pl.js';
import type { AdaptiveChallenge, AdaptiveSkill } from '../model.js';
import type { FlashAnswer } from './next-flash-challenge.js';

/** Pix's `SUCCESS_PROBABILITY_THRESHOLD`: a skill is inferred when its challenge would be passed with this probability. */
export const FLASH_INFERENCE_PROBABILITY = 0.95;

export interface FlashSkillOutcome {
  skill: AdaptiveSkill;
  source: 'direct' | 'inferred';
}

/**
 * Skills a FLASH campaign credits: those answered correctly (direct) plus those with a
 * calibrated challenge the estimated ability passes with probability ≥ 0.95, i.e.
 * θ ≥ b + ln(0.95/0.05)/a, Pix's `minimumCapability` (inferred). A skill counts once.
 */
export function flashCampaignSkills(input: {
  theta: number;
  skills: readonly AdaptiveSkill[];
  challenges: readonly AdaptiveChallenge[];
  answers: readonly FlashAnswer[];
  threshold?: number;
}): FlashSkillOutcome[] {
  const threshold = input.threshold ?? FLASH_INFERENCE_PROBABILITY;
  const skillById = new Map(input.skills.map((s) => [s.id, s]));
  const challengeById = new Map(input.challenges.map((c) => [c.id, c]));
  const outcome = new Map<string, FlashSkillOutcome>();
  for (const answer of input.answers) {
    if (!answer.correct) continue;
    const skill = skillById.get(challengeById.get(answer.challengeId)?.skillId ?? '');
    if (skill) outcome.set(skill.id, { skill, source: 'direct' });
  }
  for (const c of input.challenges) {
    const skill = skillById.get(c.skillId);
    if (!skill || outcome.has(skill.id) || c.irt === undefined || !(c.irt.discrimination > 0)) continue;
    if (input.theta >= abilityForSuccessProbability(c.irt.discrimination, c.irt.difficulty, threshold)) outcome.set(skill.id, { skill, source: 'inferred' });
  }
  return [...outcome.values()].sort((x, y) => (x.skill.id < y.skill.id ? -1 : x.skill.id > y.skill.id ? 1 : 0));
}
