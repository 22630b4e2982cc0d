import { describe, expect, it } from 'vitest';
import { isTimedOut, OFFLINE_ALLOWANCE_SECONDS, remainingSeconds, TIMER_GRACE_SECONDS } from './answer-timing.js';

const start = new Date('2026-03-12T09:00:00Z');
const after = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const base = { allowedSeconds: 60, startedAt: start, clientTimedOut: false, timeSpentSeconds: 30 };

describe('timer rule', () => {
  it('never times out an untimed challenge, whatever the client says', () => {
    expect(isTimedOut({ ...base, allowedSeconds: undefined, receivedAt: after(9999), clientTimedOut: true })).toBe(false);
  });

  it('takes an answer received within the time plus the grace', () => {
    expect(isTimedOut({ ...base, receivedAt: after(60 + TIMER_GRACE_SECONDS) })).toBe(false);
  });

  it('times out an answer received after the time plus the grace, by the server’s clock', () => {
    expect(isTimedOut({ ...base, receivedAt: after(60 + TIMER_GRACE_SECONDS + 1), timeSpentSeconds: 90 })).toBe(true);
  });

  it('believes the client when its timer ran out', () => {
    expect(isTimedOut({ ...base, receivedAt: after(10), clientTimedOut: true })).toBe(true);
  });

  it('accepts an answer kept offline: answered in time, delivered later within the allowance', () => {
    expect(isTimedOut({ ...base, receivedAt: after(60 + OFFLINE_ALLOWANCE_SECONDS), timeSpentSeconds: 50 })).toBe(false);
    expect(isTimedOut({ ...base, receivedAt: after(60 + TIMER_GRACE_SECONDS + OFFLINE_ALLOWANCE_SECONDS + 1), timeSpentSeconds: 50 })).toBe(true);
  });

  it('without a recorded start, judges by the measured time', () => {
    const noStart = { allowedSeconds: 60, clientTimedOut: false, receivedAt: after(1000) };
    expect(isTimedOut({ ...noStart, timeSpentSeconds: 64 })).toBe(false);
    expect(isTimedOut({ ...noStart, timeSpentSeconds: 66 })).toBe(true);
  });

  it('counts the seconds left by the server’s clock, never below 0', () => {
    expect(remainingSeconds(60, start, after(15.5))).toBe(45);
    expect(remainingSeconds(60, start, after(600))).toBe(0);
  });
});
