/**
 * What the adaptive engines work on: skills and challenges as the content context defines
 * them (only the fields the algorithms read), knowledge elements and answers as the
 * assessment context stores them. See docs/reference/adaptive-engines.md.
 */
import type { Challenge, ChallengeStatus } from '../../content/domain/challenge.js';
import type { Skill } from '../../content/domain/framework.js';

/**
 * An "acquis" as the engines read it: a structural subset of the content context's `Skill`,
 * so a `ContentSnapshot`'s skills are passed as they are. `level` (1–8) is the skill's
 * difficulty for smart random.
 */
export type AdaptiveSkill = Pick<Skill, 'id' | 'tubeId' | 'competenceId' | 'level' | 'pixValue'> & { name?: string };

/**
 * An "épreuve" as the engines read it: a subset of the content context's `Challenge`.
 * Only `validated` challenges are served (`archived` ones are no longer picked, content's rule).
 */
export type AdaptiveChallenge = Pick<Challenge, 'id' | 'skillId' | 'status' | 'locales' | 'timer' | 'irt'>;

export type { ChallengeStatus };

/** A challenge with a timer. */
export function isTimed(challenge: Pick<AdaptiveChallenge, 'timer'>): boolean {
  return challenge.timer !== undefined && challenge.timer > 0;
}

export type KnowledgeElementStatus = 'validated' | 'invalidated' | 'reset';
export type KnowledgeElementSource = 'direct' | 'inferred';

/** What the user is known to master (or not): one per skill and assessment event. */
export interface KnowledgeElement {
  skillId: string;
  competenceId: string;
  status: KnowledgeElementStatus;
  source: KnowledgeElementSource;
  /** The skill's pix value when validated, else 0. */
  earnedPix: number;
  /** The answer that produced it (directly or by inference). */
  answerId: string;
  createdAt: Date;
}

/** Pix's answer results: only `ok` is correct. */
export type AnswerResult = 'ok' | 'ko' | 'aband' | 'timedout' | 'focusedOut' | 'unimplemented';

export interface AnsweredChallenge {
  id: string;
  challengeId: string;
  result: AnswerResult;
  createdAt: Date;
}

export function isCorrect(result: AnswerResult): boolean {
  return result === 'ok';
}
