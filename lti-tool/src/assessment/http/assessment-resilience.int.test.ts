import * as S from '@pix-lti/web-components/contract-schemas';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { ApiClient, answerRequest } from '../testing/api-client.js';
import { createAssessmentHarness, rightAnswer, type AssessmentHarness } from '../testing/assessment-harness.js';

/**
 * What a school network does to an assessment: a closed browser, a lost response, a
 * double click, two tabs — and what tenants must never see of each other.
 */
describe('assessment resilience and isolation', () => {
  let t: AssessmentHarness;
  let snapshot: ContentSnapshot;
  let campaign: Campaign;
  const ref = () => ({ type: 'campaign' as const, id: campaign.id });

  beforeAll(async () => {
    t = await createAssessmentHarness('assessment_resilience');
    snapshot = await t.content.content.snapshot();
    campaign = await t.createCampaign({ title: 'Sécurité', targetProfile: { competences: [{ code: '4.1', maxLevel: 4 }, { code: '4.2', maxLevel: 4 }] } });
  });
  afterAll(async () => {
    await t.close();
  });

  const answerOf = (id: string) => rightAnswer(snapshot.challenge(id)!);

  it('resumes at the exact challenge after the browser was closed (a new launch, a new token, the same learner)', async () => {
    const first = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'resume-1' } })).token);
    const started = await first.start();
    let next = started.next;
    for (let i = 0; i < 3; i++) {
      if (next.kind !== 'challenge') throw new Error('expected a challenge');
      next = (await first.answer(started.assessment.id, answerRequest(next.challenge.id, answerOf(next.challenge.id)))).next;
    }
    if (next.kind !== 'challenge') throw new Error('expected a challenge');
    const before = next;
    // The browser closes; the next day the learner launches again from the course.
    const second = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'resume-1' } })).token);
    expect(second.token).not.toBe(first.token);
    const resumed = await second.start();
    expect(resumed.resumed).toBe(true);
    expect(resumed.assessment).toMatchObject({ id: started.assessment.id, progress: { answered: 3 }, startedAt: started.assessment.startedAt });
    expect(resumed.next).toEqual(before);
    expect(await second.next(started.assessment.id)).toEqual(before);
    // Start is idempotent: no second participation, no second assessment.
    expect((await second.start()).assessment.id).toBe(started.assessment.id);
    const { session } = await t.launch({ user: { sub: 'resume-1' } });
    const participation = await t.campaigns.participations.findLatest(session.tenantId, `campaign:${campaign.id}`, session.user.id);
    expect(participation).toMatchObject({ attempt: 1, assessmentId: started.assessment.id, status: 'STARTED', contextIds: ['course-1'] });
  });

  it('a resubmitted answer (the response was lost) returns the same outcome and records once', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'retry-1' } })).token);
    const started = await client.start();
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const submit = answerRequest(started.next.challenge.id, answerOf(started.next.challenge.id));
    const first = await client.answer(started.assessment.id, submit, 201);
    const replay = await client.answer(started.assessment.id, submit, 200);
    expect(replay).toEqual({ answer: { ...first.answer, replayed: true }, next: first.next });
    // Even after the learner moved on, the old key still answers what was recorded.
    if (first.next.kind !== 'challenge') throw new Error('expected a challenge');
    await client.answer(started.assessment.id, answerRequest(first.next.challenge.id, answerOf(first.next.challenge.id)), 201);
    const late = await client.answer(started.assessment.id, submit, 200);
    expect(late.answer).toEqual({ ...first.answer, replayed: true });
    expect(late.next.progress.answered).toBe(2);
    // The same key for another challenge is a client bug.
    await client.fails('post', `/api/assessments/${started.assessment.id}/answers`, { ...submit, challengeId: 'someOtherChallenge' }, 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await t.assessment.deps.answers.listForAssessment(started.assessment.id)).toHaveLength(2);
  });

  it('two submits for the same challenge at once (two tabs): only one counts', async () => {
    const launch = await t.launch({ activity: ref(), user: { sub: 'double-1' } });
    const client = new ApiClient(t.app, launch.token);
    const started = await client.start();
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const challengeId = started.next.challenge.id;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client.call('post', `/api/assessments/${started.assessment.id}/answers`, answerRequest(challengeId, answerOf(challengeId)))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(S.apiError.parse(r.body).code).toBe('CHALLENGE_NOT_CURRENT');
    expect(await t.assessment.deps.answers.listForAssessment(started.assessment.id)).toHaveLength(1);
    const stored = await t.assessment.deps.assessments.findById(started.assessment.id);
    expect(new Set(stored!.log.map((a) => a.number))).toEqual(new Set([1]));
    expect((await new ApiClient(t.app, launch.token).next(started.assessment.id)).progress.answered).toBe(1);
  });

  it('the same answer sent twice at once (a retry racing the original): one 201, one replay', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'double-2' } })).token);
    const started = await client.start();
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const submit = answerRequest(started.next.challenge.id, answerOf(started.next.challenge.id));
    const results = await Promise.all([1, 2, 3].map(() => client.call('post', `/api/assessments/${started.assessment.id}/answers`, submit)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const bodies = results.map((r) => S.submitAnswerResponse.parse(r.body));
    expect(new Set(bodies.map((b) => b.answer.id)).size).toBe(1);
    expect(await t.assessment.deps.answers.listForAssessment(started.assessment.id)).toHaveLength(1);
  });

  it('concurrent starts of the same learner create one participation and one assessment', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'double-start' } })).token);
    const responses = await Promise.all([1, 2, 3, 4].map(() => client.start()));
    expect(new Set(responses.map((r) => r.assessment.id)).size).toBe(1);
    expect(responses.filter((r) => !r.resumed).length).toBeGreaterThanOrEqual(1);
  });

  it('only the launching learner can read or answer their assessment; other tenants see nothing', async () => {
    const owner = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'owner-1' } })).token);
    const started = await owner.start();
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const id = started.assessment.id;
    const submit = answerRequest(started.next.challenge.id, answerOf(started.next.challenge.id));
    // Another learner of the same course, and the same LMS user through another deployment (another tenant).
    const classmate = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'owner-2' } })).token);
    const otherTenant = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'owner-1' }, tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '2' } })).token);
    for (const stranger of [classmate, otherTenant]) {
      await stranger.fails('get', `/api/assessments/${id}`, undefined, 404, 'ASSESSMENT_NOT_FOUND');
      await stranger.fails('get', `/api/assessments/${id}/next`, undefined, 404, 'ASSESSMENT_NOT_FOUND');
      await stranger.fails('post', `/api/assessments/${id}/answers`, submit, 404, 'ASSESSMENT_NOT_FOUND');
      await stranger.fails('post', `/api/assessments/${id}/challenges/${submit.challengeId}/start`, {}, 404, 'ASSESSMENT_NOT_FOUND');
      await stranger.fails('get', `/api/assessments/${id}/results`, undefined, 404, 'ASSESSMENT_NOT_FOUND');
      await stranger.fails('post', `/api/assessments/${id}/share`, { consent: true }, 404, 'ASSESSMENT_NOT_FOUND');
    }
    expect(await t.assessment.deps.answers.listForAssessment(id)).toEqual([]);
    // The other tenant's learner starts their own assessment: a different one, from scratch.
    const theirs = await otherTenant.start();
    expect(theirs.assessment.id).not.toBe(id);
    expect(theirs.resumed).toBe(false);
  });

  it('knowledge elements count across activities of a tenant, never across tenants', async () => {
    const sub = 'profile-1';
    const tube = snapshot.competence('4.1')!.tubeIds[0]!;
    const first = await t.createCampaign({ title: 'Mots de passe', targetProfile: { tubes: [{ id: tube, maxLevel: 3 }] } });
    const same = await t.createCampaign({ title: 'Mots de passe, encore', targetProfile: { tubes: [{ id: tube, maxLevel: 3 }] } });
    const a = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: first.id }, user: { sub } })).token);
    const startedA = await a.start();
    let next = startedA.next;
    while (next.kind !== 'completed') {
      if (next.kind === 'checkpoint') next = await a.acknowledge(startedA.assessment.id, next.checkpoint.id);
      else next = (await a.answer(startedA.assessment.id, answerRequest(next.challenge.id, answerOf(next.challenge.id)))).next;
    }
    expect((await a.results(startedA.assessment.id)).masteryRate).toBe(1);
    // Another campaign on the same skills, same tenant: everything is already known, nothing is asked.
    const b = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: same.id }, user: { sub } })).token);
    const startedB = await b.start();
    expect(startedB.next).toEqual({ kind: 'completed', progress: { answered: 0 } });
    expect(startedB.assessment.status).toBe('completed');
    expect((await b.results(startedB.assessment.id)).masteryRate).toBe(1);
    // The same person through another deployment is another learner: asked from the start.
    const elsewhere = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: same.id }, user: { sub }, tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '3' } })).token);
    const startedC = await elsewhere.start();
    expect(startedC.next.kind).toBe('challenge');
    expect(startedC.assessment.id).not.toBe(startedB.assessment.id);
  });

  it('needs a learner launch: no token, an expired one, or a teacher get the error contract', async () => {
    const none = await request(t.app).post('/api/assessments').send({});
    expect(none.status).toBe(401);
    expect(S.apiError.parse(none.body).code).toBe('LAUNCH_SESSION_MISSING');
    const expired = await request(t.app).post('/api/assessments').set('Authorization', `Bearer ${'x'.repeat(43)}`).send({});
    expect(S.apiError.parse(expired.body).code).toBe('LAUNCH_SESSION_EXPIRED');
    const teacher = new ApiClient(t.app, (await t.launch({ activity: ref(), roles: { learner: false, instructor: true } })).token);
    await teacher.fails('post', '/api/assessments', {}, 403, 'LAUNCH_ROLE_FORBIDDEN');
    const noActivity = new ApiClient(t.app, (await t.launch({ user: { sub: 'lost' } })).token);
    await noActivity.fails('post', '/api/assessments', {}, 400, 'ACTIVITY_NOT_SPECIFIED');
    await noActivity.fails('post', '/api/assessments', { campaignCode: 'nope' }, 400, 'VALIDATION_FAILED');
    await noActivity.fails('post', '/api/assessments', { campaignCode: 'ZZZZZZ999' }, 404, 'CAMPAIGN_NOT_FOUND');
    await noActivity.fails('get', '/api/assessments/not-an-id/next', undefined, 400, 'VALIDATION_FAILED');
  });
});
