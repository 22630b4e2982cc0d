/**
 * Brute-force protection for the admin sign-in, per account (the e-mail typed, whether
 * or not it exists: no enumeration) and per client address. A few failures are free;
 * past that, each failure locks the key for a delay that doubles, up to a cap. Failures
 * older than the window are forgotten. Pure: the repository applies it atomically.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

/** Five tries per account: a person mistyping gets there rarely; a guesser gets ~100 tries a day. */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60, windowSeconds: 15 * 60 };
/** Addresses are shared (a school's NAT, a rectorat's proxy): more room, same progression. */
export const ADDRESS_THROTTLE: ThrottlePolicy = { freeFailures: 20, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60, windowSeconds: 15 * 60 };

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil?: Date;
}

/** The lock a key is under now, if any. */
export function lockedUntil(state: ThrottleState | undefined, now: Date): Date | undefined {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
}

/** Failures still counted at `now` (the window restarts after a quiet period). */
export function activeFailures(state: ThrottleState | undefined, policy: ThrottlePolicy, now: Date): number {
  if (!state) return 0;
  return now.getTime() - state.lastFailureAt.getTime() > policy.windowSeconds * 1000 ? 0 : state.failures;
}

/** The lock that follows the `failures`-th failure in a row (none while failures are free). */
export function lockAfter(failures: number, policy: ThrottlePolicy, now: Date): Date | undefined {
  if (failures <= policy.freeFailures) return undefined;
  const exponent = Math.min(failures - policy.freeFailures - 1, 30);
  const delay = Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
  return new Date(now.getTime() + delay * 1000);
}

/** When the state can be forgotten: after its lock and its window. */
export function forgetAt(state: ThrottleState, policy: ThrottlePolicy): Date {
  const windowEnd = state.lastFailureAt.getTime() + policy.windowSeconds * 1000;
  return new Date(Math.max(windowEnd, state.lockedUntil?.getTime() ?? 0));
}
