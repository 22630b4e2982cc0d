import { isTimed, type AdaptiveChallenge, type AdaptiveSkill } from '../model.js';

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
 * The challenges a skill can be asked with in a locale: validated ones only (Pix prefers
 * validated over archived challenges; in this bank `archived` means "no longer picked",
 * so the preference becomes a filter), ordered by id so that picks do not depend on the
 * order the database returned them in.
 */
export function candidateChallenges(challenges: readonly AdaptiveChallenge[], locale: string): AdaptiveChallenge[] {
  const served = challenges.filter((c) => c.status === 'validated' && challengeMatchesLocale(c, locale));
  return served.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
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
    result.push({ skill, challenges: candidates, timed: candidates.every(isTimed) });
  }
  return result.sort((x, y) => (x.skill.id < y.skill.id ? -1 : x.skill.id > y.skill.id ? 1 : 0));
}
