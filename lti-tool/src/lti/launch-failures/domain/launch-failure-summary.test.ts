import { describe, expect, it } from 'vitest';
import { summariseLaunchFailures } from './launch-failure-summary.js';

const now = new Date('2026-11-20T15:42:00Z');

describe('summariseLaunchFailures', () => {
  it('gives 24 hourly points for one day, zeros included, and totals by code, most frequent first', () => {
    const s = summariseLaunchFailures(
      [
        { code: 'LTI_STATE_UNKNOWN', hour: new Date('2026-11-20T15:00:00Z'), count: 2 },
        { code: 'LTI_PLATFORM_UNKNOWN', hour: new Date('2026-11-20T15:00:00Z'), count: 1 },
        { code: 'LTI_STATE_UNKNOWN', hour: new Date('2026-11-20T10:00:00Z'), count: 3 },
        { code: 'LTI_STATE_UNKNOWN', hour: new Date('2026-11-19T15:00:00Z'), count: 9 }, // 24 h ago: outside
      ],
      { days: 1, now },
    );
    expect(s.step).toBe('hour');
    expect(s.series).toHaveLength(24);
    expect(s.series.at(-1)).toEqual({ at: '2026-11-20T15:00:00.000Z', total: 3, counts: { LTI_STATE_UNKNOWN: 2, LTI_PLATFORM_UNKNOWN: 1 } });
    expect(s.series[0]!.at).toBe('2026-11-19T16:00:00.000Z');
    expect(s.series.find((p) => p.at === '2026-11-20T10:00:00.000Z')!.total).toBe(3);
    expect(s.codes).toEqual([
      { code: 'LTI_STATE_UNKNOWN', total: 5 },
      { code: 'LTI_PLATFORM_UNKNOWN', total: 1 },
    ]);
    expect(s.total).toBe(6);
    expect(s.to).toBe('2026-11-20T16:00:00.000Z');
  });

  it('adds hours up by UTC day beyond one day', () => {
    const s = summariseLaunchFailures(
      [
        { code: 'LTI_NONCE_REUSED', hour: new Date('2026-11-20T01:00:00Z'), count: 1 },
        { code: 'LTI_NONCE_REUSED', hour: new Date('2026-11-20T14:00:00Z'), count: 4 },
        { code: 'LTI_NONCE_REUSED', hour: new Date('2026-11-14T14:00:00Z'), count: 2 },
        { code: 'LTI_NONCE_REUSED', hour: new Date('2026-11-13T23:00:00Z'), count: 7 }, // before the 7 days
      ],
      { days: 7, now },
    );
    expect(s.step).toBe('day');
    expect(s.series.map((p) => p.total)).toEqual([2, 0, 0, 0, 0, 0, 5]);
    expect(s.series[0]!.at).toBe('2026-11-14T00:00:00.000Z');
    expect(s.total).toBe(7);
  });

  it('is empty but regular without failures', () => {
    const s = summariseLaunchFailures([], { days: 30, now });
    expect(s.series).toHaveLength(30);
    expect(s.codes).toEqual([]);
    expect(s.total).toBe(0);
  });
});
