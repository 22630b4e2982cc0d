import { describe, expect, it } from 'vitest';
import { AbilityPosterior, estimateAbility, gridPoints } from './ability-posterior.js';

/** Posterior mean and SD by direct numerical integration (trapezoid, fine step), independent of the class. */
function handPosterior(responses: { a: number; b: number; correct: boolean }[], prior = { mean: 0, sd: 1 }) {
  let w = 0;
  let m1 = 0;
  let m2 = 0;
  for (let t = -8; t <= 8; t += 0.001) {
    let d = Math.exp(-((t - prior.mean) ** 2) / (2 * prior.sd ** 2));
    for (const r of responses) {
      const p = 1 / (1 + Math.exp(r.a * (r.b - t)));
      d *= r.correct ? p : 1 - p;
    }
    w += d;
    m1 += d * t;
    m2 += d * t * t;
  }
  const mean = m1 / w;
  return { mean, sd: Math.sqrt(m2 / w - mean * mean) };
}

describe('AbilityPosterior (EAP on a grid)', () => {
  it('starts at the prior: mean 0, SD 1 for N(0, 1)', () => {
    const est = new AbilityPosterior().estimate();
    expect(est.theta).toBeCloseTo(0, 10);
    expect(est.se).toBeCloseTo(1, 4);
  });

  it('matches a hand-computed posterior after one answer', () => {
    // One correct answer on a = 1, b = 0: the posterior is φ(θ)·logistic(θ).
    const post = new AbilityPosterior();
    post.update(1, 0, true);
    const hand = handPosterior([{ a: 1, b: 0, correct: true }]);
    expect(post.estimate().theta).toBeCloseTo(hand.mean, 4);
    expect(post.estimate().se).toBeCloseTo(hand.sd, 4);
    expect(hand.mean).toBeGreaterThan(0.3);
    expect(hand.mean).toBeLessThan(0.5);
  });

  it('matches a hand-computed posterior for a mixed pattern and another prior', () => {
    const responses = [
      { a: 1.4, b: -0.5, correct: true },
      { a: 0.9, b: 0.8, correct: false },
      { a: 2.0, b: 0.1, correct: true },
      { a: 1.1, b: 1.5, correct: false },
    ];
    const prior = { mean: 0.2, sd: 1.3 };
    const est = estimateAbility(responses, prior);
    const hand = handPosterior(responses, prior);
    expect(est.theta).toBeCloseTo(hand.mean, 4);
    expect(est.se).toBeCloseTo(hand.sd, 4);
  });

  it('is updated incrementally: the order of answers does not matter', () => {
    const x = new AbilityPosterior();
    const y = new AbilityPosterior();
    x.update(1.2, 0, true);
    x.update(0.8, 1, false);
    y.update(0.8, 1, false);
    y.update(1.2, 0, true);
    expect(x.estimate().theta).toBeCloseTo(y.estimate().theta, 12);
    expect(x.answerCount).toBe(2);
  });

  it('moves up after a success, down after a failure, and the SD shrinks', () => {
    const up = new AbilityPosterior();
    up.update(1.5, 0, true);
    const down = new AbilityPosterior();
    down.update(1.5, 0, false);
    expect(up.estimate().theta).toBeGreaterThan(0);
    expect(down.estimate().theta).toBeCloseTo(-up.estimate().theta, 10);
    expect(up.estimate().se).toBeLessThan(1);
  });

  it('stays finite for long all-correct patterns (no underflow)', () => {
    const post = new AbilityPosterior();
    for (let i = 0; i < 200; i++) post.update(2.5, 3, true);
    const est = post.estimate();
    expect(Number.isFinite(est.theta)).toBe(true);
    expect(est.theta).toBeGreaterThan(3);
  });

  it('gives the posterior mass of an interval', () => {
    const post = new AbilityPosterior();
    expect(post.massBetween(-1, 1)).toBeCloseTo(0.6827, 2);
    expect(post.massBetween(-Infinity, Infinity)).toBeCloseTo(1, 12);
    expect(post.distribution().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('builds a grid from its spec and rejects bad ones', () => {
    const points = gridPoints({ min: -6, max: 6, step: 0.05 });
    expect(points.length).toBe(241);
    expect(points[0]).toBe(-6);
    expect(points[240]).toBeCloseTo(6, 10);
    expect(() => gridPoints({ min: 1, max: 0, step: 0.1 })).toThrow(RangeError);
    expect(() => new AbilityPosterior({ mean: 0, sd: 0 })).toThrow(RangeError);
  });
});
