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
 * joined under that identity and the invigilator must sort it out.
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
  const free = same.filter((c) => !c.candidate.learnerId);
  if (free.length > 1) return { kind: 'ambiguous' };
  if (free.length === 1) return { kind: 'found', course: free[0]!, bind: true };
  return { kind: 'taken', course: same[0]! };
}
