import { describe, expect, it } from 'vitest';
import type { CompetenceLevel } from '../domain/rules.js';
import { checkCertifiable } from './check-certifiability.js';

const profiles = (known: Record<string, CompetenceLevel[]>) => ({ levelsOf: async (id: string) => known[id] });
const levels = (...values: number[]) => values.map((level, i) => ({ competenceId: `${i + 1}.1`, level }));
const source = profiles({ five: levels(1, 2, 1, 1, 3), four: levels(1, 1, 1, 4, 0, 0) });

describe('checkCertifiable', () => {
  it('accepts 5 competences at level 1 or more', async () => {
    expect(await checkCertifiable('five', source, 'refuse')).toBe('profile');
  });

  it('refuses 4, with how many were reached and how many are needed', async () => {
    await expect(checkCertifiable('four', source, 'attested')).rejects.toMatchObject({
      code: 'CANDIDATE_NOT_CERTIFIABLE',
      status: 422,
      details: { certifiableCompetences: 4, required: 5 },
    });
  });

  it('takes the centre’s word for a learner without a profile only when asked to', async () => {
    expect(await checkCertifiable('nobody', source, 'attested')).toBe('attested');
    await expect(checkCertifiable('nobody', source, 'refuse')).rejects.toMatchObject({ details: { certifiableCompetences: 0, required: 5 } });
  });

  it('checks nothing when no profile source is wired', async () => {
    expect(await checkCertifiable('four', undefined, 'refuse')).toBe('unchecked');
  });
});
