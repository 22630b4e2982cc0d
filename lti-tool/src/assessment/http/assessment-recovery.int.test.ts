import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { ApiClient, answerRequest } from '../testing/api-client.js';
import { createAssessmentHarness, rightAnswer, type AssessmentHarness } from '../testing/assessment-harness.js';

/** Fails the next call of `object[method]` once, as a process dying at that point would. */
function failOnce<T extends object, K extends keyof T>(object: T, method: K): void {
  const original = object[method] as (...args: unknown[]) => Promise<unknown>;
  object[method] = (async () => {
    object[method] = original as T[K];
    throw new Error(`injected failure in ${String(method)}`);
  }) as T[K];
}

/** Persist first: an interruption after an answer or a share is stored loses nothing, and is repaired. */
describe('assessment recovery after an interruption', () => {
  let t: AssessmentHarness;
  let snapshot: ContentSnapshot;
  let campaign: Campaign;

  beforeAll(async () => {
    t = await createAssessmentHarness('assessment_recovery');
    snapshot = await t.content.content.snapshot();
    campaign = await t.createCampaign({ title: 'Reprise', targetProfile: { tubes: [{ id: '@moteurRecherche', maxLevel: 2 }] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an answer stored before a failure counts; the copy into the assessment, the profile and the end of the test are repaired on the next read', async () => {
    const launch = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'crash-1' } });
    const client = new ApiClient(t.app, launch.token);
    const started = await client.start();
    const id = started.assessment.id;
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    failOnce(t.assessment.deps.assessments, 'appendAnswers');
    const first = answerRequest(started.next.challenge.id, rightAnswer(snapshot.challenge(started.next.challenge.id)!));
    // The copy comes after the response: the stored answer is acknowledged whatever happens to it.
    const crashed = await client.call('post', `/api/assessments/${id}/answers`, first);
    expect(crashed.status).toBe(201);
    await t.assessment.deps.afterResponse.drain();
    expect(await t.assessment.deps.answers.listForAssessment(id)).toHaveLength(1);
    expect((await t.assessment.deps.assessments.findById(id))!.log).toEqual([]);
    // The player resends (the response was lost): the recorded answer, and the next step.
    const replay = await client.answer(id, first, 200);
    expect(replay.answer.replayed).toBe(true);
    expect((await t.assessment.deps.assessments.findById(id))!.log).toHaveLength(1);
    const next = replay.next;
    if (next.kind !== 'challenge') throw new Error('expected a challenge');
    // The last answer ends the test; the process fails before the participation hears of it.
    failOnce(t.campaigns.participations, 'markCompleted');
    const last = await client.call('post', `/api/assessments/${id}/answers`, answerRequest(next.challenge.id, rightAnswer(snapshot.challenge(next.challenge.id)!)));
    expect(last.status).toBe(201);
    await t.assessment.deps.afterResponse.drain();
    const participation = () => t.campaigns.participations.findLatest(launch.session.tenantId, `campaign:${campaign.id}`, launch.session.user.id);
    expect((await participation())!.status).toBe('STARTED');
    // The next read finishes the job.
    const resumed = await client.start();
    expect(resumed.assessment.status).toBe('completed');
    expect(resumed.next.kind).toBe('checkpoint');
    expect((await participation())!.status).toBe('TO_SHARE');
    const profile = await t.assessment.deps.knowledge.listForLearner(launch.session.tenantId, launch.session.user.id);
    expect(new Set(profile.map((ke) => ke.skillId))).toEqual(new Set(['@moteurRecherche1', '@moteurRecherche2']));
    expect((await client.results(id)).masteryRate).toBe(1);
  });

  it('an answer stored before a failure, then another answer to the same question: refused as not current, the stored one kept and copied', async () => {
    const launch = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'crash-3' } });
    const client = new ApiClient(t.app, launch.token);
    const started = await client.start();
    const id = started.assessment.id;
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const challengeId = started.next.challenge.id;
    failOnce(t.assessment.deps.assessments, 'appendAnswers');
    const first = answerRequest(challengeId, rightAnswer(snapshot.challenge(challengeId)!));
    expect((await client.call('post', `/api/assessments/${id}/answers`, first)).status).toBe(201);
    await t.assessment.deps.afterResponse.drain();
    // A submit reads no answer beyond those copied: its insert meets the stored one and it reads again.
    const other = await client.call('post', `/api/assessments/${id}/answers`, answerRequest(challengeId, { kind: 'skip' }));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'CHALLENGE_NOT_CURRENT' });
    const stored = await t.assessment.deps.answers.listForAssessment(id);
    expect(stored.map((a) => [a.idempotencyKey, a.result])).toEqual([[first.idempotencyKey, 'ok']]);
    expect((await t.assessment.deps.assessments.findById(id))!.log.map((a) => a.idempotencyKey)).toEqual([first.idempotencyKey]);
  });

  it('the next answer arrives before the copy of the previous one: it reads the stored answer and counts', async () => {
    const launch = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'slow-copy' } });
    const client = new ApiClient(t.app, launch.token);
    const started = await client.start();
    const id = started.assessment.id;
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    // The first copy waits until released, as a slow write would (another instance, a busy server).
    const assessments = t.assessment.deps.assessments;
    const original = assessments.appendAnswers.bind(assessments);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    assessments.appendAnswers = async (...args) => {
      assessments.appendAnswers = original;
      await released;
      return original(...args);
    };
    const first = await client.answer(id, answerRequest(started.next.challenge.id, rightAnswer(snapshot.challenge(started.next.challenge.id)!)));
    expect((await assessments.findById(id))!.log).toEqual([]);
    if (first.next.kind !== 'challenge') throw new Error('expected a challenge');
    const second = await client.answer(id, answerRequest(first.next.challenge.id, { kind: 'skip' }));
    expect(second.answer.replayed).toBe(false);
    release();
    await t.assessment.deps.afterResponse.drain();
    expect((await t.assessment.deps.answers.listForAssessment(id)).map((a) => a.number)).toEqual([1, 2]);
    // The first answer was copied twice (by the second submit's read, then by its own late copy): read once.
    expect((await client.call('get', `/api/assessments/${id}`)).body).toMatchObject({ assessment: { progress: { answered: 2 } } });
  });

  it('a share interrupted before the grade was queued: the sweeper queues it, once', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'crash-2' } })).token);
    const started = await client.start();
    let next = started.next;
    while (next.kind !== 'completed') {
      next = next.kind === 'checkpoint' ? await client.acknowledge(started.assessment.id, next.checkpoint.id) : (await client.answer(started.assessment.id, answerRequest(next.challenge.id, rightAnswer(snapshot.challenge(next.challenge.id)!)))).next;
    }
    failOnce(t.grading, 'enqueue');
    const share = await client.call('post', `/api/assessments/${started.assessment.id}/share`, { consent: true });
    expect(share.status).toBe(500);
    expect(await t.assessment.sweeper.sweep()).toBe(1);
    expect(await t.assessment.sweeper.sweep()).toBe(0);
    // Sharing again is idempotent and does not queue a second grade.
    const again = await client.share(started.assessment.id);
    expect(again.sharing.status).toBe('SHARED');
    await t.grading.worker.drain();
    expect(t.services.lms.scores.filter((s) => s.userId === 'crash-2')).toEqual([expect.objectContaining({ scoreGiven: 100 })]);
  });
});
