import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_POLICY, afterFailure, backoffDelayMs, outcomeOfStatus } from './delivery.js';

const policy = { ...DEFAULT_DELIVERY_POLICY, maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const now = new Date('2026-01-01T00:00:00Z');

describe('backoff', () => {
  it('doubles from the base delay, with up to half of it random', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(2, policy, () => 0)).toBe(1000);
    expect(backoffDelayMs(4, policy, () => 1)).toBe(8000);
  });

  it('is capped', () => {
    expect(backoffDelayMs(30, policy, () => 1)).toBe(60_000);
    expect(backoffDelayMs(30, policy, () => 0)).toBe(30_000);
  });

  it('spreads many retries (jitter)', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 100 }, () => backoffDelayMs(5, policy, random)));
    expect(delays.size).toBeGreaterThan(90);
  });

  it('with the defaults, the attempts span at least 6 hours before the dead letter', () => {
    let total = 0;
    for (let i = 1; i < DEFAULT_DELIVERY_POLICY.maxAttempts; i++) total += backoffDelayMs(i, DEFAULT_DELIVERY_POLICY, () => 0);
    expect(total / 3600_000).toBeGreaterThan(6);
    expect(total / 3600_000).toBeLessThan(7);
  });
});

describe('reading the registry’s answer', () => {
  it.each([
    [200, 'delivered'],
    [201, 'delivered'],
    [202, 'delivered'],
    [409, 'delivered'],
    [400, 'permanent'],
    [422, 'permanent'],
    [404, 'permanent'],
    [401, 'retry'],
    [403, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
  ])('%i → %s', (status, kind) => {
    expect(outcomeOfStatus(status, '').kind).toBe(kind);
  });

  it('keeps a short excerpt of the body in the error', () => {
    const outcome = outcomeOfStatus(422, 'x'.repeat(1000));
    expect(outcome.kind === 'permanent' && outcome.error.length).toBeLessThan(320);
  });
});

describe('after a failure', () => {
  it('schedules the next attempt until maxAttempts, then dead-letters', () => {
    const retry = { kind: 'retry', error: 'ECONNREFUSED' } as const;
    expect(afterFailure({ attempts: 1 }, retry, policy, now, () => 0)).toEqual({ state: 'pending', nextAttemptAt: new Date(now.getTime() + 500) });
    expect(afterFailure({ attempts: 4 }, retry, policy, now, () => 0).state).toBe('pending');
    expect(afterFailure({ attempts: 5 }, retry, policy, now, () => 0).state).toBe('dead');
  });

  it('dead-letters a permanent refusal at once', () => {
    expect(afterFailure({ attempts: 1 }, { kind: 'permanent', status: 422, error: 'bad' }, policy, now, () => 0).state).toBe('dead');
  });
});
