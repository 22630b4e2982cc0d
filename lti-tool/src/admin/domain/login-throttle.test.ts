import { describe, expect, it } from 'vitest';
import { ACCOUNT_THROTTLE, activeFailures, forgetAt, lockAfter, lockedUntil } from './login-throttle.js';

const now = new Date('2026-10-01T08:00:00Z');
const seconds = (d: Date | undefined) => (d ? (d.getTime() - now.getTime()) / 1000 : undefined);

describe('login throttle policy', () => {
  it('lets the free failures pass, then doubles the delay up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => lockAfter(n, ACCOUNT_THROTTLE, now))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([6, 7, 8, 9, 10, 11, 12, 40].map((n) => seconds(lockAfter(n, ACCOUNT_THROTTLE, now)))).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('forgets failures after a quiet window and reports only live locks', () => {
    const state = { failures: 7, lastFailureAt: now, lockedUntil: new Date(now.getTime() + 60_000) };
    expect(activeFailures(state, ACCOUNT_THROTTLE, new Date(now.getTime() + 14 * 60_000))).toBe(7);
    expect(activeFailures(state, ACCOUNT_THROTTLE, new Date(now.getTime() + 16 * 60_000))).toBe(0);
    expect(lockedUntil(state, now)).toEqual(state.lockedUntil);
    expect(lockedUntil(state, new Date(now.getTime() + 61_000))).toBeUndefined();
    expect(forgetAt(state, ACCOUNT_THROTTLE).getTime()).toBe(now.getTime() + 15 * 60_000);
  });
});
