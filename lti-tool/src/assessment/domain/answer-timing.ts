/**
 * The timer rule for timed challenges (pix-domain.md §1: an answer after the time is
 * `timedout`). The server does not trust the client's clock alone:
 * - with a recorded start (`…/start`), an answer received after
 *   `startedAt + allowedSeconds + TIMER_GRACE_SECONDS` is timed out;
 * - unless it is an answer the device kept while offline: then it counts as on time when
 *   the learner's own measured time on the question (`timeSpentSeconds`) was within the
 *   limit and the answer arrives within `OFFLINE_ALLOWANCE_SECONDS` of the deadline;
 * - without a recorded start (a client that never called `…/start`), the measured time
 *   decides;
 * - the client's own `timedOut` flag always counts (the timer ran out on screen).
 * Untimed challenges are never timed out.
 */
export const TIMER_GRACE_SECONDS = 5;
export const OFFLINE_ALLOWANCE_SECONDS = 15 * 60;

export interface TimingFacts {
  /** The learner's time limit (the challenge's timer plus any extra time), undefined when untimed. */
  allowedSeconds?: number;
  startedAt?: Date;
  receivedAt: Date;
  clientTimedOut: boolean;
  timeSpentSeconds: number;
}

export function isTimedOut(facts: TimingFacts): boolean {
  const allowed = facts.allowedSeconds;
  if (allowed === undefined) return false;
  if (facts.clientTimedOut) return true;
  const measuredInTime = facts.timeSpentSeconds <= allowed + TIMER_GRACE_SECONDS;
  if (!facts.startedAt) return !measuredInTime;
  const deadline = facts.startedAt.getTime() + (allowed + TIMER_GRACE_SECONDS) * 1000;
  const received = facts.receivedAt.getTime();
  if (received <= deadline) return false;
  return !(measuredInTime && received <= deadline + OFFLINE_ALLOWANCE_SECONDS * 1000);
}

/** Seconds left on a started timed challenge by the server's clock (0 when over). */
export function remainingSeconds(allowedSeconds: number, startedAt: Date, now: Date): number {
  return Math.max(0, allowedSeconds - Math.floor((now.getTime() - startedAt.getTime()) / 1000));
}
