import { AppError } from '../../platform/errors.js';
import { newCandidateCourse, type CandidateCourse, type CandidateIdentity } from '../domain/candidate-course.js';
import { certifiableCompetenceCount, isCertifiable, MINIMUM_CERTIFIABLE_COMPETENCES } from '../domain/certifiability.js';
import { assertSessionAllows } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

/**
 * Adds a candidate to a session (the school's list, or a learner coming from a launch).
 * When the candidate is a known learner and profiles are available, they must be
 * certifiable (≥ 5 competences at level ≥ 1); a learner enrolled twice is refused.
 */
export async function enrolCandidate(
  input: { sessionId: string; candidate: CandidateIdentity; extraTimePercentage?: number; scope: AcademyScope },
  deps: Pick<CertificationDeps, 'sessions' | 'courses' | 'profiles' | 'newId'>,
): Promise<CandidateCourse> {
  const session = await loadSession(input.sessionId, input.scope, deps);
  assertSessionAllows(session, 'enrol');
  const existing = await deps.courses.listBySession(session.id);
  const { learnerId, nationalStudentId } = input.candidate;
  const twin = existing.find(
    (c) => (learnerId && c.candidate.learnerId === learnerId) || (nationalStudentId && c.candidate.nationalStudentId === nationalStudentId),
  );
  if (twin) throw new AppError('CANDIDATE_ALREADY_ENROLLED', 'This candidate is already on the session’s list.', { status: 409, details: { courseId: twin.id } });
  if (learnerId && deps.profiles) {
    const levels = (await deps.profiles.levelsOf(learnerId)) ?? [];
    if (!isCertifiable(levels)) {
      throw new AppError('CANDIDATE_NOT_CERTIFIABLE', `This learner is not certifiable yet: ${MINIMUM_CERTIFIABLE_COMPETENCES} competences at level 1 or more are needed.`, {
        status: 422,
        details: { certifiableCompetences: certifiableCompetenceCount(levels), required: MINIMUM_CERTIFIABLE_COMPETENCES },
      });
    }
  }
  const course = newCandidateCourse({ id: deps.newId(), sessionId: session.id, candidate: input.candidate, extraTimePercentage: input.extraTimePercentage });
  await deps.courses.insert(course);
  return course;
}
