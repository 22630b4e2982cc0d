import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminTestApp } from '../../admin/testing.js';
import type { AssessmentModule } from '../../assessment/assessment.module.js';
import type { StoredKnowledgeElement } from '../../assessment/domain/assessment.js';
import type { LtiModule } from '../../lti/lti.module.js';
import { createTestLaunch } from '../../lti/session/testing.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createSession } from '../application/create-session.js';
import { enrolCandidate } from '../application/enrol-candidate.js';
import { registerCentre } from '../application/register-centre.js';
import type { CertificationModule } from '../certification.module.js';

/**
 * Eligibility on the whole tool as `modules.ts` composes it: the certification reads the
 * assessment's knowledge profiles (real database) through its `CompetenceProfiles` port.
 */
let db: TestDatabase;
let app: Express;
let certification: CertificationModule;
let assessment: AssessmentModule;
let lti: LtiModule;
let sessionId: string;
let sessionNumber: number;
let accessCode: string;
const learners: Record<string, { token: string; learnerId: string; tenantId: string }> = {};
const identities = {
  five: { firstName: 'Léa', lastName: 'Martin' },
  four: { firstName: 'Tom', lastName: 'Petit' },
  nowhere: { firstName: 'Sam', lastName: 'Roux' },
};

beforeAll(async () => {
  db = await openTestDatabase('cert-eligibility');
  const composed = await createAdminTestApp(db);
  app = composed.app;
  const byName = (name: string) => composed.modules.find((m) => m.name === name);
  certification = byName('certification') as CertificationModule;
  assessment = byName('assessment') as AssessmentModule;
  lti = byName('lti') as LtiModule;
  const deps = certification.deps;
  await registerCentre({ uai: '0781234A', name: 'Collège Jean Moulin', academyId: 'versailles' }, deps);
  const created = await createSession({ centreUai: '0781234A', date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' }, deps);
  ({ id: sessionId, number: sessionNumber, accessCode } = created.session);
  // The centre's list, by name: eligibility is checked when each one joins.
  for (const identity of Object.values(identities)) await enrolCandidate({ sessionId, candidate: identity, scope: 'all' }, deps);
  for (const key of ['five', 'four', 'nowhere', 'six', 'three']) {
    const { token, session } = await createTestLaunch(lti.sessions, { user: { sub: `moodle-${key}` }, activity: { type: 'certification', id: 'certification' } });
    learners[key] = { token, learnerId: session.user.id, tenantId: session.tenantId };
  }
  // Level 1 = 8 pix: three skills of 8/3 pix (their sum is 7.999… in floating point).
  await grant('five', ['1.1', '1.2', '2.1', '3.1', '4.1'], 3, 8 / 3);
  await grant('four', ['1.1', '1.2', '2.1', '3.1'], 3, 8 / 3);
  await grant('four', ['5.1'], 2, 8 / 3); // 5 pix: level 0
  await grant('six', ['1.1', '1.2', '1.3', '2.1', '3.1', '4.1'], 1, 8);
  await grant('three', ['1.1', '1.2', '2.1'], 1, 8);
  const signIn = await request(app).post('/api/certification/invigilation/sign-in').send({ sessionNumber, password: created.invigilatorPassword }).expect(201);
  await request(app).post('/api/certification/invigilation/session/open').set('Authorization', `Bearer ${signIn.body.token}`).expect(200);
}, 60_000);
afterAll(async () => {
  for (const m of [certification, assessment]) await m?.stop?.();
  await db?.drop();
});

let answerCount = 0;
/** Validated knowledge elements, as a finished test writes them (`skills` per competence, `pix` each). */
async function grant(key: string, competenceIds: string[], skills: number, pix: number): Promise<void> {
  const { learnerId, tenantId } = learners[key]!;
  const elements: StoredKnowledgeElement[] = competenceIds.flatMap((competenceId) =>
    Array.from({ length: skills }, () => {
      const answerId = `a-${key}:${String(++answerCount).padStart(3, '0')}`;
      const skillId = `skill-${competenceId}-${answerCount}`;
      return { id: `${answerId}:${skillId}`, skillId, competenceId, status: 'validated' as const, source: 'direct' as const, earnedPix: pix, answerId, createdAt: new Date(), tenantId, learnerId, assessmentId: `as-${key}` };
    }),
  );
  await assessment.deps.knowledge.insertMany(elements);
}

const join = (key: keyof typeof identities) =>
  request(app)
    .post('/api/certification/candidate/join')
    .set('Authorization', `Bearer ${learners[key]!.token}`)
    .send({ sessionNumber, accessCode, ...identities[key] });

describe('a candidate’s eligibility from the tool’s knowledge profile', () => {
  it('reads levels per competence with the assessment’s scoring', async () => {
    const levels = await certification.deps.profiles!.levelsOf(learners.four!.learnerId);
    expect(levels?.map((l) => [l.competenceId, l.level])).toEqual([
      ['1.1', 1],
      ['1.2', 1],
      ['2.1', 1],
      ['3.1', 1],
      ['5.1', 0],
    ]);
    expect(await certification.deps.profiles!.levelsOf('l_unknown')).toBeUndefined();
  });

  it('lets a learner at level 1 on 5 competences join', async () => {
    const res = await join('five');
    expect(res.status, res.text).toBe(200);
    expect(res.body.course).toMatchObject({ state: 'registered', candidate: { firstName: 'Léa' } });
  });

  it('refuses a learner at level 1 on 4 competences, says how many, and leaves the list entry free', async () => {
    const res = await join('four');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CANDIDATE_NOT_CERTIFIABLE', details: { certifiableCompetences: 4, required: 5 } });
    const entry = (await certification.deps.courses.listBySession(sessionId)).find((c) => c.candidate.lastName === 'Petit');
    expect(entry?.candidate.learnerId).toBeUndefined();
    expect(entry?.joinedAt).toBeUndefined();
    // Three more pix on 5.1 (level 1): the same learner can join now.
    await grant('four', ['5.1'], 1, 3);
    expect((await join('four')).status).toBe(200);
  });

  it('takes the centre’s word for a listed learner the tool holds no profile of', async () => {
    const res = await join('nowhere');
    expect(res.status, res.text).toBe(200);
  });

  it('checks a learner the centre enrols by learner id', async () => {
    const deps = certification.deps;
    await expect(enrolCandidate({ sessionId, candidate: { learnerId: learners.three!.learnerId }, scope: 'all' }, deps)).rejects.toMatchObject({
      code: 'CANDIDATE_NOT_CERTIFIABLE',
      status: 422,
      details: { certifiableCompetences: 3, required: 5 },
    });
    // Named by id, a learner without a profile here is not vouched for: the centre enrols them by name instead.
    await expect(enrolCandidate({ sessionId, candidate: { learnerId: 'l_unknown' }, scope: 'all' }, deps)).rejects.toMatchObject({
      code: 'CANDIDATE_NOT_CERTIFIABLE',
      details: { certifiableCompetences: 0, required: 5 },
    });
    const course = await enrolCandidate({ sessionId, candidate: { learnerId: learners.six!.learnerId }, scope: 'all' }, deps);
    expect(course.candidate.learnerId).toBe(learners.six!.learnerId);
  });
});
