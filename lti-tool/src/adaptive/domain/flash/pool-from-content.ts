import type { AdaptiveChallenge, AdaptiveSkill } from '../model.js';
import { candidateChallenges } from '../smart-random/playable-skills.js';
import { FlashItemPool, type FlashItem } from './item-pool.js';

/**
 * The flash pool of a bank: calibrated, validated challenges in the locale (as smart random
 * serves them), with competence and tube from their skill.
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
      items.push({ id: c.id, competenceId: skill.competenceId, tubeId: skill.tubeId, skillId, discrimination: c.irt!.discrimination, difficulty: c.irt!.difficulty });
    }
  }
  return FlashItemPool.from(items);
}

function isCalibrated(c: AdaptiveChallenge): boolean {
  return c.irt !== undefined && c.irt.discrimination > 0 && Number.isFinite(c.irt.difficulty);
}
