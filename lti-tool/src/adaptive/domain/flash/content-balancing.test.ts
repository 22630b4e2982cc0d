import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { allowedCompetences, canComplete, type ContentBalancingRule } from './content-balancing.js';

/** Exhaustive search: can `slots` picks end with every competence in [min, max] and no repeat within `gap`? */
function bruteForce(asked: number[], cooldown: number[], gap: number, slots: number, min: number, max: number): boolean {
  if (slots === 0) return asked.every((n) => n >= min && n <= max);
  for (let c = 0; c < asked.length; c++) {
    if (asked[c] >= max || cooldown.slice(-gap).includes(c)) continue;
    asked[c]++;
    const ok = bruteForce(asked, gap > 0 ? [...cooldown, c].slice(-gap) : [], gap, slots - 1, min, max);
    asked[c]--;
    if (ok) return true;
  }
  return false;
}

const rule = (over: Partial<ContentBalancingRule> = {}): ContentBalancingRule => ({ minGap: 2, equalQuotas: true, coverAllBy: null, ...over });

describe('canComplete (greedy completability)', () => {
  it('agrees with exhaustive search on random small states', () => {
    const random = seededRandom('cb-brute');
    let checked = 0;
    for (let trial = 0; trial < 1500; trial++) {
      const competences = 2 + Math.floor(random() * 4);
      const length = competences + Math.floor(random() * competences * 2);
      const gap = Math.floor(random() * 3);
      const min = Math.floor(length / competences);
      const max = Math.ceil(length / competences);
      const done = Math.floor(random() * length);
      const history: number[] = [];
      for (let k = 0; k < done; k++) history.push(Math.floor(random() * competences));
      const asked = new Array(competences).fill(0);
      for (const c of history) asked[c]++;
      if (asked.some((n) => n > max)) continue;
      const cooldown = gap > 0 ? history.slice(-gap) : [];
      const active = new Array(competences).fill(true);
      const expected = bruteForce([...asked], cooldown, gap, length - done, min, max);
      expect(canComplete({ active, asked, cooldown, gap, slots: length - done, min, max }), JSON.stringify({ history, length, gap })).toBe(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('allowedCompetences', () => {
  const sixteen = new Array(16).fill(true);

  it('allows every competence at the start', () => {
    expect([...allowedCompetences({ active: sixteen, history: [], length: 32, rule: rule() })]).toEqual(new Array(16).fill(1));
  });

  it('never allows a competence of the last two answers', () => {
    const allowed = allowedCompetences({ active: sixteen, history: [3, 7], length: 32, rule: rule() });
    expect(allowed[3]).toBe(0);
    expect(allowed[7]).toBe(0);
    expect(allowed[0]).toBe(1);
    expect(allowedCompetences({ active: sixteen, history: [3, 7, 1], length: 32, rule: rule() })[3]).toBe(1);
  });

  it('caps each competence at its quota (2 of 32 over 16)', () => {
    const allowed = allowedCompetences({ active: sixteen, history: [5, 1, 5, 2], length: 32, rule: rule() });
    expect(allowed[5]).toBe(0);
  });

  it('looks ahead so the end of the test stays feasible', () => {
    // 3 competences, 6 items, 2 each, gap 2. After [0, 1, 2, 0], the only completion is 1 then 2.
    const active = [true, true, true];
    const allowed = allowedCompetences({ active, history: [0, 1, 2, 0], length: 6, rule: rule() });
    expect([...allowed]).toEqual([0, 1, 0]);
    // After [0, 1, 0] (gap 1), picking 1 leaves [2, 2] back to back: only 2 is allowed.
    expect([...allowedCompetences({ active, history: [0, 1, 0], length: 6, rule: rule({ minGap: 1 }) })]).toEqual([0, 0, 1]);
  });

  it('builds every 32-item sequence with exactly 2 per competence and no repeat within 2, whatever the choices', () => {
    const random = seededRandom('cb-walk');
    for (let run = 0; run < 100; run++) {
      const history: number[] = [];
      for (let k = 0; k < 32; k++) {
        const allowed = allowedCompetences({ active: sixteen, history, length: 32, rule: rule({ coverAllBy: run % 2 ? 20 : 'all-first' }) });
        const options = [...allowed.keys()].filter((c) => allowed[c]);
        expect(options.length).toBeGreaterThan(0);
        history.push(options[Math.floor(random() * options.length)]);
      }
      const counts = new Array(16).fill(0);
      history.forEach((c, k) => {
        counts[c]++;
        expect(history.slice(Math.max(0, k - 2), k)).not.toContain(c);
      });
      expect(counts).toEqual(new Array(16).fill(2));
      if (run % 2 === 0) expect(new Set(history.slice(0, 16)).size).toBe(16);
      else expect(new Set(history.slice(0, 20)).size).toBe(16);
    }
  });

  it("'all-first' keeps to unseen competences until every one has appeared", () => {
    const history = [0, 1, 2, 3];
    const allowed = allowedCompetences({ active: sixteen, history, length: 32, rule: rule({ coverAllBy: 'all-first' }) });
    expect(history.some((c) => allowed[c])).toBe(false);
    expect(allowed[4]).toBe(1);
  });

  it('a coverage deadline forces unseen competences only when needed', () => {
    // 18 answers given covering 14 competences; 2 unseen, deadline 20: both remaining slots go to them.
    const history = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0, 1, 2, 3];
    const allowed = allowedCompetences({ active: sixteen, history, length: 32, rule: rule({ coverAllBy: 20 }) });
    expect([...allowed.keys()].filter((c) => allowed[c])).toEqual([14, 15]);
    const early = allowedCompetences({ active: sixteen, history: history.slice(0, 10), length: 32, rule: rule({ coverAllBy: 20 }) });
    expect(early[0]).toBe(1);
  });

  it('spreads without quotas when equalQuotas is off', () => {
    const allowed = allowedCompetences({ active: [true, true, true], history: [0, 0, 0, 1], length: 48, rule: rule({ equalQuotas: false }) });
    expect([...allowed]).toEqual([0, 0, 1]);
  });

  it('ignores inactive competences', () => {
    const allowed = allowedCompetences({ active: [true, false, true], history: [], length: 4, rule: rule({ minGap: 1 }) });
    expect([...allowed]).toEqual([1, 0, 1]);
  });
});
