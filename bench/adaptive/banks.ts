/**
 * The simulation's item banks (adaptive.md §4–5), generated from a seed.
 *
 * PixSim-v1: 16 competences × K items, 2PL, a ~ LogN(ln 1.2, 0.25), b ~ N(0, 1.3).
 * Rasch500: one pool of 500 items, a = 1, b ~ N(0, 1.2). 2PL500: PixSim's law as one pool.
 * Each item is its own tube and skill (the reference runs leave the tube rule out).
 */
import { normalDraw, seededRandom, type Random } from '../../lti-tool/src/adaptive/domain/random.js';
import type { FlashItem } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';

export const COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

export interface SimBank {
  name: string;
  items: FlashItem[];
}

export function pixSimBank(perCompetence: number, seed: number): SimBank {
  const random = seededRandom(`pixsim-v1:${perCompetence}:${seed}`);
  const items: FlashItem[] = [];
  for (const competenceId of COMPETENCES) {
    for (let k = 0; k < perCompetence; k++) {
      items.push({
        id: `${competenceId}-${k}`,
        competenceId,
        discrimination: Math.exp(Math.log(1.2) + 0.25 * normalDraw(random)),
        difficulty: 1.3 * normalDraw(random),
      });
    }
  }
  return { name: `PixSim-v1 K=${perCompetence}`, items };
}

export function rasch500Bank(seed: number): SimBank {
  const random = seededRandom(`rasch500:${seed}`);
  const items: FlashItem[] = [];
  for (let k = 0; k < 500; k++) items.push({ id: `r${k}`, competenceId: 'all', discrimination: 1, difficulty: 1.2 * normalDraw(random) });
  return { name: 'Rasch500', items };
}

/** The "true" parameters behind a misfitting calibration (B10): a·LogN(0, 0.1), b + N(0, 0.2). */
export function misfitParameters(items: readonly FlashItem[], seed: number): { a: Float64Array; b: Float64Array } {
  const random: Random = seededRandom(`misfit:${seed}`);
  const a = new Float64Array(items.length);
  const b = new Float64Array(items.length);
  items.forEach((item, i) => {
    a[i] = item.discrimination * Math.exp(0.1 * normalDraw(random));
    b[i] = item.difficulty + 0.2 * normalDraw(random);
  });
  return { a, b };
}
