import { describe, expect, it } from 'vitest';
import { certifiableCompetenceCount, isCertifiable } from './certifiability.js';

const levels = (...values: number[]) => values.map((level, i) => ({ competenceId: `${1 + Math.floor(i / 4)}.${(i % 4) + 1}`, level }));

describe('certifiability (≥ 5 competences at level ≥ 1)', () => {
  it('needs five competences at level 1 or more', () => {
    expect(isCertifiable(levels(1, 1, 1, 1, 1))).toBe(true);
    expect(isCertifiable(levels(1, 1, 1, 1, 0, 0, 0))).toBe(false);
    expect(isCertifiable(levels(5, 3, 0, 0, 2, 1, 1))).toBe(true);
    expect(isCertifiable([])).toBe(false);
  });

  it('counts a competence once even if listed twice', () => {
    const twice = [...levels(2, 2, 2, 2), { competenceId: '1.1', level: 3 }];
    expect(certifiableCompetenceCount(twice)).toBe(4);
    expect(isCertifiable(twice)).toBe(false);
  });
});
