/**
 * The simulation loop: N simulees with θ ~ N(0, 1) answer from the true 2PL, one after the
 * other (so exposure counters build up as they would in service).
 */
import { normalDraw, seededRandom } from '../../lti-tool/src/adaptive/domain/random.js';
import type { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import type { SimEngine } from './engine.js';

export interface SimRecord {
  engine: string;
  simulees: number;
  length: number;
  trueTheta: Float64Array;
  /** Estimate after n answers at [(n − 1) · simulees + s]. */
  thetaHat: Float32Array;
  se: Float32Array;
  /** Mesh level decided by the engine after the last answer (−1 when the engine leaves it to the estimate). */
  level: Int8Array;
  /** Competence of each item given, [s · length + k]. */
  competences: Int16Array;
  /** Times each item was given. */
  exposure: Uint32Array;
  /** Number of items each simulee answered. */
  answered: Uint16Array;
}

export interface SimOptions {
  simulees: number;
  length: number;
  seed: number;
  /** True parameters behind the responses (defaults to the pool's own: no misfit). */
  truth?: { a: Float64Array; b: Float64Array };
  /** Fixed true abilities (e.g. the tail study); default θ ~ N(0, 1). */
  thetas?: Float64Array;
  meshCuts?: readonly number[];
}

export function simulate(engine: SimEngine, pool: FlashItemPool, options: SimOptions): SimRecord {
  const { simulees, length, seed } = options;
  const trueA = options.truth?.a ?? pool.a;
  const trueB = options.truth?.b ?? pool.b;
  const people = seededRandom(`simulees:${seed}`);
  const responses = seededRandom(`responses:${seed}`);
  const picks = seededRandom(`picks:${seed}:${engine.name}`);
  const record: SimRecord = {
    engine: engine.name,
    simulees,
    length,
    trueTheta: new Float64Array(simulees),
    thetaHat: new Float32Array(simulees * length).fill(NaN),
    se: new Float32Array(simulees * length).fill(NaN),
    level: new Int8Array(simulees).fill(-1),
    competences: new Int16Array(simulees * length).fill(-1),
    exposure: new Uint32Array(pool.size),
    answered: new Uint16Array(simulees),
  };
  for (let s = 0; s < simulees; s++) {
    const theta = options.thetas ? options.thetas[s] : normalDraw(people);
    record.trueTheta[s] = theta;
    const test = engine.newTest(picks);
    for (let n = 0; n < length; n++) {
      const item = test.next();
      if (item < 0) break;
      record.exposure[item]++;
      record.competences[s * length + n] = pool.competence[item];
      const p = 1 / (1 + Math.exp(trueA[item] * (trueB[item] - theta)));
      test.answer(item, responses() < p);
      const est = test.estimate();
      record.thetaHat[n * simulees + s] = est.theta;
      record.se[n * simulees + s] = est.se;
      record.answered[s] = n + 1;
    }
    if (test.meshLevel && options.meshCuts) record.level[s] = test.meshLevel(options.meshCuts);
  }
  return record;
}
