import { describe, expect, it } from 'vitest';
import { fisherInformation } from '../irt/two-pl.js';
import { seededRandom } from '../random.js';
import { FlashItemPool, type FlashItem } from './item-pool.js';
import { selectFlashItem, type FlashSelectionInput, type FlashSelectionRules } from './select-item.js';

const noRules: FlashSelectionRules = { oneItemPerTube: false, oneItemPerSkill: false, contentBalancing: null, randomesque: 1, exposurePenalty: 0 };

function input(pool: FlashItemPool, over: Partial<FlashSelectionInput> = {}): FlashSelectionInput {
  return { pool, administered: [], theta: 0, length: 32, rules: noRules, random: seededRandom('select'), ...over };
}

const item = (id: string, a: number, b: number, extra: Partial<FlashItem> = {}): FlashItem => ({ id, competenceId: 'c1', discrimination: a, difficulty: b, ...extra });

describe('selectFlashItem', () => {
  const pool = FlashItemPool.from([item('easy', 1.2, -2), item('mid', 1.2, 0.1), item('sharp', 2.0, 1.0), item('hard', 1.2, 2.5)]);

  it('takes the item of maximum Fisher information at θ̂', () => {
    for (const theta of [-2.2, 0, 0.9, 3]) {
      const best = [0, 1, 2, 3].reduce((x, y) => (fisherInformation(theta, pool.a[y], pool.b[y]) > fisherInformation(theta, pool.a[x], pool.b[x]) ? y : x));
      expect(selectFlashItem(input(pool, { theta }))).toBe(best);
    }
    expect(pool.ids[selectFlashItem(input(pool, { theta: 0.9 }))]).toBe('sharp');
  });

  it('never gives an item twice, and returns −1 when nothing is left', () => {
    expect(selectFlashItem(input(pool, { theta: 0.9, administered: [2] }))).not.toBe(2);
    expect(selectFlashItem(input(pool, { administered: [0, 1, 2, 3] }))).toBe(-1);
  });

  it('randomesque picks among the k most informative, reproducibly for a seed', () => {
    const picks = new Set<number>();
    for (let s = 0; s < 50; s++) picks.add(selectFlashItem(input(pool, { theta: 0.5, rules: { ...noRules, randomesque: 2 }, random: seededRandom(s) })));
    expect([...picks].sort()).toEqual([1, 2]);
    const again = (s: number) => selectFlashItem(input(pool, { theta: 0.5, rules: { ...noRules, randomesque: 2 }, random: seededRandom(s) }));
    expect(again(7)).toBe(again(7));
  });

  describe('exposure control', () => {
    it('skips an item already given in r_max of the tests started', () => {
      // "sharp" was given in 3 of 12 tests: one more would exceed 25 %.
      const counts = [0, 0, 3, 0];
      expect(selectFlashItem(input(pool, { theta: 0.9, exposure: { rMax: 0.25, counts, testsStarted: 12 } }))).not.toBe(2);
      expect(selectFlashItem(input(pool, { theta: 0.9, exposure: { rMax: 0.25, counts, testsStarted: 16 } }))).toBe(2);
    });

    it('falls back to the best item when every item is at its cap', () => {
      const counts = [5, 5, 5, 5];
      expect(selectFlashItem(input(pool, { theta: 0.9, exposure: { rMax: 0.25, counts, testsStarted: 10 } }))).toBe(2);
    });

    it('the overlap penalty trades information for a less used item', () => {
      // At θ = 0.55, "mid" and "sharp" are close; a heavily used "sharp" gives way.
      const info = (i: number) => fisherInformation(0.55, pool.a[i], pool.b[i]);
      expect(info(2)).toBeGreaterThan(info(1));
      const rules = { ...noRules, exposurePenalty: 1.5 };
      const gap = info(2) - info(1);
      const heavy = Math.ceil(((gap / 1.5) * 100) + 1);
      expect(selectFlashItem(input(pool, { theta: 0.55, rules, exposure: { rMax: 1, counts: [0, 0, 0, 0], testsStarted: 100 } }))).toBe(2);
      expect(selectFlashItem(input(pool, { theta: 0.55, rules, exposure: { rMax: 1, counts: [0, 0, heavy, 0], testsStarted: 100 } }))).toBe(1);
    });
  });

  describe('content rules', () => {
    const tubes = FlashItemPool.from([
      item('t1-a', 2.0, 0, { tubeId: 't1', skillId: 's1' }),
      item('t1-b', 1.9, 0, { tubeId: 't1', skillId: 's2' }),
      item('t2-a', 1.0, 0, { tubeId: 't2', skillId: 's2' }),
      item('t3-a', 0.8, 0, { tubeId: 't3', skillId: 's3' }),
    ]);

    it('asks one item per tube', () => {
      const rules = { ...noRules, oneItemPerTube: true };
      expect(tubes.ids[selectFlashItem(input(tubes, { rules, administered: [0] }))]).toBe('t2-a');
    });

    it('asks one item per skill', () => {
      const rules = { ...noRules, oneItemPerSkill: true };
      expect(tubes.ids[selectFlashItem(input(tubes, { rules, administered: [1] }))]).toBe('t1-a');
      expect(tubes.ids[selectFlashItem(input(tubes, { rules, administered: [0, 1] }))]).toBe('t3-a');
    });

    it('relaxes the tube rule rather than stopping when every tube has been used', () => {
      const rules = { ...noRules, oneItemPerTube: true };
      expect(selectFlashItem(input(tubes, { rules, administered: [0, 2, 3] }))).toBe(1);
    });

    it('balances competences and keeps the last two answers’ competences out', () => {
      const items: FlashItem[] = [];
      for (const c of ['c1', 'c2', 'c3', 'c4']) for (let k = 0; k < 3; k++) items.push(item(`${c}-${k}`, c === 'c1' ? 2.5 : 1, 0, { competenceId: c }));
      const balanced = FlashItemPool.from(items);
      const rules = { ...noRules, contentBalancing: { minGap: 2, equalQuotas: true, coverAllBy: null } };
      const history: number[] = [];
      for (let k = 0; k < 8; k++) history.push(selectFlashItem(input(balanced, { rules, administered: history, length: 8 })));
      const competences = history.map((i) => balanced.competence[i]);
      expect(competences.filter((c) => c === 0)).toHaveLength(2);
      competences.forEach((c, k) => expect(competences.slice(Math.max(0, k - 2), k)).not.toContain(c));
      // c1 is the most informative competence: it comes first.
      expect(competences[0]).toBe(0);
    });
  });
});

describe('FlashItemPool', () => {
  it('interns competences, tubes and skills and finds items by id', () => {
    const pool = FlashItemPool.from([item('x', 1, 0, { competenceId: 'a', tubeId: 't' }), item('y', 1, 0, { competenceId: 'b', tubeId: 't' }), item('z', 1, 0, { competenceId: 'a' })]);
    expect(pool.competenceIds).toEqual(['a', 'b']);
    expect([...pool.itemsPerCompetence]).toEqual([2, 1]);
    expect(pool.tube[0]).toBe(pool.tube[1]);
    expect(pool.tube[2]).not.toBe(pool.tube[0]);
    expect(pool.indexOf('y')).toBe(1);
    expect(pool.indexOf('nope')).toBe(-1);
  });

  it('rejects duplicate ids and invalid parameters', () => {
    expect(() => FlashItemPool.from([item('x', 1, 0), item('x', 1, 0)])).toThrow(/duplicate/);
    expect(() => FlashItemPool.from([item('x', 0, 0)])).toThrow(/IRT/);
    expect(() => FlashItemPool.from([item('x', 1, Number.NaN)])).toThrow(/IRT/);
  });
});
