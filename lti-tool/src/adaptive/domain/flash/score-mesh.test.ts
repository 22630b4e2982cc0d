import { describe, expect, it } from 'vitest';
import { competenceLevelsForTheta, meshIndexForTheta, pixScoreForTheta, PIX_V3_MESH } from './score-mesh.js';

describe('θ → pix (v3 mesh)', () => {
  it('gives 0 at or below the first bound and 895 at or above the last', () => {
    expect(pixScoreForTheta(-8)).toBe(0);
    expect(pixScoreForTheta(-50)).toBe(0);
    expect(pixScoreForTheta(8)).toBe(895);
    expect(pixScoreForTheta(12)).toBe(895);
    expect(pixScoreForTheta(7.9999)).toBe(895);
  });

  it('starts each band at its mesh edge: 64, 128, 256 … 768', () => {
    expect(pixScoreForTheta(-1.4)).toBe(64);
    expect(pixScoreForTheta(-0.519)).toBe(128);
    expect(pixScoreForTheta(0.6)).toBe(256);
    expect(pixScoreForTheta(1.5)).toBe(384);
    expect(pixScoreForTheta(2.25)).toBe(512);
    expect(pixScoreForTheta(3.1)).toBe(640);
    expect(pixScoreForTheta(4)).toBe(768);
  });

  it('is floor(weight × (coefficient + progress)) inside a band', () => {
    // Middle of [0.6, 1.5): 128 × (2 + 0.5) = 320.
    expect(pixScoreForTheta(1.05)).toBe(320);
    // Just below a bound stays in the band below.
    expect(pixScoreForTheta(0.5999)).toBe(255);
    // Middle of the first band: 64 × 0.5 = 32.
    expect(pixScoreForTheta(-4.7)).toBe(32);
  });

  it('is non-decreasing in θ', () => {
    let previous = -1;
    for (let t = -9; t <= 9; t += 0.01) {
      const score = pixScoreForTheta(t);
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
  });

  it('names the mesh level of θ', () => {
    expect(meshIndexForTheta(-9)).toBe(0);
    expect(meshIndexForTheta(-1.4)).toBe(1);
    expect(PIX_V3_MESH.intervals[meshIndexForTheta(0)].label).toBe('BEGINNER_2');
    expect(PIX_V3_MESH.intervals[meshIndexForTheta(9)].label).toBe('EXPERT_7');
  });

  it('rejects NaN', () => {
    expect(() => pixScoreForTheta(Number.NaN)).toThrow(RangeError);
  });
});

describe('per-competence levels from θ intervals', () => {
  it('reads each competence’s level from its table, 0 below, highest above', () => {
    const table = { '1.1': [{ from: -1, to: 0, level: 1 }, { from: 0, to: 1, level: 2 }], '2.1': [{ from: 0.5, to: 3, level: 4 }] };
    expect(competenceLevelsForTheta(0.2, table)).toEqual({ '1.1': 2, '2.1': 0 });
    expect(competenceLevelsForTheta(-5, table)).toEqual({ '1.1': 0, '2.1': 0 });
    expect(competenceLevelsForTheta(5, table)).toEqual({ '1.1': 2, '2.1': 4 });
  });

  it('defaults to the mesh bounds for the 16 competences', () => {
    const levels = competenceLevelsForTheta(0.7);
    expect(Object.keys(levels)).toHaveLength(16);
    expect(levels['3.4']).toBe(3);
    expect(competenceLevelsForTheta(100)['5.2']).toBe(7);
  });
});
