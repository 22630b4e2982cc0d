import { describe, expect, it } from 'vitest';
import { estimateLevel, LEVEL_GRID, successProbability } from './level-estimate.js';
import { ke, skillsOf } from './test-fixtures.js';

const skills = skillsOf({ web: [1, 2, 3, 4, 5, 6], mail: [1, 2, 3] });
const s = (id: string) => skills.find((x) => x.id === id)!;

/** |Σ(outcome − P)| at a level, by hand, with the two virtual answers. */
function gap(level: number, obs: [number, number][]): number {
  const all = [[1, 0], [0, 7], ...obs];
  return Math.abs(all.reduce((acc, [outcome, d]) => acc + outcome - 1 / (1 + Math.exp(-(level - d))), 0));
}

describe('estimateLevel (smart random)', () => {
  it('uses the 0.5–7.5 grid in steps of 0.5', () => {
    expect(LEVEL_GRID).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5]);
  });

  it('with no answer, only the two virtual answers count: the level balancing them is 3.5', () => {
    // 1 − P(l, 0) − P(l, 7) = 0 ⇔ l = 3.5 by symmetry.
    expect(estimateLevel([], skills)).toBe(3.5);
  });

  it('minimises |Σ(outcome − P)| over the grid, checked against a hand computation', () => {
    const kes = [ke(s('@web2'), 'validated'), ke(s('@web3'), 'validated'), ke(s('@web4'), 'invalidated')];
    const obs: [number, number][] = [[1, 2], [1, 3], [0, 4]];
    const expected = [...LEVEL_GRID].sort((x, y) => gap(x, obs) - gap(y, obs) || x - y)[0];
    expect(estimateLevel(kes, skills)).toBe(expected);
    expect(expected).toBe(4); // |Σ| = 0.141 at 4 against 0.182 at 3.5
  });

  it('moves up with successes and down with failures', () => {
    const up = estimateLevel([ke(s('@web4'), 'validated'), ke(s('@web5'), 'validated'), ke(s('@web6'), 'validated')], skills);
    const down = estimateLevel([ke(s('@web1'), 'invalidated'), ke(s('@web2'), 'invalidated')], skills);
    expect(up).toBeGreaterThan(3.5);
    expect(down).toBeLessThan(3.5);
    expect(down).toBeGreaterThanOrEqual(0.5);
  });

  it('ignores inferred knowledge elements, reset ones and skills outside the list', () => {
    const other = { ...s('@web6'), id: '@elsewhere6' };
    const kes = [ke(s('@web5'), 'validated', { source: 'inferred' }), ke(s('@web6'), 'reset'), ke(other, 'validated')];
    expect(estimateLevel(kes, skills)).toBe(3.5);
  });

  it('success probability is the logistic of level − difficulty', () => {
    expect(successProbability(2, 2)).toBe(0.5);
    expect(successProbability(3, 2)).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});
