/**
 * The engines to compare against, implemented here from their published rules (adaptive.md
 * §3–4) and independently of the product code, so the comparison is measured, not copied.
 */
import type { Random } from '../../lti-tool/src/adaptive/domain/random.js';
import type { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import type { SimEngine, SimTest } from './engine.js';

const log1pexp = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Plain maximum Fisher information + EAP with a N(0,1) prior on a 0.05 grid, posterior SD as SE. */
export function referenceMfiEap(pool: FlashItemPool): SimEngine {
  const grid: number[] = [];
  for (let t = -6; t <= 6 + 1e-9; t += 0.05) grid.push(t);
  return {
    name: 'reference MFI+EAP',
    newTest(): SimTest {
      const logPost = grid.map((t) => -t * t / 2);
      const used = new Uint8Array(pool.size);
      let est = summarise(grid, logPost);
      return {
        next() {
          let best = -1;
          let bestInfo = -1;
          for (let i = 0; i < pool.size; i++) {
            if (used[i]) continue;
            const p = 1 / (1 + Math.exp(-pool.a[i] * (est.theta - pool.b[i])));
            const info = pool.a[i] * pool.a[i] * p * (1 - p);
            if (info > bestInfo) {
              bestInfo = info;
              best = i;
            }
          }
          return best;
        },
        answer(i, correct) {
          used[i] = 1;
          for (let g = 0; g < grid.length; g++) {
            const z = pool.a[i] * (grid[g] - pool.b[i]);
            logPost[g] -= correct ? log1pexp(-z) : log1pexp(z);
          }
          est = summarise(grid, logPost);
        },
        estimate: () => est,
      };
    },
  };
}

function summarise(grid: readonly number[], logPost: readonly number[]): { theta: number; se: number } {
  const max = Math.max(...logPost);
  let w = 0;
  let m1 = 0;
  let m2 = 0;
  for (let g = 0; g < grid.length; g++) {
    const v = Math.exp(logPost[g] - max);
    w += v;
    m1 += v * grid[g];
    m2 += v * grid[g] * grid[g];
  }
  const mean = m1 / w;
  return { theta: mean, se: Math.sqrt(Math.max(0, m2 / w - mean * mean)) };
}

/**
 * A replica of Pix's flash rules (certification v3): θ₀ = −3; EAP on −9…8.775 step 0.225 with
 * a Gaussian prior of variance 1.5 re-centred on the previous estimate after every answer;
 * step capped by variationPercent 0.5; error = √(posterior variance − (9/80)²/12).
 * Selection: one per tube (each item is its own tube here), unanswered, every competence
 * before any second one, no competence from the last 2 answers; Fisher information, top 5,
 * then the 51 % binary-tree pick.
 */
export function pixFlashReplica(pool: FlashItemPool, options: { initialTheta?: number } = {}): SimEngine {
  const theta0 = options.initialTheta ?? -3;
  const samples: number[] = [];
  for (let i = 0; i < 80; i++) samples.push(-9 + (i * 18) / 80);
  const variance = 1.5;
  const variationPercent = 0.5;
  const classInterval = 9 / 80;
  return {
    name: theta0 === 0 ? 'Pix flash replica θ₀=0' : 'Pix flash replica',
    newTest(random: Random): SimTest {
      const likelihood = samples.map(() => 1);
      const used = new Uint8Array(pool.size);
      const history: number[] = [];
      const seen = new Uint8Array(pool.competenceCount);
      let theta = theta0;
      let error = 5;
      return {
        next() {
          const allSeen = seen.every((v) => v === 1);
          const recent = history.slice(-2);
          const candidates: { i: number; reward: number }[] = [];
          const consider = (strictCompetences: boolean, strictRecent: boolean) => {
            for (let i = 0; i < pool.size; i++) {
              if (used[i]) continue;
              const c = pool.competence[i];
              if (strictCompetences && !allSeen && seen[c]) continue;
              if (strictRecent && recent.includes(c)) continue;
              const p = 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - theta)));
              candidates.push({ i, reward: pool.a[i] * pool.a[i] * p * (1 - p) });
            }
          };
          consider(true, true);
          if (candidates.length === 0) consider(false, true);
          if (candidates.length === 0) consider(false, false);
          if (candidates.length === 0) return -1;
          candidates.sort((x, y) => y.reward - x.reward);
          const top = candidates.slice(0, 5);
          return top[binaryTreeRandom(51, top.length, random)].i;
        },
        answer(i, correct) {
          used[i] = 1;
          history.push(pool.competence[i]);
          seen[pool.competence[i]] = 1;
          for (let s = 0; s < samples.length; s++) {
            const p = 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - samples[s])));
            likelihood[s] *= correct ? p : 1 - p;
          }
          const posterior = samples.map((x, s) => likelihood[s] * Math.exp(-((x - theta) ** 2) / (2 * variance)));
          const total = posterior.reduce((acc, v) => acc + v, 0);
          const normalised = posterior.map((v) => v / total);
          const raw = samples.reduce((acc, x, s) => acc + x * normalised[s], 0);
          const cap = Math.abs(theta) < variationPercent ? variationPercent : Math.abs(theta) * variationPercent;
          const next = Math.abs(raw - theta) > cap ? theta + Math.sign(raw - theta) * cap : raw;
          theta = next;
          const variance2 = samples.reduce((acc, x, s) => acc + (x - theta) ** 2 * normalised[s], 0);
          error = Math.sqrt(Math.max(0, variance2 - classInterval ** 2 / 12));
        },
        estimate: () => ({ theta, se: error }),
      };
    },
  };
}

/** Pix's `binaryTreeRandom`: the first candidate with probability p %, else recurse on the rest. */
function binaryTreeRandom(percent: number, length: number, random: Random): number {
  let index = 0;
  while (index < length - 1 && random() * 100 >= percent) index++;
  return index;
}
