/**
 * `npx tsx bench/adaptive/alternatives.ts [N] [seeds]`: other exposure-control families from
 * the literature, run on the same bank, rules (2 per competence, gap 2, all seen by 20, one
 * per tube, r_max .25) and estimator as ours, to check that the overlap penalty is the better
 * trade-off (docs/adr/0060). Not part of `bench:adaptive` (it is slow: plain arrays and sorts).
 * Refinements of our own criterion are in `refinements.ts`, the clairvoyant bound in
 * `allocation-bound.ts`.
 */
import { allowedCompetences } from '../../lti-tool/src/adaptive/domain/flash/content-balancing.js';
import { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { AbilityPosterior } from '../../lti-tool/src/adaptive/domain/irt/ability-posterior.js';
import type { Random } from '../../lti-tool/src/adaptive/domain/random.js';
import { pixSimBank } from './banks.js';
import type { SimEngine } from './engine.js';
import { metricsOf } from './metrics.js';
import { simulate } from './simulate.js';
import { fmt, summarise } from './stats.js';

const L = 32;
const R_MAX = 0.25;

interface Ctx {
  i: number;
  theta: number;
  se: number;
  stage: number;
  rate: number;
  info: number;
  maxInfo: number;
  random: Random;
  /** Per-competence a-median stratum (0 low, 1 high). */
  stratum: number;
  /** Items of this competence already given in the test. */
  competenceCount: number;
}

function engine(pool: FlashItemPool, name: string, score: (c: Ctx) => number, options: { k?: number; stratified?: boolean } = {}): SimEngine {
  const counts = new Uint32Array(pool.size);
  const stratum = new Uint8Array(pool.size);
  for (let c = 0; c < pool.competenceCount; c++) {
    const items = [...pool.a.keys()].filter((i) => pool.competence[i] === c).sort((x, y) => pool.a[x] - pool.a[y]);
    items.forEach((i, rank) => (stratum[i] = rank >= items.length / 2 ? 1 : 0));
  }
  let tests = 0;
  return {
    name,
    newTest(random) {
      tests++;
      const post = new AbilityPosterior();
      const given: number[] = [];
      const used = new Uint8Array(pool.size);
      const usedTube = new Uint8Array(pool.tubeCount);
      return {
        next() {
          if (given.length >= L) return -1;
          const history = given.map((i) => pool.competence[i]);
          const allowed = allowedCompetences({ active: new Uint8Array(16).fill(1), history, length: L, rule: { minGap: 2, equalQuotas: true, coverAllBy: 20 } });
          const { theta, se } = post.estimate();
          const info = (i: number) => {
            const p = 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - theta)));
            return pool.a[i] * pool.a[i] * p * (1 - p);
          };
          for (const capped of [true, false]) {
            const eligible: number[] = [];
            let maxInfo = 0;
            for (let i = 0; i < pool.size; i++) {
              if (used[i] || usedTube[pool.tube[i]] || !allowed[pool.competence[i]] || (capped && counts[i] + 1 > R_MAX * tests)) continue;
              if (options.stratified && capped) {
                const already = history.filter((c) => c === pool.competence[i]).length;
                if (stratum[i] !== Math.min(1, already)) continue;
              }
              eligible.push(i);
              maxInfo = Math.max(maxInfo, info(i));
            }
            if (eligible.length === 0) continue;
            const scored = eligible.map((i) => ({
              i,
              s: score({ i, theta, se, stage: given.length, rate: counts[i] / tests, info: info(i), maxInfo, random, stratum: stratum[i], competenceCount: history.filter((c) => c === pool.competence[i]).length }),
            }));
            scored.sort((x, y) => y.s - x.s);
            const pick = scored[Math.floor(random() * Math.min(options.k ?? 1, scored.length))].i;
            counts[pick]++;
            return pick;
          }
          return -1;
        },
        answer(i, correct) {
          used[i] = 1;
          usedTube[pool.tube[i]] = 1;
          given.push(i);
          post.update(pool.a[i], pool.b[i], correct);
        },
        estimate: () => post.estimate(),
      };
    },
  };
}

const C = 1.596;
const variants: [string, (c: Ctx) => number, { k?: number; stratified?: boolean }?][] = [
  ['restricted .25 (MFI)', (c) => c.info],
  ['restricted .25 + randomesque 5', (c) => c.info, { k: 5 }],
  ['progressive-restricted', (c) => (1 - c.stage / L) * c.random() * c.maxInfo + (c.stage / L) * c.info],
  ['a-stratified (1st item low a, 2nd high a) + restricted', (c) => c.info, { stratified: true }],
  ['posterior-weighted information + penalty κ=1.75', (c) => posteriorWeighted(c) - 1.75 * c.rate],
  ['ours: MFI + penalty κ=1.75 + restricted .25', (c) => c.info - 1.75 * c.rate],
];
let currentPool: FlashItemPool;
function posteriorWeighted(c: Ctx): number {
  const a = currentPool.a[c.i];
  const tau = Math.sqrt((C * C) / (a * a) + c.se * c.se);
  const d = (c.theta - currentPool.b[c.i]) / tau;
  return (a * Math.exp(-0.5 * d * d)) / (tau * Math.sqrt(2 * Math.PI));
}

const N = Number(process.argv[2] ?? 5000);
const seeds = Array.from({ length: Number(process.argv[3] ?? 2) }, (_, k) => k + 1);
console.log(`| variant | RMSE@32 | RMSE@16 | max exposure | overlap | exact mesh % |\n|---|---|---|---|---|---|`);
for (const [name, score, options] of variants) {
  const runs = seeds.map((seed) => {
    currentPool = FlashItemPool.from(pixSimBank(40, seed).items);
    return metricsOf(simulate(engine(currentPool, name, score, options), currentPool, { simulees: N, length: L, seed }), { competenceCount: 16, minGap: 2 });
  });
  const s = (f: (m: (typeof runs)[number]) => number) => summarise(runs.map(f));
  console.log(`| ${name} | ${fmt(s((m) => m.rmse[31]))} | ${fmt(s((m) => m.rmse[15]))} | ${fmt(s((m) => m.maxExposure))} | ${fmt(s((m) => m.overlap))} | ${fmt(s((m) => m.meshExact * 100), 1)} |`);
}
