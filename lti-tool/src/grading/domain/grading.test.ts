import { describe, expect, it } from 'vitest';
import { GradeRuleViolation, checkFinalScore, checkLineItemTarget } from './final-score.js';
import { gradeKeyParts, sameScore, type GradeScore } from './grade.js';
import { canTransition, isResendable, statusesAllowedBefore } from './grade-status.js';
import { nextRetry, retryDelayMs, type RetryPolicy } from './retry-schedule.js';
import { isStrictlyLaterSecond, nextScoreTimestamp } from './score-timestamp.js';
import { readScoreResponse } from './score-response.js';

const final: GradeScore = { scoreGiven: 42, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' };

const violation = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof GradeRuleViolation) return err.code;
    throw err;
  }
  return undefined;
};

describe('the FullyGraded rule', () => {
  it('accepts a final score of a completed or submitted activity', () => {
    expect(violation(() => checkFinalScore(final))).toBeUndefined();
    expect(violation(() => checkFinalScore({ ...final, activityProgress: 'Submitted', scoreGiven: 0 }))).toBeUndefined();
    expect(violation(() => checkFinalScore({ ...final, scoreGiven: 100 }))).toBeUndefined();
  });

  it.each(['Pending', 'PendingManual', 'Failed', 'NotReady'] as const)('refuses gradingProgress %s (Moodle would blank the grade)', (gradingProgress) => {
    expect(violation(() => checkFinalScore({ ...final, gradingProgress }))).toBe('GRADE_NOT_FINAL');
  });

  it.each(['Initialized', 'Started', 'InProgress'] as const)('refuses FullyGraded with activityProgress %s', (activityProgress) => {
    expect(violation(() => checkFinalScore({ ...final, activityProgress }))).toBe('GRADE_NOT_FINAL');
  });

  it.each([
    { scoreGiven: -1 },
    { scoreGiven: 101 },
    { scoreGiven: Number.NaN },
    { scoreMaximum: 0 },
    { scoreMaximum: Number.POSITIVE_INFINITY },
    { comment: 'x'.repeat(4001) },
  ])('refuses an invalid score %o', (change) => {
    expect(violation(() => checkFinalScore({ ...final, ...change }))).toBe('GRADE_SCORE_INVALID');
  });

  it('checks a line item to create', () => {
    const target = { lineItemsUrl: 'https://moodle.test/li', label: 'Pix', scoreMaximum: 100 };
    expect(violation(() => checkLineItemTarget(target))).toBeUndefined();
    expect(violation(() => checkLineItemTarget({ ...target, label: ' ' }))).toBe('GRADE_LINE_ITEM_INVALID');
    expect(violation(() => checkLineItemTarget({ ...target, scoreMaximum: -5 }))).toBe('GRADE_LINE_ITEM_INVALID');
    expect(violation(() => checkLineItemTarget({ ...target, tag: 't'.repeat(300) }))).toBe('GRADE_LINE_ITEM_INVALID');
    expect(violation(() => checkLineItemTarget({ url: '' }))).toBe('GRADE_LINE_ITEM_INVALID');
  });
});

describe('idempotency', () => {
  it('sees the same score whatever the comment’s absence or emptiness', () => {
    expect(sameScore(final, { ...final, comment: '' })).toBe(true);
    expect(sameScore(final, { ...final, scoreGiven: 43 })).toBe(false);
    expect(sameScore(final, { ...final, comment: 'Bravo' })).toBe(false);
  });

  it('keys a grade by source and line item, not by score', () => {
    const base = { registrationId: 'r', userSub: 'u', resourceLinkId: 'rl', source: { type: 'campaign-participation', id: 'p1' } };
    const a = gradeKeyParts({ ...base, lineItem: { url: 'https://m/li/1' } });
    expect(gradeKeyParts({ ...base, lineItem: { url: 'https://m/li/1' } })).toEqual(a);
    expect(gradeKeyParts({ ...base, lineItem: { url: 'https://m/li/2' } })).not.toEqual(a);
    expect(gradeKeyParts({ ...base, source: { type: 'campaign-participation', id: 'p2' }, lineItem: { url: 'https://m/li/1' } })).not.toEqual(a);
  });
});

describe('score timestamps', () => {
  const at = (iso: string) => new Date(iso);

  it('uses now for the first score of a pair', () => {
    expect(nextScoreTimestamp(undefined, at('2026-03-01T10:00:00.250Z')).toISOString()).toBe('2026-03-01T10:00:00.250Z');
  });

  it('uses now when it falls in a later second', () => {
    expect(nextScoreTimestamp(at('2026-03-01T10:00:00.900Z'), at('2026-03-01T10:00:01.001Z')).toISOString()).toBe('2026-03-01T10:00:01.001Z');
  });

  it('moves to the next second when now is in the same second as the previous score', () => {
    expect(nextScoreTimestamp(at('2026-03-01T10:00:00.100Z'), at('2026-03-01T10:00:00.800Z')).toISOString()).toBe('2026-03-01T10:00:01.000Z');
  });

  it('keeps increasing when the clock steps back', () => {
    expect(nextScoreTimestamp(at('2026-03-01T10:00:05.000Z'), at('2026-03-01T10:00:02.000Z')).toISOString()).toBe('2026-03-01T10:00:06.000Z');
  });

  it('stays strictly increasing at second resolution over many scores in one second', () => {
    const now = at('2026-03-01T10:00:00.000Z');
    let previous: Date | undefined;
    for (let i = 0; i < 20; i++) {
      const next = nextScoreTimestamp(previous, new Date(now.getTime() + i * 7));
      if (previous) expect(isStrictlyLaterSecond(previous, next)).toBe(true);
      previous = next;
    }
  });
});

describe('retry schedule', () => {
  const policy: RetryPolicy = { baseMs: 1000, maxMs: 60_000, giveUpAfterMs: 3600_000 };

  it('doubles up to the cap, jittered between half and all of it', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect([1, 2, 3, 7].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 30000]);
    expect(retryDelayMs(1000, policy, () => 0.5)).toBe(45000);
  });

  it('honours Retry-After when it asks for more', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const decision = nextRetry({ failedAttempts: 1, now, since: now, policy, retryAfterMs: 30_000, random: () => 1 });
    expect(decision).toEqual({ retry: true, at: new Date('2026-03-01T10:00:30Z') });
  });

  it('gives up after giveUpAfterMs of failures', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(nextRetry({ failedAttempts: 40, now, since: new Date(now.getTime() - 3600_000), policy })).toEqual({ retry: false });
    expect(nextRetry({ failedAttempts: 40, now, since: new Date(now.getTime() - 3599_000), policy }).retry).toBe(true);
  });
});

describe('status transitions', () => {
  it('follows the life of a grade', () => {
    expect(canTransition('pending', 'delivering')).toBe(true);
    expect(canTransition('delivering', 'delivered')).toBe(true);
    expect(canTransition('delivering', 'failed')).toBe(true);
    expect(canTransition('delivering', 'pending')).toBe(true);
    expect(canTransition('failed', 'pending')).toBe(true);
    expect(canTransition('delivered', 'pending')).toBe(true);
  });

  it('never jumps over delivery', () => {
    expect(canTransition('pending', 'delivered')).toBe(false);
    expect(canTransition('pending', 'failed')).toBe(false);
    expect(canTransition('failed', 'delivered')).toBe(false);
    expect(canTransition('delivered', 'failed')).toBe(false);
    expect(canTransition('delivered', 'delivering')).toBe(false);
    expect(canTransition('pending', 'superseded')).toBe(false);
    expect(canTransition('superseded', 'delivered')).toBe(false);
  });

  it('lists where a transition may come from', () => {
    expect(statusesAllowedBefore('delivering').sort()).toEqual(['delivering', 'pending']);
    expect(statusesAllowedBefore('pending').sort()).toEqual(['delivered', 'delivering', 'failed', 'pending', 'superseded']);
  });

  it('lets a person resend anything not in flight', () => {
    expect(isResendable('delivering')).toBe(false);
    expect((['pending', 'delivered', 'failed', 'superseded'] as const).every((s) => isResendable(s))).toBe(true);
  });
});

describe('reading the LMS’s answer to a score', () => {
  it.each([200, 201, 204])('%s is delivered', (status) => {
    expect(readScoreResponse(status, '')).toEqual({ kind: 'delivered' });
  });

  it('keeps Moodle’s "user not gradable" 400 as permanent, with its reason', () => {
    expect(readScoreResponse(400, 'Incorrect score received')).toEqual({
      kind: 'permanent',
      code: 'LMS_USER_NOT_GRADABLE',
      reason: 'Incorrect score received',
      httpStatus: 400,
    });
  });

  it.each([
    [400, 'Missing timestamp', 'LMS_REJECTED'],
    [403, 'scope', 'LMS_FORBIDDEN'],
    [404, 'No such line item', 'LMS_LINE_ITEM_NOT_FOUND'],
    [409, 'Refusing score with an earlier timestamp', 'LMS_SCORE_CONFLICT'],
    [422, 'nope', 'LMS_REJECTED'],
    [302, 'redirect', 'LMS_REJECTED'],
  ])('%s %s is permanent %s', (status, reason, code) => {
    expect(readScoreResponse(status, reason)).toMatchObject({ kind: 'permanent', code, httpStatus: status });
  });
});
