import { AppError } from '../../platform/errors.js';
import type { CertificationResult } from '../domain/certification-result.js';
import { generateVerificationCode } from '../domain/codes.js';
import { CERTIFICATION_FRAMEWORK } from '../domain/rules.js';
import { assertSessionAllows } from '../domain/session.js';
import type { StoredCourse } from '../infrastructure/courses.repository.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

const MAX_CODE_DRAWS = 1000; // Pix's bound; a collision is already rare at 24·23·…·17 ≈ 3·10¹⁰ codes.

/**
 * Publishes a finalised session: one result per scored course, each written with its
 * registry outbox entry in a single insert (ADR 0020), then the session is `published`.
 * Running it again after a crash publishes what is missing and nothing twice.
 */
export async function publishSession(
  input: { sessionId: string; scope: AcademyScope },
  deps: Pick<CertificationDeps, 'sessions' | 'centres' | 'courses' | 'results' | 'clock' | 'random' | 'log'>,
): Promise<{ published: number; alreadyPublished: number }> {
  const session = await loadSession(input.sessionId, input.scope, deps);
  assertSessionAllows(session, 'publish');
  const centre = await deps.centres.find(session.centreUai);
  const now = deps.clock();
  let published = 0;
  let alreadyPublished = 0;
  for (const course of (await deps.courses.listBySession(session.id)).filter((c) => c.score)) {
    const outcome = await publishOne(course, { ...session, centreName: centre?.name ?? session.centreUai }, now, deps);
    if (outcome === 'published') published += 1;
    else alreadyPublished += 1;
  }
  if (!(await deps.sessions.update(session.id, 'finalised', { status: 'published', publishedAt: now }))) {
    throw new AppError('SESSION_STATE_FORBIDS', 'The session changed during publication.', { status: 409 });
  }
  deps.log.info({ sessionId: session.id, published, alreadyPublished }, 'certification session published');
  return { published, alreadyPublished };
}

async function publishOne(
  course: StoredCourse,
  session: { id: string; number: number; academyId: string; centreUai: string; centreName: string; date: string },
  now: Date,
  deps: Pick<CertificationDeps, 'results' | 'random'>,
): Promise<'published' | 'exists'> {
  const score = course.score!;
  for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
    const result: CertificationResult = {
      id: course.id,
      sessionId: session.id,
      sessionNumber: session.number,
      academyId: session.academyId,
      centre: { uai: session.centreUai, name: session.centreName },
      candidate: course.candidate,
      status: score.status,
      rejectionReason: score.rejectionReason,
      pixScore: score.pixScore,
      competenceLevels: score.competenceLevels,
      certifiedOn: session.date,
      publishedAt: now,
      verificationCode: generateVerificationCode(deps.random),
      framework: CERTIFICATION_FRAMEWORK,
      answersCounted: score.answersCounted,
      downgradedBy: score.downgradedBy,
    };
    const outcome = await deps.results.publish(result, now);
    if (outcome !== 'code-taken') return outcome;
  }
  throw new Error(`no free verification code after ${MAX_CODE_DRAWS} draws`);
}
