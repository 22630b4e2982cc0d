/**
 * Content balancing across competences for a fixed-length test (B5): every competence gets
 * ⌊L/C⌋ or ⌈L/C⌉ items (exactly 2 each for 32 questions over 16 competences), and no
 * competence comes back within `minGap` answers (Pix: 2).
 *
 * The rule only allows a competence now if the rest of the test can still be completed
 * under both constraints; otherwise a greedy choice could paint itself into a corner near
 * the end (e.g. one competence left needing two consecutive items). Completability is
 * decided by the classic greedy for "rearrange with distance k" — fill each slot with the
 * allowed competence that still owes the most items — which is exact for this problem
 * (checked against brute force in the tests).
 */
export interface ContentBalancingRule {
  /** No competence again within this many answers; 0 turns the rule off. */
  minGap: number;
  /** Spread the test evenly: each competence gets ⌊L/C⌋ or ⌈L/C⌉ items. */
  equalQuotas: boolean;
  /**
   * Every competence must have appeared by this answer (e.g. 20, the answers needed to
   * validate a certification, so a candidate who stops there has still seen them all).
   * `'all-first'` is Pix's "passage by all competences": C competences in the first C items.
   * null: coverage only comes from the quotas, at the end.
   */
  coverAllBy: number | 'all-first' | null;
}

export interface CompetenceBalanceInput {
  /** Competences that can still be asked (they have items left); others are ignored. */
  active: ArrayLike<boolean | number>;
  /** Competence of each administered item, oldest first. */
  history: readonly number[];
  /** Planned test length. */
  length: number;
  rule: ContentBalancingRule;
}

/** Per competence, 1 if the next item may come from it. All zeros when nothing can satisfy the rule. */
export function allowedCompetences(input: CompetenceBalanceInput): Uint8Array {
  const { active, history, length, rule } = input;
  const count = active.length;
  const allowed = new Uint8Array(count);
  const asked = new Int32Array(count);
  for (const c of history) if (c < count) asked[c]++;
  let activeCount = 0;
  for (let c = 0; c < count; c++) if (active[c]) activeCount++;
  if (activeCount === 0) return allowed;

  const remaining = length - history.length;
  const recent = history.slice(Math.max(0, history.length - rule.minGap));
  const min = rule.equalQuotas ? Math.floor(length / activeCount) : 0;
  const max = rule.equalQuotas ? Math.ceil(length / activeCount) : length;

  for (let c = 0; c < count; c++) {
    if (!active[c] || asked[c] >= max || recent.includes(c)) continue;
    if (!rule.equalQuotas && rule.minGap === 0) {
      allowed[c] = 1;
      continue;
    }
    asked[c]++;
    const cooldown = rule.minGap > 0 ? [...recent, c].slice(-rule.minGap) : [];
    if (canComplete({ active, asked, cooldown, gap: rule.minGap, slots: remaining - 1, min, max })) allowed[c] = 1;
    asked[c]--;
  }

  if (rule.coverAllBy !== null) {
    const deadline = rule.coverAllBy === 'all-first' ? activeCount : rule.coverAllBy;
    let unseen = 0;
    for (let c = 0; c < count; c++) if (active[c] && asked[c] === 0) unseen++;
    // Slots left before the deadline once this item is given; each unseen competence needs one.
    const slotsAfter = deadline - history.length - 1;
    const restricted = new Uint8Array(count);
    let any = false;
    for (let c = 0; c < count; c++) {
      if (!allowed[c]) continue;
      if (unseen - (asked[c] === 0 ? 1 : 0) > Math.max(0, slotsAfter)) continue;
      restricted[c] = 1;
      any = true;
    }
    // Past the deadline (or when it cannot be met any more), the quotas alone decide.
    if (any) return restricted;
  }
  return allowed;
}

/**
 * Whether `slots` more items can be scheduled so that every active competence ends with
 * between `min` and `max` items and none repeats while in `cooldown` (the last minGap picks).
 */
export function canComplete(state: {
  active: ArrayLike<boolean | number>;
  asked: ArrayLike<number>;
  /** The last picks (at most `gap`), oldest first. */
  cooldown: readonly number[];
  gap: number;
  slots: number;
  min: number;
  max: number;
}): boolean {
  const { active, asked, cooldown, gap, slots, min, max } = state;
  const count = active.length;
  const owed = new Int32Array(count);
  const room = new Int32Array(count);
  // Step at which each competence was last picked (cooldown picks at −len … −1).
  const last = new Int32Array(count).fill(-1 << 30);
  let totalOwed = 0;
  for (let c = 0; c < count; c++) {
    if (!active[c]) continue;
    owed[c] = Math.max(0, min - asked[c]);
    room[c] = Math.max(0, max - asked[c]);
    totalOwed += owed[c];
  }
  if (totalOwed > slots) return false;
  if (gap > 0) {
    const tail = cooldown.slice(-gap);
    tail.forEach((c, k) => {
      if (c >= 0 && c < count) last[c] = k - tail.length;
    });
  }
  for (let step = 0; step < slots; step++) {
    let best = -1;
    for (let c = 0; c < count; c++) {
      if (room[c] === 0 || step - last[c] <= gap) continue;
      if (best < 0 || owed[c] > owed[best] || (owed[c] === owed[best] && room[c] > room[best])) best = c;
    }
    if (best < 0) return false;
    if (owed[best] > 0) owed[best]--;
    room[best]--;
    last[best] = step;
  }
  for (let c = 0; c < count; c++) if (owed[c] > 0) return false;
  return true;
}
