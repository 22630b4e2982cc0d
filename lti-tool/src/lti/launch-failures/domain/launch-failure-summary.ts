/** One hour's count of one code (what the repository stores), as the summary reads it. */
export interface FailureCount {
  code: string;
  hour: Date;
  count: number;
}

export interface LaunchFailureSummary {
  from: string;
  to: string;
  /** Width of each point of the series: hours for a day, days beyond. */
  step: 'hour' | 'day';
  /** Every code seen in the window, most frequent first. */
  codes: Array<{ code: string; total: number }>;
  /** One point per step of the window, oldest first, zeros included (a chart needs them). */
  series: Array<{ at: string; total: number; counts: Record<string, number> }>;
  total: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Counts over a window of `days` ending now: totals by code and a regular series (per
 * hour for one day, per UTC day beyond) for the operations chart and its table.
 */
export function summariseLaunchFailures(counts: readonly FailureCount[], window: { days: number; now: Date }): LaunchFailureSummary {
  const step = window.days <= 1 ? 'hour' : 'day';
  const width = step === 'hour' ? HOUR_MS : DAY_MS;
  const end = Math.floor(window.now.getTime() / width) * width;
  const points = step === 'hour' ? 24 : window.days;
  const start = end - (points - 1) * width;
  const series = Array.from({ length: points }, (_, i) => ({ at: new Date(start + i * width).toISOString(), total: 0, counts: {} as Record<string, number> }));
  const totals = new Map<string, number>();
  for (const c of counts) {
    const index = Math.floor((Math.floor(c.hour.getTime() / width) * width - start) / width);
    if (index < 0 || index >= points) continue;
    const point = series[index]!;
    point.counts[c.code] = (point.counts[c.code] ?? 0) + c.count;
    point.total += c.count;
    totals.set(c.code, (totals.get(c.code) ?? 0) + c.count);
  }
  const codes = [...totals].map(([code, total]) => ({ code, total })).sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return { from: new Date(start).toISOString(), to: new Date(end + width).toISOString(), step, codes, series, total: codes.reduce((n, c) => n + c.total, 0) };
}
