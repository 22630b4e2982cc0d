import type { AdaptiveChallenge, AdaptiveSkill } from '../model.js';
import { candidateChallenges } from '../smart-random/playable-skills.js';
import { FlashItemPool, type FlashItem } from './item-pool.js';

/**
 * The flash pool of a bank: calibrated, operative challenges in the locale (validated ones
 * preferred per skill, as smart random does), with competence and tube from their skill.
 * Build it once per bank version and locale and reuse it: it is immutable.
 */
export function flashPoolFromContent(input: {
  skills: readonly AdaptiveSkill[];
  challenges: readonly AdaptiveChallenge[];
  locale: string;
}): FlashItemPool {
  const skillById = new Map(input.skills.map((s) => [s.id, s]));
  const bySkill = new Map<string, AdaptiveChallenge[]>();
  for (const c of input.challenges) {
    if (!skillById.has(c.skillId) || !isCalibrated(c)) continue;
    const list = bySkill.get(c.skillId);
    if (list) list.push(c);
    else bySkill.set(c.skillId, [c]);
  }
  const items: FlashItem[] = [];
  for (const [skillId, challenges] of [...bySkill.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const skill = skillById.get(skillId)!;
    for (const c of candidateChallenges(challenges, input.locale)) {
      items.push({ id: c.id, competenceId: skill.competenceId, tubeId: skill.tubeId, skillId, discrimination: c.discrimination!, difficulty: c.difficulty! });
    }
  }
  return FlashItemPool.from(items);
}

function isCalibrated(c: AdaptiveChallenge): boolean {
  return c.discrimination !== undefined && c.discrimination > 0 && c.difficulty !== undefined && Number.isFinite(c.difficulty);
}
