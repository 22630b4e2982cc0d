import type { AdaptiveChallenge, AdaptiveSkill } from '../model.js';

/** Whether a challenge is offered in a locale: exact match, or the language of a regional locale (`fr-fr` → `fr`). */
export function challengeMatchesLocale(challenge: AdaptiveChallenge, locale: string): boolean {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  return challenge.locales.some((l) => {
    const have = l.toLowerCase();
    return have === wanted || have === language;
  });
}

/**
 * The challenges a skill can be asked with in a locale: operative ones (validated or archived),
 * validated preferred (Pix's pick-challenge service), ordered by id so picks do not depend on
 * the order the database returned them in.
 */
export function candidateChallenges(challenges: readonly AdaptiveChallenge[], locale: string): AdaptiveChallenge[] {
  const operative = challenges.filter((c) => (c.status === 'validated' || c.status === 'archived') && challengeMatchesLocale(c, locale));
  const validated = operative.filter((c) => c.status === 'validated');
  const chosen = validated.length > 0 ? validated : operative;
  return [...chosen].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export interface PlayableSkill {
  skill: AdaptiveSkill;
  challenges: AdaptiveChallenge[];
  /** Every candidate challenge has a timer. */
  timed: boolean;
}

/** Target skills with at least one candidate challenge in the locale, deduplicated, ordered by id. */
export function playableSkills(
  targetSkills: readonly AdaptiveSkill[],
  challenges: readonly AdaptiveChallenge[],
  locale: string,
): PlayableSkill[] {
  const bySkill = new Map<string, AdaptiveChallenge[]>();
  for (const c of challenges) {
    const list = bySkill.get(c.skillId);
    if (list) list.push(c);
    else bySkill.set(c.skillId, [c]);
  }
  const seen = new Set<string>();
  const result: PlayableSkill[] = [];
  for (const skill of targetSkills) {
    if (seen.has(skill.id)) continue;
    seen.add(skill.id);
    const candidates = candidateChallenges(bySkill.get(skill.id) ?? [], locale);
    if (candidates.length === 0) continue;
    result.push({ skill, challenges: candidates, timed: candidates.every((c) => c.timed) });
  }
  return result.sort((x, y) => (x.skill.id < y.skill.id ? -1 : x.skill.id > y.skill.id ? 1 : 0));
}
