import { isCorrect, type AdaptiveSkill, type AnsweredChallenge, type KnowledgeElement } from '../model.js';

/** Pix's `dayBeforeImproving`: an invalidated skill may be retried this many days later. */
export const DEFAULT_DAYS_BEFORE_IMPROVING = 4;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The knowledge elements that still count: the latest per skill, `reset` ones meaning
 * "not tested" (a competence reset writes them).
 */
export function currentKnowledgeElements(all: readonly KnowledgeElement[]): KnowledgeElement[] {
  const latest = new Map<string, KnowledgeElement>();
  for (const ke of all) {
    const seen = latest.get(ke.skillId);
    if (!seen || ke.createdAt.getTime() >= seen.createdAt.getTime()) latest.set(ke.skillId, ke);
  }
  return [...latest.values()].filter((ke) => ke.status !== 'reset');
}

/**
 * The knowledge elements an improving attempt starts from: validated skills stay acquired,
 * invalidated ones at least `daysBeforeImproving` old are forgotten so they can be asked again.
 */
export function knowledgeElementsForImprovement(
  all: readonly KnowledgeElement[],
  options: { now: Date; daysBeforeImproving?: number },
): KnowledgeElement[] {
  const days = options.daysBeforeImproving ?? DEFAULT_DAYS_BEFORE_IMPROVING;
  const threshold = options.now.getTime() - days * DAY_MS;
  return currentKnowledgeElements(all).filter((ke) => ke.status !== 'invalidated' || ke.createdAt.getTime() > threshold);
}

export interface AnswerToKnowledgeInput {
  answer: AnsweredChallenge;
  /** The skill of the answered challenge. */
  skill: AdaptiveSkill;
  /** Skills inference may reach (the assessment's target skills; the answered one may be among them). */
  targetSkills: readonly AdaptiveSkill[];
  /** The user's knowledge elements before this answer. */
  knowledgeElements: readonly KnowledgeElement[];
}

/**
 * Knowledge elements produced by one answer (Pix's `createKnowledgeElementsForAnswer`): a
 * direct one on the answered skill, then inferred ones on untested target skills of the
 * same tube — easier ones validated after a correct answer, harder ones invalidated after
 * a wrong one (skipped, timed out and focus-out answers are wrong).
 */
export function knowledgeElementsForAnswer(input: AnswerToKnowledgeInput): KnowledgeElement[] {
  const { answer, skill, targetSkills } = input;
  const validated = isCorrect(answer.result);
  const make = (target: AdaptiveSkill, source: KnowledgeElement['source']): KnowledgeElement => ({
    skillId: target.id,
    competenceId: target.competenceId,
    status: validated ? 'validated' : 'invalidated',
    source,
    earnedPix: validated ? target.pixValue : 0,
    answerId: answer.id,
    createdAt: answer.createdAt,
  });
  const tested = new Set(currentKnowledgeElements(input.knowledgeElements).map((ke) => ke.skillId));
  tested.add(skill.id);
  const inferred = targetSkills
    .filter((s) => s.tubeId === skill.tubeId && !tested.has(s.id))
    .filter((s) => (validated ? s.level < skill.level : s.level > skill.level))
    .sort((x, y) => x.level - y.level || x.id.localeCompare(y.id));
  const unique = inferred.filter((s, i) => inferred.findIndex((o) => o.id === s.id) === i);
  return [make(skill, 'direct'), ...unique.map((s) => make(s, 'inferred'))];
}
