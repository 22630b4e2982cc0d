import { softplus } from './two-pl.js';

/**
 * The posterior of θ on a fixed grid, updated one answer at a time (EAP).
 *
 * Unlike Pix's estimator, whose Gaussian prior is re-centred on the previous estimate after
 * every answer (a damped maximum likelihood whose reported error is too small, adaptive.md
 * §3), the prior here is fixed — N(mean, sd²), the population the bank was calibrated on —
 * so the posterior mean is the Bayes estimate and the posterior SD is a calibrated error.
 * The grid is a quadrature of a smooth density: no Sheppard correction is applied to its
 * variance (that correction is for grouped data, and only makes the error too small).
 *
 * Cost: an update is one pass over the grid (≈ 241 points), the summary another; nothing is
 * recomputed from the answer history.
 */
export interface AbilityGridSpec {
  min: number;
  max: number;
  step: number;
}

export interface NormalPrior {
  mean: number;
  sd: number;
}

export interface AbilityEstimate {
  /** Posterior mean (EAP). */
  theta: number;
  /** Posterior standard deviation: the reported standard error. */
  se: number;
}

export const DEFAULT_GRID: AbilityGridSpec = { min: -6, max: 6, step: 0.05 };
export const STANDARD_NORMAL_PRIOR: NormalPrior = { mean: 0, sd: 1 };

export function gridPoints(spec: AbilityGridSpec): Float64Array {
  if (!(spec.step > 0) || !(spec.max > spec.min)) throw new RangeError('invalid ability grid');
  const count = Math.round((spec.max - spec.min) / spec.step) + 1;
  const points = new Float64Array(count);
  for (let i = 0; i < count; i++) points[i] = spec.min + i * spec.step;
  return points;
}

export class AbilityPosterior {
  readonly points: Float64Array;
  /** Unnormalised log posterior at each grid point. */
  private readonly logDensity: Float64Array;
  /** Scratch for the normalised weights of the last summary. */
  private readonly weights: Float64Array;
  private cached: AbilityEstimate | null = null;
  private answers = 0;

  constructor(
    readonly prior: NormalPrior = STANDARD_NORMAL_PRIOR,
    grid: AbilityGridSpec | Float64Array = DEFAULT_GRID,
  ) {
    if (!(prior.sd > 0)) throw new RangeError('prior sd must be positive');
    this.points = grid instanceof Float64Array ? grid : gridPoints(grid);
    this.logDensity = new Float64Array(this.points.length);
    this.weights = new Float64Array(this.points.length);
    this.reset();
  }

  reset(): void {
    const { mean, sd } = this.prior;
    const inv = 1 / (2 * sd * sd);
    for (let i = 0; i < this.points.length; i++) {
      const d = this.points[i] - mean;
      this.logDensity[i] = -d * d * inv;
    }
    this.cached = null;
    this.answers = 0;
  }

  get answerCount(): number {
    return this.answers;
  }

  /** Multiplies the posterior by the 2PL likelihood of one response. */
  update(a: number, b: number, correct: boolean): void {
    const points = this.points;
    const log = this.logDensity;
    const sign = correct ? -1 : 1;
    for (let i = 0; i < points.length; i++) {
      log[i] -= softplus(sign * a * (points[i] - b));
    }
    this.cached = null;
    this.answers++;
  }

  /** Posterior mean and SD (cached until the next update). */
  estimate(): AbilityEstimate {
    if (this.cached) return this.cached;
    const log = this.logDensity;
    const points = this.points;
    const w = this.weights;
    let max = -Infinity;
    for (let i = 0; i < log.length; i++) if (log[i] > max) max = log[i];
    let total = 0;
    let first = 0;
    for (let i = 0; i < log.length; i++) {
      const v = Math.exp(log[i] - max);
      w[i] = v;
      total += v;
      first += v * points[i];
    }
    const mean = first / total;
    let second = 0;
    for (let i = 0; i < log.length; i++) {
      const d = points[i] - mean;
      second += w[i] * d * d;
    }
    this.cached = { theta: mean, se: Math.sqrt(second / total) };
    return this.cached;
  }

  /** Posterior probability that θ lies in [lo, hi) (grid mass; used for level decisions). */
  massBetween(lo: number, hi: number): number {
    this.estimate();
    const w = this.weights;
    let total = 0;
    let inside = 0;
    for (let i = 0; i < w.length; i++) {
      total += w[i];
      const t = this.points[i];
      if (t >= lo && t < hi) inside += w[i];
    }
    return inside / total;
  }

  /** Normalised posterior weights, aligned with `points` (a copy). */
  distribution(): Float64Array {
    this.estimate();
    const out = new Float64Array(this.weights);
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    for (let i = 0; i < out.length; i++) out[i] /= total;
    return out;
  }
}

/** EAP estimate of a whole response pattern (a convenience over `AbilityPosterior`). */
export function estimateAbility(
  responses: readonly { a: number; b: number; correct: boolean }[],
  prior: NormalPrior = STANDARD_NORMAL_PRIOR,
  grid: AbilityGridSpec = DEFAULT_GRID,
): AbilityEstimate {
  const posterior = new AbilityPosterior(prior, grid);
  for (const r of responses) posterior.update(r.a, r.b, r.correct);
  return posterior.estimate();
}
