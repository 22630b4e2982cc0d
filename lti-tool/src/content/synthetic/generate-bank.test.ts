import { describe, expect, it } from 'vitest';
import { validateItemBank } from '../application/bank-format/validate-item-bank.js';
import { levelForDifficulty } from '../domain/irt-levels.js';
import { generateSyntheticBank } from './generate-bank.js';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe('generateSyntheticBank (PixSim-v1)', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateSyntheticBank({ seed: 7, itemsPerCompetence: 40 });
    const b = generateSyntheticBank({ seed: 7, itemsPerCompetence: 40 });
    const c = generateSyntheticBank({ seed: 8, itemsPerCompetence: 40 });
    expect(a.items).toEqual(b.items);
    expect(a.items.map((i) => i.difficulty)).not.toEqual(c.items.map((i) => i.difficulty));
  });

  it('has 16 competences × K items, each in a tube and a skill whose level is the band of b', () => {
    const bank = generateSyntheticBank({ seed: 1, itemsPerCompetence: 40 });
    expect(bank.items).toHaveLength(640);
    const perCompetence = new Map<string, number>();
    for (const item of bank.items) {
      perCompetence.set(item.competenceId, (perCompetence.get(item.competenceId) ?? 0) + 1);
      expect(item.level).toBe(levelForDifficulty(item.difficulty));
      expect(item.skillId).toBe(`${item.tubeId}${item.level}`);
    }
    expect([...perCompetence.values()]).toEqual(new Array(16).fill(40));
    const snapshot = bank.snapshot();
    expect(snapshot.competences).toHaveLength(16);
    expect(snapshot.tubes).toHaveLength(16 * 5);
    expect(snapshot.challenges).toHaveLength(640);
    expect(snapshot.skills.every((s) => s.playable && s.pixValue > 0 && s.pixValue <= 4)).toBe(true);
  });

  it('draws a ~ LogN(ln 1.2, 0.25) and b ~ N(0, 1.3)', () => {
    const { items } = generateSyntheticBank({ seed: 3, itemsPerCompetence: 250 });
    expect(items).toHaveLength(4000);
    const logA = items.map((i) => Math.log(i.discrimination));
    const b = items.map((i) => i.difficulty);
    // 4,000 draws: standard errors ≈ 0.004 (log a mean), 0.02 (b mean), 0.015 (b sd).
    expect(Math.abs(mean(logA) - Math.log(1.2))).toBeLessThan(0.02);
    expect(Math.abs(sd(logA) - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(mean(b))).toBeLessThan(0.1);
    expect(Math.abs(sd(b) - 1.3)).toBeLessThan(0.08);
  });

  it('is a valid bank: importing its files gives exactly its content', () => {
    const bank = generateSyntheticBank({ seed: 'import', itemsPerCompetence: 40 });
    const validation = validateItemBank(bank.files());
    expect(validation.errors).toEqual([]);
    expect(validation.content).toEqual(JSON.parse(JSON.stringify(bank.content)));
  });
});
