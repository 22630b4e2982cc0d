/**
 * The AGS `timestamp` of the next score for one (user, line item). Moodle refuses (409)
 * a score whose timestamp is not later than the stored grade's, compared at **second**
 * resolution; two scores within one second, or a clock that stepped back, would be
 * refused. So the next timestamp is now if now falls in a later second than the previous
 * one sent for the pair, else the start of the following second. ISO-8601 with
 * milliseconds when sent.
 */
export function nextScoreTimestamp(previous: Date | undefined, now: Date): Date {
  if (!previous) return now;
  const followingSecond = (Math.floor(previous.getTime() / 1000) + 1) * 1000;
  return now.getTime() >= followingSecond ? now : new Date(followingSecond);
}

/** Whether Moodle would take `next` after `previous` (strictly later at second resolution). */
export function isStrictlyLaterSecond(previous: Date, next: Date): boolean {
  return Math.floor(next.getTime() / 1000) > Math.floor(previous.getTime() / 1000);
}
