/**
 * Where an assessment stands, from the facts recorded: how many answers, whether the
 * engine ended the test, which checkpoints the learner acknowledged. Pix's rule
 * (pix-domain.md §3a.6): tests with checkpoints (smart random) show one after every
 * 5th answer and a final one after the last answer; tests without go straight on.
 */
export const ANSWERS_BETWEEN_CHECKPOINTS = 5;

export interface StepFacts {
  checkpoints: boolean;
  /** Answers recorded. */
  answered: number;
  /** The engine said there is no next challenge. */
  ended: boolean;
  /** Highest checkpoint number acknowledged (0 for none). */
  acknowledged: number;
  /** The challenge the engine chose after the last answer (or the first one), when not ended. */
  nextChallengeId?: string;
}

export type CurrentStep =
  | { kind: 'challenge'; challengeId: string; number: number }
  | { kind: 'checkpoint'; number: number; final: boolean; fromAnswer: number; toAnswer: number }
  | { kind: 'completed' };

/** The checkpoint due after `answered` answers, if any (acknowledged or not). */
export function checkpointAfter(facts: Pick<StepFacts, 'checkpoints' | 'answered' | 'ended'>): { number: number; final: boolean; fromAnswer: number; toAnswer: number } | undefined {
  const { answered } = facts;
  if (!facts.checkpoints || answered === 0) return undefined;
  if (answered % ANSWERS_BETWEEN_CHECKPOINTS !== 0 && !facts.ended) return undefined;
  const number = Math.ceil(answered / ANSWERS_BETWEEN_CHECKPOINTS);
  return { number, final: facts.ended, fromAnswer: (number - 1) * ANSWERS_BETWEEN_CHECKPOINTS + 1, toAnswer: answered };
}

export function currentStep(facts: StepFacts): CurrentStep {
  const checkpoint = checkpointAfter(facts);
  if (checkpoint && facts.acknowledged < checkpoint.number) return { kind: 'checkpoint', ...checkpoint };
  if (facts.ended || facts.nextChallengeId === undefined) return { kind: 'completed' };
  return { kind: 'challenge', challengeId: facts.nextChallengeId, number: facts.answered + 1 };
}

/** Opaque to clients, but stable: `cp3` is the third checkpoint. */
export const checkpointId = (number: number): string => `cp${number}`;

export function checkpointNumberOf(id: string): number | undefined {
  const match = /^cp([1-9]\d{0,3})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
