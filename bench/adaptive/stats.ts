/** Mean and 95 % confidence interval over seeds (Student t). */
const T95: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262 };

export interface Summary {
  mean: number;
  half: number;
}

export function summarise(values: readonly number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, half: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, half: (T95[n - 1] ?? 1.96) * Math.sqrt(variance / n) };
}

export function fmt(s: Summary, digits = 3): string {
  return s.half > 0 ? `${s.mean.toFixed(digits)}±${s.half.toFixed(digits)}` : s.mean.toFixed(digits);
}

export function percentile(sorted: Float64Array | number[], q: number): number {
  const pos = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[pos];
}
