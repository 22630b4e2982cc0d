import { describe, expect, it } from 'vitest';
import { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { seededRandom } from '../../lti-tool/src/adaptive/domain/random.js';
import { pixSimBank } from '../../bench/adaptive/banks.js';
import { meshLevelOf, metricsOf } from '../../bench/adaptive/metrics.js';
import { pixFlashReplica, referenceMfiEap } from '../../bench/adaptive/reference-engines.js';
import { simulate, type SimRecord } from '../../bench/adaptive/simulate.js';

/** A hand-made record: 4 simulees, 2 items each out of 5. */
function record(): SimRecord {
  const tests = [[0, 1], [0, 2], [0, 1], [3, 4]];
  const N = tests.length;
  const L = 2;
  const exposure = new Uint32Array(5);
  for (const t of tests) for (const i of t) exposure[i]++;
  return {
    engine: 'hand',
    simulees: N,
    length: L,
    trueTheta: Float64Array.from([0, 1, -1, 2]),
    thetaHat: Float64Array.from([0.5, 1, -1, 2, 0.1, 1.2, -1.1, 1.5]),
    se: Float64Array.from([0.4, 0.4, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3]),
    level: new Int8Array(N).fill(-1),
    competences: Int16Array.from([0, 1, 0, 1, 0, 1, 1, 0]),
    exposure,
    answered: Uint16Array.from([2, 2, 2, 2]),
  };
}

describe('bench metrics', () => {
  it('overlap equals the mean share of items two tests have in common', () => {
    const tests = [[0, 1], [0, 2], [0, 1], [3, 4]];
    let shared = 0;
    let pairs = 0;
    for (let x = 0; x < tests.length; x++)
      for (let y = x + 1; y < tests.length; y++) {
        shared += tests[x].filter((i) => tests[y].includes(i)).length / 2;
        pairs++;
      }
    const m = metricsOf(record(), { competenceCount: 2, minGap: 1 });
    expect(m.overlap).toBeCloseTo(shared / pairs, 12);
    expect(m.maxExposure).toBe(0.75);
  });

  it('RMSE, bias, items per competence and gap violations from the record', () => {
    const m = metricsOf(record(), { competenceCount: 2, minGap: 1 });
    const errors = [0.1, 0.2, -0.1, -0.5];
    expect(m.rmse[1]).toBeCloseTo(Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / 4), 6);
    expect(m.bias[1]).toBeCloseTo(-0.075, 6);
    expect(m.perCompetenceMin).toBe(1);
    expect(m.perCompetenceMax).toBe(1);
    expect(m.gapViolations).toBe(0);
    expect(m.itemsToSe30Median).toBe(2);
  });

  it('mesh levels from the B8 cuts', () => {
    expect(meshLevelOf(-2)).toBe(0);
    expect(meshLevelOf(-1.4)).toBe(1);
    expect(meshLevelOf(0)).toBe(2);
    expect(meshLevelOf(3.2)).toBe(6);
  });

  it('the reference engines run deterministic tests on the PixSim bank', () => {
    const pool = FlashItemPool.from(pixSimBank(40, 1).items);
    expect(pool.size).toBe(640);
    for (const engine of [referenceMfiEap(pool), pixFlashReplica(pool)]) {
      const a = simulate(engine, pool, { simulees: 20, length: 32, seed: 3 });
      const b = simulate(engine.name.startsWith('Pix') ? pixFlashReplica(pool) : referenceMfiEap(pool), pool, { simulees: 20, length: 32, seed: 3 });
      expect([...a.thetaHat]).toEqual([...b.thetaHat]);
      expect(a.answered.every((n) => n === 32)).toBe(true);
    }
    // Pix's replica starts at θ₀ = −3 with error 5 before any answer and is capped in its first step.
    const test = pixFlashReplica(pool).newTest(seededRandom(1));
    expect(test.estimate()).toEqual({ theta: -3, se: 5 });
    test.answer(test.next(), true);
    expect(test.estimate().theta).toBeGreaterThanOrEqual(-4.5);
    expect(test.estimate().theta).toBeLessThanOrEqual(-1.5);
  });
});
