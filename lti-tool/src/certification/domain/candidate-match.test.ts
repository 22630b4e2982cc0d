import { describe, expect, it } from 'vitest';
import { newCandidateCourse, type CandidateIdentity } from './candidate-course.js';
import { matchCandidate, normaliseName, releasePlace } from './candidate-match.js';

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

  it('never gives a released place (nor a namesake’s) back to the learner it was released from', () => {
    const now = new Date('2026-03-10T09:05:00Z');
    const twins = [releasePlace({ ...course('twin1', { firstName: 'Jean', lastName: 'Martin', learnerId: 'intruder' }), joinedAt: now }, now), course('twin2', { firstName: 'Jean', lastName: 'Martin' })];
    expect(matchCandidate(twins, { learnerId: 'intruder', firstName: 'Jean', lastName: 'Martin' })).toMatchObject({ kind: 'released', course: { id: 'twin1' } });
    expect(matchCandidate(twins, { learnerId: 'jean', firstName: 'Jean', lastName: 'Martin' }).kind).toBe('ambiguous');
  });
});

describe('releasing a place (« Libérer la place »)', () => {
  const now = new Date('2026-03-10T09:05:00Z');
  const joined = { ...course('lea', { firstName: 'Léa', lastName: 'Dupont', learnerId: 'intruder' }), joinedAt: now };

  it('unbinds the learner, withdraws an admission but keeps presence, and remembers who held it', () => {
    const admitted = { ...joined, state: 'admitted' as const, presentAt: now, admittedAt: now };
    const released = releasePlace(admitted, now);
    expect(released).toMatchObject({ state: 'present', presentAt: now, admittedAt: undefined, joinedAt: undefined, releases: [{ learnerId: 'intruder', releasedAt: now, by: 'invigilator' }] });
    expect(released.candidate).toEqual({ firstName: 'Léa', lastName: 'Dupont' });
    expect(releasePlace({ ...released, candidate: { ...released.candidate, learnerId: 'other' } }, now).releases?.map((r) => r.learnerId)).toEqual(['intruder', 'other']);
    expect(admitted.candidate.learnerId).toBe('intruder'); // the input is not changed
  });

  it('refuses once the test has started or ended, and when nobody joined', () => {
    for (const state of ['in_progress', 'paused', 'resumed', 'ended'] as const) {
      expect(() => releasePlace({ ...joined, state, startedAt: state === 'ended' ? undefined : now }, now)).toThrow(expect.objectContaining({ code: 'CANDIDATE_ALREADY_STARTED', status: 409 }));
    }
    expect(() => releasePlace(course('free', { firstName: 'A', lastName: 'B' }), now)).toThrow(expect.objectContaining({ code: 'CANDIDATE_NOT_JOINED' }));
  });
});
