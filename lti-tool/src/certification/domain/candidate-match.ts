import { AppError } from '../../platform/errors.js';
import type { CandidateCourse } from './candidate-course.js';

/**
 * Who is joining: the learner of the launch (pseudonymous id) and the identity they type
 * (as on the convocation). Launches of minors rarely carry names, so the typed identity
 * is what ties a launch to the centre's list the first time.
 */
export interface Joiner {
  learnerId: string;
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD`; required when the centre enrolled the candidate with a birthdate. */
  birthdate?: string;
}

export type CandidateMatch =
  | { kind: 'found'; course: CandidateCourse; bind: boolean }
  | { kind: 'none' }
  | { kind: 'taken'; course: CandidateCourse }
  /** The only matching entry was released from this very learner by the invigilator. */
  | { kind: 'released'; course: CandidateCourse }
  | { kind: 'ambiguous' };

/** Case, accents, hyphens and spaces do not matter: "Léa-Marie  DUPONT" = "lea marie dupont". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Finds the joiner's place on the session's list: first a course already bound to this
 * learner (a second launch, a resume), else the one entry whose names (and birthdate, when
 * the centre gave one) match. An entry bound to another learner is `taken`: someone else
 * joined under that identity and the invigilator must sort it out; an identity whose place
 * the invigilator released from this learner is `released` (never rebound to them).
 */
export function matchCandidate(courses: readonly CandidateCourse[], joiner: Joiner): CandidateMatch {
  const own = courses.find((c) => c.candidate.learnerId === joiner.learnerId);
  if (own) return { kind: 'found', course: own, bind: false };
  const first = normaliseName(joiner.firstName);
  const last = normaliseName(joiner.lastName);
  const same = courses.filter(
    (c) =>
      normaliseName(c.candidate.firstName ?? '') === first &&
      normaliseName(c.candidate.lastName ?? '') === last &&
      (!c.candidate.birthdate || c.candidate.birthdate === joiner.birthdate),
  );
  if (same.length === 0) return { kind: 'none' };
  // Released from this learner: refused first, so a namesake's free entry is not taken instead.
  const released = same.find((c) => wasReleasedFrom(c, joiner.learnerId));
  if (released) return { kind: 'released', course: released };
  const free = same.filter((c) => !c.candidate.learnerId);
  if (free.length > 1) return { kind: 'ambiguous' };
  if (free.length === 1) return { kind: 'found', course: free[0]!, bind: true };
  return { kind: 'taken', course: same[0]! };
}

export function wasReleasedFrom(course: Pick<CandidateCourse, 'releases'>, learnerId: string): boolean {
  return (course.releases ?? []).some((r) => r.learnerId === learnerId);
}

/** The states in which a place may be released: joined, not started (admission is undone). */
const RELEASABLE: readonly CandidateCourse['state'][] = ['registered', 'present', 'admitted'];

/**
 * "Libérer la place": unbinds the learner who joined under this entry's identity, so the
 * right pupil can join, and remembers that learner so they cannot take it again. Only
 * before the test starts: a started course holds answers given by whoever sat it, so the
 * invigilator ends it and records an incident instead (Pix does not hand a started
 * course to another person either). An admission given to the wrong launch is withdrawn
 * (back to present: the invigilator's presence check stands).
 */
export function releasePlace(course: CandidateCourse, now: Date): CandidateCourse {
  if (course.startedAt || !RELEASABLE.includes(course.state)) {
    throw new AppError('CANDIDATE_ALREADY_STARTED', 'This candidate has started (or ended) the test: the place cannot be released. End the test and record an incident (fraud or identity) for the centre.', {
      status: 409,
      details: { state: course.state },
    });
  }
  const learnerId = course.candidate.learnerId;
  if (!learnerId) throw new AppError('CANDIDATE_NOT_JOINED', 'Nobody has joined under this candidate’s identity: there is no place to release.', { status: 403 });
  const { learnerId: _released, ...candidate } = course.candidate;
  return {
    ...course,
    candidate,
    state: course.state === 'admitted' ? 'present' : course.state,
    admittedAt: undefined,
    joinedAt: undefined,
    releases: [...(course.releases ?? []), { learnerId, releasedAt: now, by: 'invigilator' }],
  };
}
