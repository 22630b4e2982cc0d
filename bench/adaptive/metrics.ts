/** B1–B10 figures from one simulation record. */
import type { SimRecord } from './simulate.js';

export const MESH_CUTS = [-1.4, -0.519, 0.6, 1.5, 2.25, 3.1];

export interface RecordMetrics {
  rmse: number[];
  bias: number[];
  meanSe: number[];
  seRatio: number[];
  maxExposure: number;
  overlap: number;
  perCompetenceMin: number;
  perCompetenceMax: number;
  gapViolations: number;
  itemsToSe30Median: number;
  itemsToSe30P90: number;
  meshExact: number;
  meshWithinOne: number;
  /** RMSE over simulees whose true |θ| > 1.5 (B9 as defined). */
  tailRmse: number;
  /** RMSE over simulees whose estimated |θ̂| > 1.5 (the candidates reported as extreme). */
  tailRmseByEstimate: number;
}

export function meshLevelOf(theta: number, cuts: readonly number[] = MESH_CUTS): number {
  let level = 0;
  while (level < cuts.length && theta >= cuts[level]) level++;
  return level;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function metricsOf(record: SimRecord, options: { competenceCount: number; minGap: number }): RecordMetrics {
  const { simulees: N, length: L } = record;
  const rmse: number[] = [];
  const bias: number[] = [];
  const meanSe: number[] = [];
  const seRatio: number[] = [];
  for (let n = 0; n < L; n++) {
    let sq = 0;
    let sum = 0;
    let seSum = 0;
    let count = 0;
    for (let s = 0; s < N; s++) {
      const est = record.thetaHat[n * N + s];
      if (Number.isNaN(est)) continue;
      const err = est - record.trueTheta[s];
      sq += err * err;
      sum += err;
      seSum += record.se[n * N + s];
      count++;
    }
    rmse.push(Math.sqrt(sq / count));
    bias.push(sum / count);
    meanSe.push(seSum / count);
    seRatio.push(seSum / count / Math.sqrt(sq / count));
  }
  // Exposure and overlap (Chen, Ankenmann & Spray 2003): T = N/(N−1) · Σr²/L − 1/(N−1).
  let maxExposure = 0;
  let sumSquares = 0;
  for (const count of record.exposure) {
    const rate = count / N;
    if (rate > maxExposure) maxExposure = rate;
    sumSquares += rate * rate;
  }
  const overlap = (N / (N - 1)) * (sumSquares / L) - 1 / (N - 1);
  let perCompetenceMin = Infinity;
  let perCompetenceMax = 0;
  let gapViolations = 0;
  const counts = new Int32Array(options.competenceCount);
  for (let s = 0; s < N; s++) {
    counts.fill(0);
    for (let k = 0; k < L; k++) {
      const c = record.competences[s * L + k];
      if (c < 0) continue;
      counts[c]++;
      for (let g = 1; g <= options.minGap && k - g >= 0; g++) if (record.competences[s * L + k - g] === c) gapViolations++;
    }
    for (const v of counts) {
      perCompetenceMin = Math.min(perCompetenceMin, v);
      perCompetenceMax = Math.max(perCompetenceMax, v);
    }
  }
  const toSe30: number[] = [];
  let exact = 0;
  let withinOne = 0;
  let tailSq = 0;
  let tailCount = 0;
  let tailEstSq = 0;
  let tailEstCount = 0;
  for (let s = 0; s < N; s++) {
    let reached = L + 1;
    for (let n = 0; n < L; n++) {
      if (record.se[n * N + s] <= 0.3) {
        reached = n + 1;
        break;
      }
    }
    toSe30.push(reached);
    const last = record.answered[s] - 1;
    const est = record.thetaHat[last * N + s];
    const truth = record.trueTheta[s];
    const decided = record.level[s] >= 0 ? record.level[s] : meshLevelOf(est);
    const actual = meshLevelOf(truth);
    if (decided === actual) exact++;
    if (Math.abs(decided - actual) <= 1) withinOne++;
    if (Math.abs(truth) > 1.5) {
      tailSq += (est - truth) ** 2;
      tailCount++;
    }
    if (Math.abs(est) > 1.5) {
      tailEstSq += (est - truth) ** 2;
      tailEstCount++;
    }
  }
  return {
    rmse,
    bias,
    meanSe,
    seRatio,
    maxExposure,
    overlap,
    perCompetenceMin,
    perCompetenceMax,
    gapViolations,
    itemsToSe30Median: quantile(toSe30, 0.5),
    itemsToSe30P90: quantile(toSe30, 0.9),
    meshExact: exact / N,
    meshWithinOne: withinOne / N,
    tailRmse: Math.sqrt(tailSq / Math.max(1, tailCount)),
    tailRmseByEstimate: Math.sqrt(tailEstSq / Math.max(1, tailEstCount)),
  };
}
