import { describe, expect, it } from 'vitest';
import { abilityForSuccessProbability, fisherInformation, logLikelihood, probabilityCorrect, softplus } from './two-pl.js';

describe('2PL', () => {
  it('P = 1 / (1 + e^{a(b − θ)})', () => {
    expect(probabilityCorrect(0.5, 1.3, 0.5)).toBe(0.5);
    expect(probabilityCorrect(1, 2, 0)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(probabilityCorrect(-1, 2, 0)).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
  });

  it('Fisher information is a²P(1 − P), a²/4 at θ = b', () => {
    expect(fisherInformation(0.3, 1.8, 0.3)).toBeCloseTo(1.8 ** 2 / 4, 12);
    const p = probabilityCorrect(1, 1.2, 0);
    expect(fisherInformation(1, 1.2, 0)).toBeCloseTo(1.44 * p * (1 - p), 12);
  });

  it('information equals the expected curvature of the log-likelihood (numerically)', () => {
    const [a, b, t, h] = [1.4, -0.3, 0.6, 1e-4];
    const p = probabilityCorrect(t, a, b);
    const curvature = (correct: boolean) =>
      -(logLikelihood(t + h, a, b, correct) - 2 * logLikelihood(t, a, b, correct) + logLikelihood(t - h, a, b, correct)) / (h * h);
    expect(p * curvature(true) + (1 - p) * curvature(false)).toBeCloseTo(fisherInformation(t, a, b), 5);
  });

  it('log-likelihoods stay finite far from the item', () => {
    expect(logLikelihood(40, 2, 0, false)).toBeCloseTo(-80, 6);
    expect(logLikelihood(40, 2, 0, true)).toBeCloseTo(0, 12);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
  });

  it('the 95 % success ability is b + ln(19)/a (Pix minimumCapability)', () => {
    expect(abilityForSuccessProbability(1, 0.5, 0.95)).toBeCloseTo(0.5 + Math.log(19), 12);
    expect(probabilityCorrect(abilityForSuccessProbability(1.7, -1, 0.95), 1.7, -1)).toBeCloseTo(0.95, 12);
  });
});
