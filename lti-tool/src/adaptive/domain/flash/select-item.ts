import type { Random } from '../random.js';
import { allowedCompetences, type ContentBalancingRule } from './content-balancing.js';
import type { FlashItemPool } from './item-pool.js';

/**
 * Next-item selection for the flash engine: maximum Fisher information at the current
 * estimate, among the items the rules allow.
 *
 * Rules, in order of precedence (a rule is relaxed only when nothing satisfies it, last first):
 * never the same item; one item per skill / per tube; content balancing across competences;
 * exposure control. Exposure control is the restricted method (Revuelta & Ponsoda 1998): an
 * item already given in r_max of the tests started is not eligible — Barrada et al. (2009)
 * found it controls exposure best for the same precision.
 */
export interface ExposureCounts {
  /** Times each pool item has been administered, by pool index. */
  counts: ArrayLike<number>;
  /** Tests started so far, the current one included. */
  testsStarted: number;
}

export interface ExposureControl extends ExposureCounts {
  /** Maximum share of tests an item may appear in (e.g. 0.25). */
  rMax: number;
}

export interface FlashSelectionRules {
  oneItemPerTube: boolean;
  oneItemPerSkill: boolean;
  contentBalancing: ContentBalancingRule | null;
  /** Pick at random among the k most informative items (1 = always the best). */
  randomesque: number;
  /**
   * κ in the criterion I(θ̂) − κ·r, r being the item's exposure rate so far: the Lagrangian
   * of "maximise information subject to a bound on Σr²" (the overlap rate), so popular
   * items give way to nearly as informative, less used ones before they hit r_max. 0 = off.
   */
  exposurePenalty: number;
}

export interface FlashSelectionInput {
  pool: FlashItemPool;
  /** Pool indexes of the items already given in this test, in order. */
  administered: readonly number[];
  /** Current ability estimate. */
  theta: number;
  /** Planned test length (for content quotas). */
  length: number;
  rules: FlashSelectionRules;
  exposure?: ExposureControl;
  random: Random;
}

interface Scratch {
  usedItem: Uint8Array;
  usedTube: Uint8Array;
  usedSkill: Uint8Array;
}

const scratchByPool = new WeakMap<FlashItemPool, Scratch>();

function scratchFor(pool: FlashItemPool): Scratch {
  let s = scratchByPool.get(pool);
  if (!s) {
    s = {
      usedItem: new Uint8Array(pool.size),
      usedTube: new Uint8Array(pool.tubeCount),
      usedSkill: new Uint8Array(pool.skillIds.length),
    };
    scratchByPool.set(pool, s);
  }
  return s;
}

const MAX_K = 16;

/** Pool index of the next item, or -1 when no item is left. */
export function selectFlashItem(input: FlashSelectionInput): number {
  const { pool, administered, rules } = input;
  const scratch = scratchFor(pool);
  for (const i of administered) {
    scratch.usedItem[i] = 1;
    scratch.usedTube[pool.tube[i]] = 1;
    scratch.usedSkill[pool.skill[i]] = 1;
  }
  try {
    const competences = competenceFilter(input);
    const attempts: Attempt[] = [
      { competences, exposure: true, tube: rules.oneItemPerTube, skill: rules.oneItemPerSkill },
      { competences, exposure: false, tube: rules.oneItemPerTube, skill: rules.oneItemPerSkill },
      { competences: null, exposure: false, tube: rules.oneItemPerTube, skill: rules.oneItemPerSkill },
      { competences: null, exposure: false, tube: false, skill: false },
    ];
    for (const attempt of attempts) {
      const picked = scan(input, scratch, attempt);
      if (picked >= 0) return picked;
    }
    return -1;
  } finally {
    for (const i of administered) {
      scratch.usedItem[i] = 0;
      scratch.usedTube[pool.tube[i]] = 0;
      scratch.usedSkill[pool.skill[i]] = 0;
    }
  }
}

interface Attempt {
  competences: Uint8Array | null;
  exposure: boolean;
  tube: boolean;
  skill: boolean;
}

/**
 * Competences allowed by the balancing rule. A competence counts as active while it has items
 * not yet given (tube exhaustion is left to the fallbacks, to keep this O(test length)).
 */
function competenceFilter(input: FlashSelectionInput): Uint8Array | null {
  const { pool, rules, administered } = input;
  if (!rules.contentBalancing) return null;
  const remaining = Int32Array.from(pool.itemsPerCompetence);
  const history = administered.map((i) => pool.competence[i]);
  for (const c of history) remaining[c]--;
  const active = new Uint8Array(pool.competenceCount);
  for (let c = 0; c < active.length; c++) if (remaining[c] > 0 || history.includes(c)) active[c] = 1;
  const allowed = allowedCompetences({ active, history, length: input.length, rule: rules.contentBalancing });
  return allowed.includes(1) ? allowed : null;
}

function scan(input: FlashSelectionInput, scratch: Scratch, attempt: Attempt): number {
  const { pool, theta, exposure, rules } = input;
  const k = Math.max(1, Math.min(MAX_K, Math.floor(rules.randomesque)));
  const bestIndex = new Int32Array(k).fill(-1);
  const bestValue = new Float64Array(k).fill(-Infinity);
  const { a, b, a2, competence, tube, skill } = pool;
  const { usedItem, usedTube, usedSkill } = scratch;
  const allowed = attempt.competences;
  const counts = attempt.exposure && exposure ? exposure.counts : null;
  const limit = exposure ? exposure.rMax * exposure.testsStarted : 0;
  const penalty = exposure ? rules.exposurePenalty / Math.max(1, exposure.testsStarted) : 0;
  const exposureCounts = exposure ? exposure.counts : null;
  let found = 0;
  for (let i = 0; i < pool.size; i++) {
    if (usedItem[i]) continue;
    if (allowed && !allowed[competence[i]]) continue;
    if (attempt.tube && usedTube[tube[i]]) continue;
    if (attempt.skill && usedSkill[skill[i]]) continue;
    if (counts && counts[i] + 1 > limit) continue;
    const p = 1 / (1 + Math.exp(a[i] * (b[i] - theta)));
    let info = a2[i] * p * (1 - p);
    if (exposureCounts) info -= penalty * exposureCounts[i];
    found++;
    if (info <= bestValue[k - 1]) continue;
    let j = k - 1;
    while (j > 0 && bestValue[j - 1] < info) {
      bestValue[j] = bestValue[j - 1];
      bestIndex[j] = bestIndex[j - 1];
      j--;
    }
    bestValue[j] = info;
    bestIndex[j] = i;
  }
  if (found === 0) return -1;
  const candidates = Math.min(k, found);
  return bestIndex[Math.floor(input.random() * candidates)];
}
