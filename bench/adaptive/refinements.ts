/**
 * `npx tsx bench/adaptive/refinements.ts [N] [seeds] [name…] [--k=N] [--stages]`: refinements of our
 * selection measured against the default, paired on the same banks, simulees and response streams
 * (docs/adr/0060, "Refinements measured"). The engine is a typed-array copy of the product's
 * rules — one item per tube and skill, 2 per competence, gap 2, all seen by 20, restricted
 * r_max .25 — with the criterion's parts switchable, so each idea is one option. Not part of
 * `bench:adaptive`; N = 5000 × 2 seeds takes ≈ 15 s per variant. Name fragments pick variants;
 * `--stages` prints the information delivered at the true θ by stage instead; `--k=N` another bank
 * size (items per competence).
 */
import { allowedCompetences } from '../../lti-tool/src/adaptive/domain/flash/content-balancing.js';
import { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { AbilityPosterior } from '../../lti-tool/src/adaptive/domain/irt/ability-posterior.js';
import { normalDraw, seededRandom } from '../../lti-tool/src/adaptive/domain/random.js';
import { clairvoyantPrices } from './allocation-bound.js';
import { pixSimBank } from './banks.js';
import type { SimEngine } from './engine.js';
import { MESH_CUTS, metricsOf } from './metrics.js';
import { simulate } from './simulate.js';
import { summarise } from './stats.js';

const L = 32;

export interface Variant {
  name: string;
  /** Restricted cap (default .25; 100 = no cap). */
  rMax?: number;
  /** Overlap penalty κ·r (default 1.75, the product's). */
  kappa?: number;
  /** Soft cap on the rate: + μ·max(0, r − rSoft). */
  mu?: number;
  rSoft?: number;
  /** Item shadow prices by dual ascent: after each test λ_i += η·(x_i − target), clipped at 0. */
  eta?: number;
  target?: number;
  /** The same prices without state, from the counts: η·max(0, count_i − target·tests). */
  stateless?: boolean;
  /** κ for the first `earlyUntil` items (a stage-dependent penalty). */
  kappaEarly?: number;
  earlyUntil?: number;
  /** Information averaged over the posterior (instead of at θ̂) for the first `pwiUntil` items. */
  pwiUntil?: number;
  /** Minimum expected posterior variance among the 8 best by the criterion, for the first `mepvUntil` items. */
  mepvUntil?: number;
  /** From item `cutFrom` on, aim at the nearest mesh cut when it lies within cutWindow·SE of θ̂ (for B8). */
  cutFrom?: number;
  cutWindow?: number;
  /** Level = the mesh interval of highest posterior mass (instead of θ̂'s interval). */
  massLevel?: boolean;
  /** Select at the true θ (not available in service: a check of what knowing θ would give). */
  oracle?: boolean;
  /** Random start: the first `randomStartItems` items are selected at θ̂ + N(0, randomStartSd²) (spreads their use). */
  randomStartSd?: number;
  randomStartItems?: number;
  /** A competence's `holdBackTop` most discriminating items are kept for its second slot while the SE exceeds `holdBackSe`. */
  holdBackTop?: number;
  holdBackSe?: number;
  /** Content rule's deadline for seeing every competence (product: 20; null = quotas only). */
  coverAllBy?: number | null;
  /** Another quadrature than the product's (−6…6, step .05). */
  grid?: { min: number; max: number; step: number };
  /** Static item prices from the clairvoyant allocation (allocation-bound.ts) at this cap and κ, times `offlineScale`. */
  offline?: { rMax: number; kappa: number };
  offlineScale?: number;
}

let oracleThetas: Float64Array | null = null;

export function engine(pool: FlashItemPool, v: Variant): SimEngine {
  const counts = new Float64Array(pool.size);
  const price = new Float64Array(pool.size);
  const offline = v.offline ? clairvoyantPrices(pool, v.offline.rMax, v.offline.kappa).map((x) => x * (v.offlineScale ?? 1)) : null;
  let tests = 0;
  const rMax = v.rMax ?? 0.25;
  const kappa = v.kappa ?? 1.75;
  const { a, b, a2, competence, tube, skill } = pool;
  // Rank of each item's a within its competence (0 = most discriminating).
  const aRank = new Int32Array(pool.size);
  for (let c = 0; c < pool.competenceCount; c++) {
    const items = [...a.keys()].filter((i) => competence[i] === c).sort((x, y) => a[y] - a[x]);
    items.forEach((i, r) => (aRank[i] = r));
  }
  return {
    name: v.name,
    newTest(random) {
      tests++;
      let offset = 0;
      if (v.randomStartSd) {
        // Box–Muller from the test's own stream.
        const u = Math.max(1e-12, random());
        offset = v.randomStartSd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      }
      const post = v.grid ? new AbilityPosterior(undefined, v.grid) : new AbilityPosterior();
      const given: number[] = [];
      const used = new Uint8Array(pool.size);
      const usedTube = new Uint8Array(pool.tubeCount);
      const usedSkill = new Uint8Array(pool.skillIds.length);
      const active = new Uint8Array(pool.competenceCount).fill(1);
      return {
        next() {
          if (given.length >= L) return -1;
          const history = given.map((i) => competence[i]);
          const allowed = allowedCompetences({ active, history, length: L, rule: { minGap: 2, equalQuotas: true, coverAllBy: v.coverAllBy === undefined ? 20 : v.coverAllBy } });
          const est = post.estimate();
          const se = est.se;
          let theta = v.oracle && oracleThetas ? oracleThetas[tests - 1] : est.theta;
          const n = given.length;
          if (offset !== 0 && n < (v.randomStartItems ?? 1)) theta += offset;
          if (v.cutFrom !== undefined && n >= v.cutFrom) {
            let nearest = MESH_CUTS[0];
            for (const c of MESH_CUTS) if (Math.abs(c - theta) < Math.abs(nearest - theta)) nearest = c;
            if (Math.abs(nearest - theta) < (v.cutWindow ?? 1) * se) theta = nearest;
          }
          const pwi = v.pwiUntil !== undefined && n < v.pwiUntil;
          let w: Float64Array | null = null;
          if (pwi || (v.mepvUntil !== undefined && n < v.mepvUntil)) w = post.distribution();
          const limit = rMax * tests;
          for (const capped of [true, false]) {
            let best = -1;
            let bestValue = -Infinity;
            const top: { i: number; s: number }[] = [];
            for (let i = 0; i < pool.size; i++) {
              if (used[i] || usedTube[tube[i]] || usedSkill[skill[i]] || !allowed[competence[i]]) continue;
              if (capped && counts[i] + 1 > limit) continue;
              if (v.holdBackTop && aRank[i] < v.holdBackTop && se > (v.holdBackSe ?? 0) && !history.includes(competence[i])) continue;
              const r = counts[i] / tests;
              const k = v.kappaEarly !== undefined && n < (v.earlyUntil ?? 0) ? v.kappaEarly : kappa;
              let cost = k * r + (v.stateless ? (v.eta ?? 0) * Math.max(0, counts[i] - (v.target ?? 0.2) * tests) : price[i]);
              if (v.mu) cost += v.mu * Math.max(0, r - (v.rSoft ?? rMax));
              if (offline) cost += offline[i];
              let info: number;
              if (pwi && w) {
                info = 0;
                const pts = post.points;
                for (let g = 0; g < pts.length; g += 2) {
                  const wg = w[g] + (g + 1 < pts.length ? w[g + 1] : 0);
                  if (wg < 1e-6) continue;
                  const p = 1 / (1 + Math.exp(a[i] * (b[i] - pts[g])));
                  info += wg * a2[i] * p * (1 - p);
                }
              } else {
                const p = 1 / (1 + Math.exp(a[i] * (b[i] - theta)));
                info = a2[i] * p * (1 - p);
              }
              const s = info - cost;
              if (v.mepvUntil !== undefined && n < v.mepvUntil) top.push({ i, s });
              if (s > bestValue) {
                bestValue = s;
                best = i;
              }
            }
            if (best < 0) continue;
            if (top.length > 0 && w) {
              top.sort((x, y) => y.s - x.s);
              const pts = post.points;
              let bestV = Infinity;
              for (const { i } of top.slice(0, 8)) {
                // Expected posterior variance after item i; the exposure cost is turned into variance by v² (dVar ≈ −v²·dI).
                let m0 = 0;
                let m1 = 0;
                let m2 = 0;
                let n0 = 0;
                let n1 = 0;
                let n2 = 0;
                for (let g = 0; g < pts.length; g++) {
                  if (w[g] < 1e-9) continue;
                  const p = 1 / (1 + Math.exp(a[i] * (b[i] - pts[g])));
                  const t = pts[g];
                  m0 += w[g] * p;
                  m1 += w[g] * p * t;
                  m2 += w[g] * p * t * t;
                  n0 += w[g] * (1 - p);
                  n1 += w[g] * (1 - p) * t;
                  n2 += w[g] * (1 - p) * t * t;
                }
                const epv = m2 - (m1 * m1) / m0 + (n2 - (n1 * n1) / n0);
                const r = counts[i] / tests;
                const val = epv + (se * se) ** 2 * (kappa * r + price[i]);
                if (val < bestV) {
                  bestV = val;
                  best = i;
                }
              }
            }
            counts[best]++;
            return best;
          }
          return -1;
        },
        answer(i, correct) {
          used[i] = 1;
          usedTube[tube[i]] = 1;
          usedSkill[skill[i]] = 1;
          given.push(i);
          post.update(a[i], b[i], correct);
          if (given.length === L && v.eta && !v.stateless) {
            const target = v.target ?? 0.2;
            for (let k = 0; k < pool.size; k++) price[k] = Math.max(0, price[k] - v.eta * target);
            for (const k of given) price[k] += v.eta;
          }
        },
        estimate: () => post.estimate(),
        meshLevel: v.massLevel
          ? (cuts) => {
              const bounds = [-Infinity, ...cuts, Infinity];
              let bestLevel = 0;
              let bestMass = -1;
              for (let l = 0; l + 1 < bounds.length; l++) {
                const m = post.massBetween(bounds[l], bounds[l + 1]);
                if (m > bestMass) {
                  bestMass = m;
                  bestLevel = l;
                }
              }
              return bestLevel;
            }
          : undefined,
      };
    },
  };
}

export const VARIANTS: Variant[] = [
  { name: 'ours (κ 1.75, r_max .25)' },
  { name: 'no exposure control', rMax: 100, kappa: 0 },
  { name: 'κ 1.5', kappa: 1.5 },
  { name: 'κ 1.25', kappa: 1.25 },
  { name: 'κ 1', kappa: 1 },
  { name: 'soft cap .20 (μ 5), κ 1.25', rSoft: 0.2, mu: 5, kappa: 1.25 },
  { name: 'shadow prices η .01 → .20, κ .75', eta: 0.01, target: 0.2, kappa: 0.75 },
  { name: 'shadow prices η .01 → .20, κ 1', eta: 0.01, target: 0.2, kappa: 1 },
  { name: 'shadow prices η .003 → .22, κ 1', eta: 0.003, target: 0.22, kappa: 1 },
  { name: 'stateless prices η .01 → .20, κ .75', stateless: true, eta: 0.01, target: 0.2, kappa: 0.75 },
  { name: 'offline prices (clairvoyant, κ 1.25), κ 0', offline: { rMax: 0.25, kappa: 1.25 }, kappa: 0 },
  { name: 'offline prices × .5, κ .75', offline: { rMax: 0.25, kappa: 1.25 }, offlineScale: 0.5, kappa: 0.75 },
  { name: 'κ 4 for items 1–4, then 1.5', kappaEarly: 4, earlyUntil: 4, kappa: 1.5 },
  { name: 'κ 0 for items 1–8, then 2', kappaEarly: 0, earlyUntil: 8, kappa: 2 },
  { name: 'random start: item 1 at θ̂ + N(0, .5²)', randomStartSd: 0.5, randomStartItems: 1 },
  { name: 'random start: item 1 at θ̂ + N(0, 1)', randomStartSd: 1, randomStartItems: 1 },
  { name: 'random start: items 1–3 at θ̂ + N(0, .5²)', randomStartSd: 0.5, randomStartItems: 3 },
  { name: 'top 3 a of a competence kept for its 2nd slot while SE > .35', holdBackTop: 3, holdBackSe: 0.35 },
  { name: 'top 5 a of a competence kept for its 2nd slot while SE > .4', holdBackTop: 5, holdBackSe: 0.4 },
  { name: 'posterior-weighted information, items 1–6', pwiUntil: 6 },
  { name: 'MEPV, items 1–8', mepvUntil: 8 },
  { name: 'MEPV, every item', mepvUntil: 32 },
  { name: 'aim at the nearest cut from item 24', cutFrom: 24, cutWindow: 1, massLevel: true },
  { name: 'level of highest posterior mass', massLevel: true },
  { name: 'every competence seen by 16', coverAllBy: 16 },
  { name: 'no coverage deadline (quotas only)', coverAllBy: null },
  { name: 'quadrature −8…8 step .01', grid: { min: -8, max: 8, step: 0.01 } },
  { name: 'selection at the true θ (oracle), no cap', oracle: true, rMax: 100, kappa: 0 },
  { name: 'selection at the true θ (oracle)', oracle: true },
];

export function runVariants(variants: Variant[], simulees: number, seeds: number[], k = 40): void {
  console.log(`PixSim-v1 K=${k}, N=${simulees}, seeds ${seeds.join(',')} (mean over seeds; paired)\n`);
  console.log('| variant | RMSE@32 | RMSE@16 | RMSE@20 | max exposure | overlap | exact mesh % | within one % | tail RMSE | max |bias| | SE÷RMSE@32 |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const v of variants) {
    const runs = seeds.map((seed) => {
      const pool = FlashItemPool.from(pixSimBank(k, seed).items);
      // The simulation's own θ stream, drawn here too so the oracle variant can see it.
      const people = seededRandom(`simulees:${seed}`);
      oracleThetas = Float64Array.from({ length: simulees }, () => normalDraw(people));
      return metricsOf(simulate(engine(pool, v), pool, { simulees, length: L, seed, meshCuts: MESH_CUTS, thetas: oracleThetas }), { competenceCount: 16, minGap: 2 });
    });
    const m = (f: (x: (typeof runs)[number]) => number) => summarise(runs.map(f)).mean;
    const maxBias = Math.max(...runs.flatMap((r) => r.bias.slice(4).map(Math.abs)));
    const cells = [
      m((x) => x.rmse[31]).toFixed(4),
      m((x) => x.rmse[15]).toFixed(3),
      m((x) => x.rmse[19]).toFixed(3),
      m((x) => x.maxExposure).toFixed(3),
      m((x) => x.overlap).toFixed(3),
      m((x) => x.meshExact * 100).toFixed(2),
      m((x) => x.meshWithinOne * 100).toFixed(2),
      m((x) => x.tailRmse).toFixed(3),
      maxBias.toFixed(3),
      m((x) => x.seRatio[31]).toFixed(3),
    ];
    console.log(`| ${v.name} | ${cells.join(' | ')} |`);
  }
}

/**
 * Where the information goes: Fisher information at the *true* θ of the items each variant gives,
 * summed by stage of the test (`--stages`), e.g. to compare ours with no exposure control.
 */
export function stageInformation(variants: Variant[], simulees: number, seeds: number[], k = 40): void {
  const stages: [number, number][] = [[0, 4], [4, 8], [8, 16], [16, 24], [24, 32]];
  console.log(`| seed | variant | ΣI(θ) | ${stages.map(([lo, hi]) => `items ${lo + 1}–${hi}: ΣI, mean a`).join(' | ')} |`);
  console.log(`|---|---|---|${stages.map(() => '---').join('|')}|`);
  for (const seed of seeds) {
    const pool = FlashItemPool.from(pixSimBank(k, seed).items);
    for (const v of variants) {
      const e = engine(pool, v);
      const people = seededRandom(`simulees:${seed}`);
      const responses = seededRandom(`responses:${seed}`);
      const info = new Float64Array(L);
      const disc = new Float64Array(L);
      for (let s = 0; s < simulees; s++) {
        const theta = normalDraw(people);
        const test = e.newTest(responses);
        for (let n = 0; n < L; n++) {
          const i = test.next();
          if (i < 0) break;
          const p = 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - theta)));
          info[n] += (pool.a2[i] * p * (1 - p)) / simulees;
          disc[n] += pool.a[i] / simulees;
          test.answer(i, responses() < p);
        }
      }
      const sum = (x: Float64Array, lo: number, hi: number) => x.slice(lo, hi).reduce((acc, y) => acc + y, 0);
      console.log(`| ${seed} | ${v.name} | ${sum(info, 0, L).toFixed(2)} | ${stages.map(([lo, hi]) => `${sum(info, lo, hi).toFixed(2)}, ${(sum(disc, lo, hi) / (hi - lo)).toFixed(2)}`).join(' | ')} |`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stages = process.argv.includes('--stages');
  if (stages) process.argv.splice(process.argv.indexOf('--stages'), 1);
  // --k=N: another bank size (items per competence; PixSim-v1 is 40).
  const kArg = process.argv.find((x) => x.startsWith('--k='));
  if (kArg) process.argv.splice(process.argv.indexOf(kArg), 1);
  const k = kArg ? Number(kArg.slice(4)) : 40;
  const simulees = Number(process.argv[2] ?? 5000);
  const seeds = (process.argv[3] ?? '1,2').split(',').map(Number);
  const names = process.argv.slice(4);
  const chosen = names.length > 0 ? VARIANTS.filter((v) => names.some((n) => v.name.includes(n))) : VARIANTS;
  if (stages) stageInformation(chosen, simulees, seeds, k);
  else runVariants(chosen, simulees, seeds, k);
}
