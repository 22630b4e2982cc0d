import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './retention.js';

describe('retentionCutoff (a school year plus 3 months by default)', () => {
  it.each([
    // now, expected cutoff: data last touched before it is purged
    ['2026-10-15T12:00:00Z', '2025-09-01T00:00:00.000Z'], // 2025–26 data is still within its 3 months' grace
    ['2026-11-30T23:59:59Z', '2025-09-01T00:00:00.000Z'],
    ['2026-12-01T00:00:00Z', '2026-09-01T00:00:00.000Z'], // grace over: 2025–26 data goes
    ['2027-03-01T00:00:00Z', '2026-09-01T00:00:00.000Z'],
    ['2027-08-31T23:00:00Z', '2026-09-01T00:00:00.000Z'],
  ])('on %s purges what was last touched before %s', (now, cutoff) => {
    expect(retentionCutoff(new Date(now)).toISOString()).toBe(cutoff);
  });

  it('keeps more school years and another grace when configured', () => {
    expect(retentionCutoff(new Date('2027-01-10T00:00:00Z'), { schoolYears: 2, graceMonths: 3 }).toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-09-02T00:00:00Z'), { schoolYears: 1, graceMonths: 0 }).toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('refuses a nonsensical policy', () => {
    expect(() => retentionCutoff(new Date(), { schoolYears: 0, graceMonths: 3 })).toThrow(/schoolYears/);
  });
});
