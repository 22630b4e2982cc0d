import { randomUUID } from 'node:crypto';
import { applyCourseEvent, newCandidateCourse, type CandidateIdentity } from '../domain/candidate-course.js';
import type { AnswerResult } from '../domain/incidents.js';
import { COMPETENCE_IDS } from '../domain/rules.js';
import type { CertificationDeps } from '../application/dependencies.js';
import { createSession } from '../application/create-session.js';
import { finaliseSession } from '../application/finalise-session.js';
import { publishSession } from '../application/publish-session.js';
import { registerCentre } from '../application/register-centre.js';

/**
 * Builds finished certification sessions quickly for tests and benchmarks: courses are
 * written already ended with their answers (through the repositories), then the real
 * finalisation and publication use cases run. Answering question by question is the
 * candidate flow's business and is tested there.
 */
export async function seedFinishedSession(
  deps: CertificationDeps,
  input: { uai: string; academyId: string; candidates: number; answers?: number; date?: string; identity?: (i: number) => CandidateIdentity; seed?: number },
): Promise<{ sessionId: string; courseIds: string[] }> {
  if (!(await deps.centres.find(input.uai))) await registerCentre({ uai: input.uai, name: `Collège ${input.uai}`, academyId: input.academyId }, deps);
  const { session } = await createSession({ centreUai: input.uai, date: input.date ?? '2026-03-10', time: '09:00', room: 'Salle B12', invigilator: 'M. Durand' }, deps);
  await deps.sessions.update(session.id, 'created', { status: 'started', startedAt: deps.clock() });
  let seed = input.seed ?? 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const courseIds: string[] = [];
  const answers = input.answers ?? 32;
  for (let i = 0; i < input.candidates; i++) {
    const identity = input.identity?.(i) ?? { learnerId: `learner-${randomUUID()}`, firstName: `Élève${i}`, lastName: 'Test' };
    let course = newCandidateCourse({ id: randomUUID(), sessionId: session.id, candidate: identity });
    const t0 = new Date(deps.clock().getTime() - 3600_000);
    for (const type of ['confirmPresence', 'admit', 'start'] as const) course = applyCourseEvent(course, { type }, t0);
    const ability = random() * 4 - 2;
    const rows = [];
    for (let q = 0; q < answers; q++) {
      const difficulty = random() * 4 - 2;
      const correct = random() < 1 / (1 + Math.exp(difficulty - ability));
      rows.push({
        courseId: course.id,
        questionIndex: q,
        challengeId: `chal-${q}`,
        competenceId: COMPETENCE_IDS[q % 16]!,
        discrimination: 1.2,
        difficulty,
        result: (correct ? 'ok' : 'ko') as AnswerResult,
        value: '',
        answeredAt: t0,
        neutralised: false,
      });
    }
    await deps.answers.insertAll(rows);
    course = applyCourseEvent({ ...course, answerCount: answers }, { type: answers >= 32 ? 'complete' : 'endByCandidate' }, new Date(t0.getTime() + 60 * 60_000));
    await deps.courses.insert(course);
    courseIds.push(course.id);
  }
  return { sessionId: session.id, courseIds };
}

/** Seeds, finalises and publishes: `candidates` results with their outbox entries. */
export async function seedPublishedSession(deps: CertificationDeps, input: Parameters<typeof seedFinishedSession>[1]): Promise<{ sessionId: string; courseIds: string[] }> {
  const seeded = await seedFinishedSession(deps, input);
  await finaliseSession({ sessionId: seeded.sessionId, scope: 'all' }, deps);
  await publishSession({ sessionId: seeded.sessionId, scope: 'all' }, deps);
  return seeded;
}
