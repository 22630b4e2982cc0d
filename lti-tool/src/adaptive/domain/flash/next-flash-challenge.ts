import type { AbilityEstimate } from '../irt/ability-posterior.js';
import { seededRandom } from '../random.js';
import { FlashSession, type FlashEndReason, type FlashEngineConfig } from './flash-session.js';
import type { FlashItemPool } from './item-pool.js';
import type { ExposureCounts } from './select-item.js';

export interface FlashAnswer {
  challengeId: string;
  /** Only an `ok` answer is correct; skipped, timed-out and focus-out answers count as wrong. */
  correct: boolean;
}

export interface NextFlashChallengeInput {
  pool: FlashItemPool;
  config: FlashEngineConfig;
  /** This assessment's answers, oldest first. */
  answers: readonly FlashAnswer[];
  /** Seeds the pick, with the number of answers: a replayed request gets the same challenge. */
  assessmentId: string;
  /** How often each pool item has been given (by pool index) and the number of tests started; needed for exposure control. */
  exposure?: ExposureCounts;
}

export type FlashStep =
  | { kind: 'challenge'; challengeId: string; estimate: AbilityEstimate }
  | { kind: 'end'; reason: FlashEndReason; estimate: AbilityEstimate };

/** An answered challenge the pool does not know: the pool must be built from the assessment's bank version. */
export class UnknownFlashChallengeError extends Error {
  constructor(readonly challengeId: string) {
    super(`challenge ${challengeId} is not in the calibrated pool`);
    this.name = 'UnknownFlashChallengeError';
  }
}

/** Rebuilds the test from its answers (≈ 0.1 ms for 32 answers). */
export function replayFlashSession(pool: FlashItemPool, config: FlashEngineConfig, answers: readonly FlashAnswer[]): FlashSession {
  const session = new FlashSession(pool, config);
  for (const answer of answers) {
    const index = pool.indexOf(answer.challengeId);
    if (index < 0) throw new UnknownFlashChallengeError(answer.challengeId);
    session.answer(index, answer.correct);
  }
  return session;
}

/**
 * The next challenge of a flash assessment, or why it ends: stateless, deterministic for a
 * given assessment, answers and exposure counts.
 */
export function nextFlashChallenge(input: NextFlashChallengeInput): FlashStep {
  const session = replayFlashSession(input.pool, input.config, input.answers);
  const estimate = session.estimate();
  const reason = session.endReason();
  if (reason) return { kind: 'end', reason, estimate };
  const random = seededRandom(`${input.assessmentId}:${input.answers.length}`);
  const index = session.select(random, input.exposure);
  if (index < 0) return { kind: 'end', reason: 'no-item-left', estimate };
  return { kind: 'challenge', challengeId: input.pool.ids[index], estimate };
}
