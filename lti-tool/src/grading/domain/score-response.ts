/**
 * What an AGS score POST's answer means for the grade. 401, 408, 429 and 5xx never get
 * here: the service client renews the token or reports a transient failure first.
 */
export type ScoreOutcome =
  | { kind: 'delivered' }
  | { kind: 'permanent'; code: string; reason: string; httpStatus: number; lineItemGone?: boolean };

/**
 * Moodle answers 400 "Incorrect score received" when the user is not enrolled with a
 * gradable role (teachers, admins, unenrolled learners); our scores are validated
 * before sending, so that is what a 400 with these words means.
 */
const NOT_GRADABLE = /incorrect score received|not (?:a )?gradable|not enrol+ed|user .*not .*(?:enrol|found)/i;

export function readScoreResponse(status: number, reason: string): ScoreOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 400 && NOT_GRADABLE.test(reason)) return { kind: 'permanent', code: 'LMS_USER_NOT_GRADABLE', reason, httpStatus: status };
  if (status === 404) return { kind: 'permanent', code: 'LMS_LINE_ITEM_NOT_FOUND', reason, httpStatus: status, lineItemGone: true };
  if (status === 409) {
    // Our timestamps are strictly increasing per (user, line item): a 409 means the grade changed in the LMS after our last score (a teacher's edit).
    return { kind: 'permanent', code: 'LMS_SCORE_CONFLICT', reason, httpStatus: status };
  }
  if (status === 403) return { kind: 'permanent', code: 'LMS_FORBIDDEN', reason, httpStatus: status };
  return { kind: 'permanent', code: 'LMS_REJECTED', reason, httpStatus: status };
}
