import { AppError } from '../../platform/errors.js';
import { checkCertifiable } from './check-certifiability.js';
import { newCandidateCourse, type CandidateCourse, type CandidateIdentity } from '../domain/candidate-course.js';
import { assertSessionAllows } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

/**
 * Adds a candidate to a session (the school's list, or a learner coming from a launch).
 * A candidate enrolled with a learner id must be certifiable on the tool's profile (≥ 5
 * competences at level ≥ 1; none held counts as none reached); one enrolled by name only
 * is on the centre's word, checked when they join (candidate-test.ts). A learner enrolled
 * twice is refused.
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
  // A learner id named by the centre: the tool's profile decides (the centre attests by enrolling a name instead).
  if (learnerId) await checkCertifiable(learnerId, deps.profiles, 'refuse');
  const course = newCandidateCourse({ id: deps.newId(), sessionId: session.id, candidate: input.candidate, extraTimePercentage: input.extraTimePercentage });
  await deps.courses.insert(course);
  return course;
}
