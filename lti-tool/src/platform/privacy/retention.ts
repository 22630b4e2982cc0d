/**
 * The retention rule for learner data (docs/guides/operations.md): data is kept for the
 * school year in which it was last touched (1 September–31 August), for
 * `schoolYears - 1` more school years, then for `graceMonths` — the ENT decree's "deleted
 * within three months" once a pupil no longer needs an account. With the defaults (1, 3),
 * data last touched during 2025–26 is purged from 1 December 2026, 00:00 UTC.
 */
export interface RetentionPolicy {
  schoolYears: number;
  graceMonths: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { schoolYears: 1, graceMonths: 3 };

/** 1 September of `year`, 00:00 UTC: the first instant of school year `year`–`year+1`. */
export function schoolYearStart(year: number): Date {
  return new Date(Date.UTC(year, 8, 1));
}

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
}

/** Data last touched before the returned instant is past retention on `now`. */
export function retentionCutoff(now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Date {
  if (!Number.isInteger(policy.schoolYears) || policy.schoolYears < 1) throw new Error('schoolYears must be a whole number ≥ 1');
  if (!Number.isInteger(policy.graceMonths) || policy.graceMonths < 0) throw new Error('graceMonths must be a whole number ≥ 0');
  // The latest end of a school year whose grace period is over.
  let year = now.getUTCFullYear();
  while (addMonths(schoolYearStart(year), policy.graceMonths) > now) year -= 1;
  return schoolYearStart(year - (policy.schoolYears - 1));
}
