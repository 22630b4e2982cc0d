export interface RetryPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
  /** After this long failing transiently, a grade is marked failed (still resendable): an LMS down for a week needs a person. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, giveUpAfterMs: 7 * 24 * 3600_000 };

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * min(max, base × 2^(n-1)). The random half spreads the retries of grades that failed
 * together (an LMS outage) so they do not all come back at once; the fixed half keeps a
 * floor so a failing LMS is not hammered.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, failedAttempts);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/** When to try a transient failure again, honouring a platform's Retry-After, or whether to give up. */
export function nextRetry(input: {
  failedAttempts: number;
  now: Date;
  since: Date;
  policy: RetryPolicy;
  retryAfterMs?: number;
  random?: () => number;
}): RetryDecision {
  const { now, policy } = input;
  if (now.getTime() - input.since.getTime() >= policy.giveUpAfterMs) return { retry: false };
  const delay = Math.max(retryDelayMs(input.failedAttempts, policy, input.random), input.retryAfterMs ?? 0);
  return { retry: true, at: new Date(now.getTime() + delay) };
}
