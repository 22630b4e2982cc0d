/**
 * `npx tsx bench/adaptive/allocation-bound.ts [K] [seeds]`: how much Fisher information the
 * exposure and overlap goals cost even to a clairvoyant test assembler that knows each
 * candidate's θ — an upper bound on what any selection rule can recover (ADR 0060).
 *
 * For θ on a fine grid weighted by N(0, 1), every competence must give 2 items from 2
 * different tubes; each item may be used by at most r_max of the candidates. The best
 * allocation (a linear programme, per competence) is found through its Lagrangian dual: item
 * prices λ_i, each θ takes the 2 best items by I_i(θ) − λ_i from distinct tubes (that inner
 * problem is integral), prices move by projected subgradient steps. The dual value bounds
 * the total information from above; the primal (averaged) allocation gives an achievable value.
 * The overlap goal is added as the penalty κ·r_i on the prices, κ raised until Σr²/L ≤ .15.
 */
import { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { pixSimBank } from './banks.js';

const L = 32;
const STEP = Number(process.env.STEP ?? 0.3);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const grid: number[] = [];
const weight: number[] = [];
for (let t = -4; t <= 4 + 1e-9; t += 0.05) {
  grid.push(t);
  weight.push(Math.exp(-t * t / 2));
}
const totalWeight = weight.reduce((x, y) => x + y, 0);
for (let g = 0; g < weight.length; g++) weight[g] /= totalWeight;
const ones = new Float64Array(grid.length).fill(1);

interface Competence {
  items: number[];
  info: Float64Array[]; // [item][g]
  tube: number[];
}

/** The 2 best items (distinct tubes) by m·I − price at bin g; returns local indexes. */
function bestPair(c: Competence, g: number, price: Float64Array, m: number): [number, number] {
  let b1 = -1;
  let b2 = -1;
  let v1 = -Infinity;
  let v2 = -Infinity;
  // Best per tube first, then the 2 best tubes.
  const bestOfTube = new Map<number, [number, number]>();
  for (let k = 0; k < c.items.length; k++) {
    const v = m * c.info[k][g] - price[k];
    const cur = bestOfTube.get(c.tube[k]);
    if (!cur || v > cur[1]) bestOfTube.set(c.tube[k], [k, v]);
  }
  for (const [k, v] of bestOfTube.values()) {
    if (v > v1) {
      b2 = b1;
      v2 = v1;
      b1 = k;
      v1 = v;
    } else if (v > v2) {
      b2 = k;
      v2 = v;
    }
  }
  return [b1, b2];
}

/**
 * Allocation for one competence under the cap (and the overlap penalty κ), maximising
 * Σ_g w_g·m_g·(information at θ_g): m = 1 maximises the mean information; other m weigh bins.
 */
function allocate(c: Competence, rMax: number, kappa: number, m: ArrayLike<number> = ones, iterations = 3000): { info: Float64Array; rates: Float64Array; dual: number; prices: Float64Array } {
  const n = c.items.length;
  const lambda = new Float64Array(n);
  const price = new Float64Array(n);
  const avgX = new Float64Array(n * grid.length);
  const rates = new Float64Array(n);
  let bestDual = Infinity;
  let counted = 0;
  let prevRates = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < n; k++) price[k] = lambda[k] + kappa * prevRates[k];
    const use = new Float64Array(n);
    let dual = 0;
    const averaging = it >= iterations / 2;
    for (let g = 0; g < grid.length; g++) {
      const [x, y] = bestPair(c, g, price, m[g]);
      use[x] += weight[g];
      use[y] += weight[g];
      dual += weight[g] * (m[g] * (c.info[x][g] + c.info[y][g]) - price[x] - price[y]);
      if (averaging) {
        avgX[x * grid.length + g]++;
        avgX[y * grid.length + g]++;
      }
    }
    for (let k = 0; k < n; k++) dual += lambda[k] * rMax;
    if (kappa === 0) bestDual = Math.min(bestDual, dual);
    if (averaging) counted++;
    const step = STEP / Math.sqrt(it + 1);
    for (let k = 0; k < n; k++) lambda[k] = Math.max(0, lambda[k] + step * (use[k] - rMax));
    // Smoothed usage for the overlap penalty's linearisation.
    prevRates = prevRates.map((r, k) => 0.9 * r + 0.1 * use[k]);
  }
  const info = new Float64Array(grid.length);
  for (let k = 0; k < n; k++) {
    for (let g = 0; g < grid.length; g++) {
      const x = avgX[k * grid.length + g] / counted;
      rates[k] += weight[g] * x;
      info[g] += x * c.info[k][g];
    }
  }
  const prices = Float64Array.from(lambda, (l, k) => l + kappa * rates[k]);
  return { info, rates, dual: bestDual, prices };
}

function competenceOf(pool: FlashItemPool, comp: number): Competence {
  const items = [...pool.a.keys()].filter((i) => pool.competence[i] === comp);
  return {
    items,
    tube: items.map((i) => pool.tube[i]),
    info: items.map((i) =>
      Float64Array.from(grid, (t) => {
        const p = 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - t)));
        return pool.a2[i] * p * (1 - p);
      }),
    ),
  };
}

/** The clairvoyant allocation's item prices λ_i + κ·r_i, by pool index (offline shadow prices). */
export function clairvoyantPrices(pool: FlashItemPool, rMax: number, kappa: number): Float64Array {
  const out = new Float64Array(pool.size);
  for (let comp = 0; comp < pool.competenceCount; comp++) {
    const c = competenceOf(pool, comp);
    const r = allocate(c, rMax, kappa);
    c.items.forEach((i, k) => (out[i] = r.prices[k]));
  }
  return out;
}

/**
 * The allocation maximising the mean information, then (rounds > 0) Frank–Wolfe steps towards
 * the one minimising the proxy E[1/(1 + ΣI(θ))] itself: each step re-weights the bins by the
 * gradient 1/(1 + T_g)² and mixes the new allocation in with step 2/(k + 2).
 */
function study(pool: FlashItemPool, rMax: number, kappa: number, rounds = 0) {
  const competences = Array.from({ length: pool.competenceCount }, (_, comp) => competenceOf(pool, comp));
  const parts = competences.map((c) => allocate(c, rMax, kappa));
  const dual = parts.reduce((acc, r) => acc + r.dual, 0);
  for (let round = 0; round < rounds; round++) {
    const t = new Float64Array(grid.length);
    for (const r of parts) for (let g = 0; g < grid.length; g++) t[g] += r.info[g];
    const m = Float64Array.from(t, (x) => 1 / (1 + x) ** 2);
    const norm = m.reduce((acc, x, g) => acc + x * weight[g], 0);
    for (let g = 0; g < m.length; g++) m[g] /= norm;
    const gamma = 2 / (round + 2);
    competences.forEach((c, k) => {
      const next = allocate(c, rMax, kappa, m);
      for (let g = 0; g < grid.length; g++) parts[k].info[g] = (1 - gamma) * parts[k].info[g] + gamma * next.info[g];
      for (let j = 0; j < next.rates.length; j++) parts[k].rates[j] = (1 - gamma) * parts[k].rates[j] + gamma * next.rates[j];
    });
  }
  const total = new Float64Array(grid.length);
  const allRates: number[] = [];
  for (const r of parts) {
    for (let g = 0; g < grid.length; g++) total[g] += r.info[g];
    allRates.push(...r.rates);
  }
  let meanInfo = 0;
  let mse = 0;
  for (let g = 0; g < grid.length; g++) {
    meanInfo += weight[g] * total[g];
    mse += weight[g] / (1 + total[g]);
  }
  const overlap = allRates.reduce((acc, r) => acc + r * r, 0) / L;
  return { meanInfo, rmse: Math.sqrt(mse), overlap, maxRate: Math.max(...allRates), dual };
}

if (import.meta.url === `file://${process.argv[1]}`) main();

function main(): void {
  const K = Number(process.argv[2] ?? 40);
  const seeds = (process.argv[3] ?? '1,2').split(',').map(Number);
  console.log('| seed | allocation | E[ΣI(θ)] | √E[1/(1+ΣI)] | max rate | overlap |\n|---|---|---|---|---|---|');
  for (const seed of seeds) {
    const pool = FlashItemPool.from(pixSimBank(K, seed).items);
    const rows: [string, number, number, number][] = [
      ['no exposure control', 1, 0, 0],
      ['cap .25', 0.25, 0, 0],
      ['cap .25 + overlap κ=1', 0.25, 1, 0],
      ['cap .25 + overlap κ=1.25', 0.25, 1.25, 0],
      ['cap .25 + overlap κ=1.25, proxy-optimal', 0.25, 1.25, ROUNDS],
      ['cap .25 + overlap κ=1.5', 0.25, 1.5, 0],
      ['cap .25 + overlap κ=2', 0.25, 2, 0],
    ];
    for (const [name, rMax, kappa, rounds] of rows) {
      const r = study(pool, rMax, kappa, rounds);
      const bound = kappa === 0 && rounds === 0 ? ` (dual bound ${r.dual.toFixed(2)})` : '';
      console.log(`| ${seed} | ${name} | ${r.meanInfo.toFixed(2)}${bound} | ${r.rmse.toFixed(4)} | ${r.maxRate.toFixed(3)} | ${r.overlap.toFixed(3)} |`);
    }
  }
}
