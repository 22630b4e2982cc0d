import * as S from '@pix-lti/web-components/contract-schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { ApiClient, walkToEnd } from '../testing/api-client.js';
import { createAssessmentHarness, rightAnswer, wrongAnswer, type AssessmentHarness } from '../testing/assessment-harness.js';

const DAY = 24 * 3600;

/** Adaptive tests (one competence, flash on many), profiles collections, improving and retrying. */
describe('activities: adaptive tests, profiles collections, improve and retry', () => {
  let t: AssessmentHarness;
  let snapshot: ContentSnapshot;

  beforeAll(async () => {
    t = await createAssessmentHarness('activities', { gradeWorker: true });
    snapshot = await t.content.content.snapshot();
  });
  afterAll(async () => {
    await t.close();
  });

  const scoresOf = (sub: string) => t.services.lms.scores.filter((s) => s.userId === sub).map((s) => s.scoreGiven);

  it('a flash test on one area: a fixed number of questions, no checkpoint, results in pix, graded in pix', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: { type: 'competence-evaluation', id: 'flash-area-4' }, user: { sub: 'flash-1' } })).token);
    const started = await client.start();
    expect(started.assessment).toMatchObject({ checkpoints: false, activity: { type: 'competence-evaluation', id: 'flash-area-4' } });
    const total = started.assessment.progress.total!;
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThanOrEqual(20);
    let correct = 0;
    const walk = await walkToEnd(client, started.assessment.id, started.next, snapshot, (id, n) => {
      const c = snapshot.challenge(id)!;
      expect(['4.1', '4.2', '4.3']).toContain(c.competenceId);
      // Right on the easier half of the difficulty scale.
      if ((c.irt?.difficulty ?? 0) < 0.5 || n === 1) {
        correct++;
        return rightAnswer(c);
      }
      return wrongAnswer(c);
    });
    expect(walk.answers).toHaveLength(total);
    expect(walk.checkpoints).toEqual([]);
    expect(new Set(walk.answers.map((a) => a.skillId)).size).toBe(total);
    const results = await client.results(started.assessment.id);
    expect(results.competences.map((c) => c.code)).toEqual(['4.1', '4.2', '4.3']);
    expect(results.pixScore).toBeGreaterThan(0);
    expect(results.masteryRate).toBeGreaterThan(0);
    expect(results.masteryRate).toBeLessThan(1);
    expect(correct).toBeGreaterThan(0);
    await client.share(started.assessment.id);
    await t.grading.worker.drain();
    expect(scoresOf('flash-1')).toEqual([results.pixScore]);
    const column = [...t.services.lms.lineItems.values()].find((l) => l.resourceId === 'competence-evaluation:flash-area-4');
    expect(column).toMatchObject({ scoreMaximum: 3 * 8 * 5 });
  });

  it('a competence evaluation: smart random on every skill of the competence, with checkpoints', async () => {
    const client = new ApiClient(t.app, (await t.launch({ activity: { type: 'competence-evaluation', id: 'competence-2-3' }, user: { sub: 'comp-1' } })).token);
    const started = await client.start();
    expect(started.assessment.checkpoints).toBe(true);
    expect(started.assessment.progress.total).toBeUndefined();
    const walk = await walkToEnd(client, started.assessment.id, started.next, snapshot);
    expect(walk.answers.every((a) => snapshot.skill(a.skillId)!.competenceId === '2.3')).toBe(true);
    expect(walk.checkpoints.at(-1)?.final).toBe(true);
    const results = await client.results(started.assessment.id);
    expect(results).toMatchObject({ masteryRate: 1, competences: [{ code: '2.3' }] });
    expect(results.nextAttempt).toMatchObject({ kind: 'improve' });
  });

  it('a profiles collection asks nothing: it starts to share, with the learner’s profile on the 16 competences, graded in pix', async () => {
    const campaign = await t.createCampaign({ title: 'Profils 2de', type: 'PROFILES_COLLECTION', targetProfile: undefined, multipleSendings: true });
    const { token } = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'comp-1' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    expect(started).toMatchObject({ resumed: false, assessment: { status: 'completed', checkpoints: false, sharing: { status: 'TO_SHARE' } }, next: { kind: 'completed', progress: { answered: 0 } } });
    const results = await client.results(started.assessment.id);
    expect(results.competences).toHaveLength(16);
    const competence23 = results.competences.find((c) => c.code === '2.3')!;
    expect(competence23.level).toBeGreaterThan(0);
    expect(results.pixScore).toBe(competence23.pixScore);
    expect(results.certifiable).toBe(false);
    await client.share(started.assessment.id);
    await t.grading.worker.drain();
    expect(scoresOf('comp-1')).toEqual([results.pixScore]);
    const column = [...t.services.lms.lineItems.values()].find((l) => l.resourceId === `campaign:${campaign.id}`);
    expect(column).toMatchObject({ scoreMaximum: 16 * 8 * 5 });
    // Sending again is allowed at once for a profiles collection with multiple sendings.
    const shared = await client.results(started.assessment.id);
    expect(shared.nextAttempt).toMatchObject({ kind: 'retry', availableAt: expect.any(String) });
  });

  it('improve: 4 days after finishing, before sharing, failures are asked again on the same participation', async () => {
    const campaign = await t.createCampaign({ title: 'Amélioration', targetProfile: { competences: [{ code: '5.1', maxLevel: 3 }] } });
    const launch = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'improve-1' } });
    const client = new ApiClient(t.app, launch.token);
    const started = await client.start();
    await walkToEnd(client, started.assessment.id, started.next, snapshot, (id) => wrongAnswer(snapshot.challenge(id)!));
    const before = await client.results(started.assessment.id);
    expect(before.masteryRate).toBe(0);
    expect(before.nextAttempt).toEqual({ kind: 'improve', availableAt: new Date(t.clock.now().getTime() + 4 * DAY * 1000).toISOString() });
    const early = await client.fails('post', `/api/assessments/${started.assessment.id}/retry`, {}, 409, 'RETRY_TOO_EARLY');
    expect(early.details).toMatchObject({ kind: 'improve' });
    t.clock.advance(4 * DAY);
    const improved = await client.ok(S.startAssessmentResponse, 'post', `/api/assessments/${started.assessment.id}/retry`, {}, 201);
    expect(improved).toMatchObject({ resumed: false, assessment: { status: 'started', sharing: { status: 'NOT_SHAREABLE' } }, next: { kind: 'challenge' } });
    expect(improved.assessment.id).not.toBe(started.assessment.id);
    // The old run is no longer what would be shared; resuming lands on the new one.
    expect((await client.start()).assessment.id).toBe(improved.assessment.id);
    await client.fails('post', `/api/assessments/${started.assessment.id}/share`, { consent: true }, 409, 'SHARING_NOT_ALLOWED');
    await walkToEnd(client, improved.assessment.id, improved.next, snapshot);
    const after = await client.results(improved.assessment.id);
    expect(after.masteryRate).toBe(1);
    const participation = await t.campaigns.participations.findLatest(launch.session.tenantId, `campaign:${campaign.id}`, launch.session.user.id);
    expect(participation).toMatchObject({ attempt: 1, assessmentRuns: 2, status: 'TO_SHARE', assessmentId: improved.assessment.id });
  });

  it('retry: after sharing, with multiple sendings, 4 days later, a new participation whose grade replaces the first', async () => {
    const campaign = await t.createCampaign({ title: 'Renvoi', multipleSendings: true, targetProfile: { competences: [{ code: '3.1', maxLevel: 3 }] } });
    const launch = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'retry-1' } });
    const client = new ApiClient(t.app, launch.token);
    const first = await client.start();
    await walkToEnd(client, first.assessment.id, first.next, snapshot, (id, n) => (n % 2 ? wrongAnswer(snapshot.challenge(id)!) : rightAnswer(snapshot.challenge(id)!)));
    await client.share(first.assessment.id);
    await t.grading.worker.drain();
    const firstScore = scoresOf('retry-1');
    expect(firstScore).toHaveLength(1);
    expect(firstScore[0]).toBeLessThan(100);
    const shared = await client.results(first.assessment.id);
    expect(shared.nextAttempt?.kind).toBe('retry');
    await client.fails('post', `/api/assessments/${first.assessment.id}/retry`, {}, 409, 'RETRY_TOO_EARLY');
    t.clock.advance(4 * DAY + 1);
    const second = await client.ok(S.startAssessmentResponse, 'post', `/api/assessments/${first.assessment.id}/retry`, {}, 201);
    await walkToEnd(client, second.assessment.id, second.next, snapshot);
    await client.share(second.assessment.id);
    await t.grading.worker.drain();
    expect(scoresOf('retry-1')).toEqual([firstScore[0], 100]);
    const latest = await t.campaigns.participations.findLatest(launch.session.tenantId, `campaign:${campaign.id}`, launch.session.user.id);
    expect(latest).toMatchObject({ attempt: 2, status: 'SHARED' });
    // The first attempt is kept, marked improved; it offers nothing more.
    expect((await client.results(first.assessment.id)).nextAttempt).toBeUndefined();
    await client.fails('post', `/api/assessments/${first.assessment.id}/retry`, {}, 409, 'RETRY_NOT_ALLOWED');
  });

  it('an exam cannot be improved; a campaign without multiple sendings cannot be sent again', async () => {
    const exam = await t.createCampaign({ title: 'Examen', type: 'EXAM', multipleSendings: false, targetProfile: { competences: [{ code: '1.3', maxLevel: 2 }] } });
    const client = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: exam.id }, user: { sub: 'exam-1' } })).token);
    const started = await client.start();
    await walkToEnd(client, started.assessment.id, started.next, snapshot, (id) => wrongAnswer(snapshot.challenge(id)!));
    expect((await client.results(started.assessment.id)).nextAttempt).toBeUndefined();
    t.clock.advance(30 * DAY);
    await client.fails('post', `/api/assessments/${started.assessment.id}/retry`, {}, 409, 'RETRY_NOT_ALLOWED');
    await client.share(started.assessment.id);
    await client.fails('post', `/api/assessments/${started.assessment.id}/retry`, {}, 409, 'RETRY_NOT_ALLOWED');
  });
});
