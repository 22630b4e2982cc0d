/**
 * What the adaptive engines work on — engine-side shapes that the content context's read
 * services produce (skills, challenges) and the assessment context stores (knowledge
 * elements, answers). They carry only what the algorithms read; see docs/reference/adaptive-engines.md.
 */

/** An "acquis": one level (1–8) of one tube. */
export interface AdaptiveSkill {
  id: string;
  /** e.g. `@rechercheWeb3`; informative only. */
  name?: string;
  tubeId: string;
  competenceId: string;
  /** The level digit of the skill name, 1–8. */
  difficulty: number;
  /** Pix earned when the skill is validated (8 ÷ active skills of the same competence and level, ≤ 4). */
  pixValue: number;
}

/** Publication status of a challenge: only operative ones are played, validated preferred. */
export type ChallengeStatus = 'validated' | 'archived' | 'proposed' | 'obsolete';

/** An "épreuve": one question measuring exactly one skill. */
export interface AdaptiveChallenge {
  id: string;
  skillId: string;
  status: ChallengeStatus;
  /** Languages the challenge exists in (e.g. `fr`, `fr-fr`, `en`). */
  locales: readonly string[];
  /** True when the challenge has a timer. */
  timed: boolean;
  /** IRT calibration, when the challenge has one (flash engines only). */
  discrimination?: number;
  difficulty?: number;
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
