import { describe, expect, it } from 'vitest';
import { newCandidateCourse, type CandidateIdentity } from './candidate-course.js';
import { matchCandidate, normaliseName } from './candidate-match.js';

const course = (id: string, candidate: CandidateIdentity) => newCandidateCourse({ id, sessionId: 's', candidate });
const list = [
  course('lea', { firstName: 'Léa-Marie', lastName: 'DUPONT' }),
  course('tom', { firstName: 'Tom', lastName: 'Petit', birthdate: '2011-04-02' }),
  course('bound', { firstName: 'Sam', lastName: 'Roux', learnerId: 'learner-sam' }),
  course('twin1', { firstName: 'Jean', lastName: 'Martin' }),
  course('twin2', { firstName: 'Jean', lastName: 'Martin' }),
];

describe('matching a joining candidate to the centre’s list', () => {
  it('ignores case, accents, hyphens and extra spaces in names', () => {
    expect(normaliseName('  Léa-Marie  DUPONT ')).toBe('lea marie dupont');
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'lea marie', lastName: 'Dupont' })).toMatchObject({ kind: 'found', bind: true, course: { id: 'lea' } });
  });

  it('needs the birthdate when the centre enrolled one', () => {
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'Tom', lastName: 'Petit' }).kind).toBe('none');
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'Tom', lastName: 'Petit', birthdate: '2011-04-03' }).kind).toBe('none');
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'Tom', lastName: 'Petit', birthdate: '2011-04-02' })).toMatchObject({ kind: 'found', course: { id: 'tom' } });
  });

  it('finds a learner’s own entry whatever they type (a resume), and refuses an entry another learner holds', () => {
    expect(matchCandidate(list, { learnerId: 'learner-sam', firstName: '', lastName: '' })).toMatchObject({ kind: 'found', bind: false, course: { id: 'bound' } });
    expect(matchCandidate(list, { learnerId: 'intruder', firstName: 'Sam', lastName: 'Roux' })).toMatchObject({ kind: 'taken', course: { id: 'bound' } });
  });

  it('does not guess between two free entries with the same identity', () => {
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'Jean', lastName: 'Martin' }).kind).toBe('ambiguous');
    expect(matchCandidate(list, { learnerId: 'x', firstName: 'Zoé', lastName: 'Nobody' }).kind).toBe('none');
  });
});
