import { isTimed, type AdaptiveChallenge, type AdaptiveSkill, type KnowledgeElement } from '../model.js';
import { seededRandom } from '../random.js';
import { currentKnowledgeElements } from './knowledge-elements.js';
import { DEFAULT_LEVEL, estimateLevel } from './level-estimate.js';
import { playableSkills, type PlayableSkill } from './playable-skills.js';
import { skillReward } from './skill-reward.js';

/** A tube whose hardest target skill is at most this level is "easy" and asked first. */
export const MAX_LEVEL_TO_BE_AN_EASY_TUBE = 3;
/** Skills more than this many levels above the estimate are not asked. */
export const MAX_LEVELS_ABOVE_ESTIMATE = 2;

export interface SmartRandomInput {
  /** Seeds the pick: the same assessment in the same state always gets the same challenge. */
  assessmentId: string;
  /** The campaign's skills (target-profile tubes up to their level caps) or all skills of one competence. */
  targetSkills: readonly AdaptiveSkill[];
  /** Challenges of the target skills, any status or locale (filtered here). */
  challenges: readonly AdaptiveChallenge[];
  /** The user's knowledge elements, all assessments included (improvement filter already applied). */
  knowledgeElements: readonly KnowledgeElement[];
  /** This assessment's answers, oldest first. */
  answers: readonly { challengeId: string }[];
  locale: string;
}

export type SmartRandomStep =
  | { kind: 'challenge'; challenge: AdaptiveChallenge; skill: AdaptiveSkill; estimatedLevel: number; /** 0 for the first challenge. */ reward: number }
  | { kind: 'end'; reason: 'no-playable-skill' | 'all-skills-tested' | 'no-rewarding-skill'; estimatedLevel: number };

/**
 * Pix's "smart random" next challenge. Filters, in order: playable in the locale → untested →
 * not more than 2 levels above the estimate → from easy tubes if any → not timed right after a
 * timed challenge if any; then the skills with the largest reward (> 0). The first challenge
 * of an assessment is instead an untested, untimed level-2 skill of an easy tube (or the
 * lowest level available). The test ends when no skill is left with a reward.
 *
 * One deliberate difference from Pix's pipeline: the "too difficult" filter runs before the
 * easy-tube preference, so untested hard skills of easy tubes cannot hide playable skills of
 * other tubes and end the test early.
 */
export function nextSmartRandomChallenge(input: SmartRandomInput): SmartRandomStep {
  const { targetSkills, locale } = input;
  const knowledge = currentKnowledgeElements(input.knowledgeElements);
  const tested = new Set(knowledge.map((ke) => ke.skillId));
  const playable = playableSkills(targetSkills, input.challenges, locale);
  const isFirst = input.answers.length === 0;
  const estimatedLevel = isFirst ? DEFAULT_LEVEL : estimateLevel(knowledge, targetSkills);
  if (playable.length === 0) return { kind: 'end', reason: 'no-playable-skill', estimatedLevel };
  const untested = playable.filter((p) => !tested.has(p.skill.id));
  if (untested.length === 0) return { kind: 'end', reason: 'all-skills-tested', estimatedLevel };

  const tubes = groupByTube(targetSkills);
  const easyTube = (tubeId: string) => Math.max(...(tubes.get(tubeId) ?? []).map((s) => s.level)) <= MAX_LEVEL_TO_BE_AN_EASY_TUBE;
  const lastChallenge = isFirst ? undefined : input.challenges.find((c) => c.id === input.answers[input.answers.length - 1].challengeId);
  const lastWasTimed = lastChallenge !== undefined && isTimed(lastChallenge);

  let candidates: PlayableSkill[];
  if (isFirst) {
    candidates = prefer(untested, (p) => easyTube(p.skill.tubeId));
    candidates = prefer(candidates, (p) => !p.timed);
    const atDefault = candidates.filter((p) => p.skill.level === DEFAULT_LEVEL);
    const lowest = Math.min(...candidates.map((p) => p.skill.level));
    candidates = atDefault.length > 0 ? atDefault : candidates.filter((p) => p.skill.level === lowest);
  } else {
    candidates = untested.filter((p) => p.skill.level <= estimatedLevel + MAX_LEVELS_ABOVE_ESTIMATE);
    candidates = prefer(candidates, (p) => easyTube(p.skill.tubeId));
    if (lastWasTimed) candidates = prefer(candidates, (p) => !p.timed);
  }

  // The first challenge is chosen by the filters alone (Pix's `_findFirstChallenge`), the others by reward.
  let best: PlayableSkill[] = isFirst ? candidates : [];
  let bestReward = 0;
  for (const p of isFirst ? [] : candidates) {
    const untestedInTube = (tubes.get(p.skill.tubeId) ?? []).filter((s) => !tested.has(s.id));
    const reward = skillReward({ skill: p.skill, level: estimatedLevel, untestedInTube });
    if (reward > bestReward + 1e-12) {
      best = [p];
      bestReward = reward;
    } else if (Math.abs(reward - bestReward) <= 1e-12 && reward > 0) {
      best.push(p);
    }
  }
  if (best.length === 0) return { kind: 'end', reason: 'no-rewarding-skill', estimatedLevel };

  const random = seededRandom(`${input.assessmentId}:${input.answers.length}`);
  const chosen = best[Math.floor(random() * best.length)];
  const challenges = lastWasTimed ? prefer(chosen.challenges, (c) => !isTimed(c)) : chosen.challenges;
  const challenge = challenges[Math.floor(random() * challenges.length)];
  return { kind: 'challenge', challenge, skill: chosen.skill, estimatedLevel, reward: bestReward };
}

/** Keeps the items satisfying `predicate` when there are any, else all of them. */
function prefer<T>(items: T[], predicate: (item: T) => boolean): T[] {
  const kept = items.filter(predicate);
  return kept.length > 0 ? kept : items;
}

function groupByTube(skills: readonly AdaptiveSkill[]): Map<string, AdaptiveSkill[]> {
  const tubes = new Map<string, AdaptiveSkill[]>();
  const seen = new Set<string>();
  for (const s of skills) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const list = tubes.get(s.tubeId);
    if (list) list.push(s);
    else tubes.set(s.tubeId, [s]);
  }
  return tubes;
}
