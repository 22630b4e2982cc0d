import * as S from '@pix-lti/web-components/contract-schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { ApiClient, answerRequest, walkToEnd } from '../testing/api-client.js';
import { createAssessmentHarness, rightAnswer, wrongAnswer, type AssessmentHarness } from '../testing/assessment-harness.js';

/**
 * A whole smart-random assessment campaign over HTTP on the real database and the open
 * sample bank: every response checked against the contract, checkpoints every 5 answers,
 * the end, results, sharing, and the grade queued once and delivered to the LMS.
 */
describe('a smart-random campaign, answered to the end', () => {
  let t: AssessmentHarness;
  let snapshot: ContentSnapshot;
  let campaign: Campaign;

  beforeAll(async () => {
    t = await createAssessmentHarness('campaign_flow');
    snapshot = await t.content.content.snapshot();
    campaign = await t.createCampaign({ title: 'Rentrée 3e — recherche', targetProfile: { competences: [{ code: '1.1', maxLevel: 4 }, { code: '4.2', maxLevel: 3 }] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('right answers: levels rise, a checkpoint every 5 answers with corrections, a final one, results, sharing and one grade', async () => {
    const { token } = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'eleve-1' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    expect(started.resumed).toBe(false);
    expect(started.assessment).toMatchObject({ status: 'started', checkpoints: true, activity: { type: 'campaign', id: campaign.id, code: campaign.code }, sharing: { status: 'NOT_SHAREABLE' } });
    expect(started.next.kind).toBe('challenge');
    const firstSkill = snapshot.skill(snapshot.challenge(started.next.kind === 'challenge' ? started.next.challenge.id : '')!.skillId)!;
    expect(firstSkill.level).toBe(2);

    const walk = await walkToEnd(client, started.assessment.id, started.next, snapshot);
    const n = walk.answers.length;
    expect(walk.final.kind).toBe('completed');
    expect(walk.checkpoints.map((c) => c.number)).toEqual(Array.from({ length: Math.ceil(n / 5) }, (_, i) => i + 1));
    expect(walk.checkpoints.at(-1)!.final).toBe(true);
    expect(walk.checkpoints.slice(0, -1).every((c) => !c.final && c.answers.length === 5)).toBe(true);
    const checkpointAnswers = walk.checkpoints.flatMap((c) => c.answers);
    expect(checkpointAnswers.map((a) => a.number)).toEqual(walk.answers.map((a) => a.number));
    expect(checkpointAnswers.every((a) => a.status === 'ok' && a.correction?.solutionHtml && a.givenAnswer !== '' && a.tutorials.length === 0)).toBe(true);
    // Right answers climb: the later questions are harder than the first.
    const levels = walk.answers.map((a) => snapshot.skill(a.skillId)!.level);
    expect(Math.max(...levels)).toBeGreaterThan(levels[0]!);

    const results = await client.results(started.assessment.id);
    expect(results.masteryRate).toBe(1);
    expect(results.competences.map((c) => c.code)).toEqual(['1.1', '4.2']);
    expect(results.competences.find((c) => c.code === '1.1')).toMatchObject({ maxLevel: 4, masteryRate: 1 });
    expect(results.competences.every((c) => c.level >= 2)).toBe(true);
    expect(results.sharing).toEqual({ status: 'TO_SHARE' });
    expect(results.pixScore).toBe(results.maxPixScore);

    const shared = await client.share(started.assessment.id);
    expect(shared.sharing.status).toBe('SHARED');
    const again = await client.share(started.assessment.id);
    expect(again.sharing.sharedAt).toBe(shared.sharing.sharedAt);

    await t.grading.worker.drain();
    const scores = t.services.lms.scores.filter((s) => s.userId === 'eleve-1');
    expect(scores).toEqual([expect.objectContaining({ scoreGiven: 100, gradingProgress: 'FullyGraded' })]);
    const column = [...t.services.lms.lineItems.values()].find((l) => l.resourceId === `campaign:${campaign.id}`);
    expect(column).toMatchObject({ label: campaign.title, scoreMaximum: 100, tag: 'pix' });

    // Resuming a finished, shared test shows it finished.
    const resumed = await client.start();
    expect(resumed).toMatchObject({ resumed: true, assessment: { id: started.assessment.id, status: 'completed', sharing: { status: 'SHARED' } }, next: { kind: 'completed' } });
  });

  it('wrong answers: the test ends sooner, at lower levels, with tutorials at checkpoints', async () => {
    const { token } = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'eleve-2' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    const walk = await walkToEnd(client, started.assessment.id, started.next, snapshot, (id) => wrongAnswer(snapshot.challenge(id)!));
    expect(walk.final.kind).toBe('completed');
    const answered = walk.checkpoints.flatMap((c) => c.answers);
    expect(answered.every((a) => a.status === 'ko')).toBe(true);
    // Each wrong answer comes with the tutorials of its skill (the bank has some for a few skills).
    for (const a of answered) expect(a.tutorials).toEqual(snapshot.skill(snapshot.challenge(a.challengeId)!.skillId)!.tutorials);
    expect(walk.answers.length).toBeGreaterThan(0);
    const results = await client.results(started.assessment.id);
    expect(results.pixScore).toBe(0);
    expect(results.masteryRate).toBe(0);
    expect(results.competences.every((c) => c.level === 0)).toBe(true);
  });

  it('"Je passe" is recorded as aband', async () => {
    const { token } = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'eleve-3' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    await client.answer(started.assessment.id, answerRequest(started.next.challenge.id, { kind: 'skip' }));
    expect((await t.assessment.deps.answers.listForAssessment(started.assessment.id)).map((a) => a.result)).toEqual(['aband']);
  });

  it('a timed challenge: the server starts the timer once, counts it down, and times out a late answer', async () => {
    const timed = await t.createCampaign({ title: 'Moteurs', targetProfile: { tubes: [{ id: '@moteurRecherche', maxLevel: 2 }] } });
    const run = async (sub: string, lateBy: number) => {
      const { token } = await t.launch({ activity: { type: 'campaign', id: timed.id }, user: { sub } });
      const client = new ApiClient(t.app, token);
      const started = await client.start();
      const id = started.assessment.id;
      if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
      const first = started.next.challenge.id;
      expect(snapshot.challenge(first)!.skillId).toBe('@moteurRecherche1');
      const next = (await client.answer(id, answerRequest(first, rightAnswer(snapshot.challenge(first)!)))).next;
      expect(next).toMatchObject({ kind: 'challenge', challenge: { id: 'moteurRecherche2-a', timer: 60 }, state: { number: 2, allowedSeconds: 60, focusedOut: false } });
      if (next.kind !== 'challenge') throw new Error('expected a challenge');
      expect(next.state.startedAt).toBeUndefined();
      const begun = await client.ok(S.startChallengeResponse, 'post', `/api/assessments/${id}/challenges/moteurRecherche2-a/start`, {});
      expect(begun.state).toMatchObject({ remainingSeconds: 60, startedAt: t.clock.now().toISOString() });
      t.clock.advance(20);
      const again = await client.ok(S.startChallengeResponse, 'post', `/api/assessments/${id}/challenges/moteurRecherche2-a/start`, {});
      expect(again.state).toMatchObject({ startedAt: begun.state.startedAt, remainingSeconds: 40 });
      const reloaded = await client.next(id);
      expect(reloaded).toMatchObject({ kind: 'challenge', state: { startedAt: begun.state.startedAt, remainingSeconds: 40 } });
      t.clock.advance(40 + lateBy);
      await client.answer(id, answerRequest('moteurRecherche2-a', rightAnswer(snapshot.challenge('moteurRecherche2-a')!), { timeSpentSeconds: 60 + lateBy }));
      return { client, id, results: (await t.assessment.deps.answers.listForAssessment(id)).map((a) => a.result) };
    };
    expect((await run('chrono-1', 5)).results).toEqual(['ok', 'ok']);
    const late = await run('chrono-2', 6);
    expect(late.results).toEqual(['ok', 'timedout']);
    // The test is over (the tube has two levels): no timer left to start.
    await late.client.fails('post', `/api/assessments/${late.id}/challenges/moteurRecherche2-a/start`, {}, 409, 'ASSESSMENT_COMPLETED');
  });

  it('a focus-mode challenge: leaving the page is recorded by the server and a right answer becomes focusedOut', async () => {
    const focused = await t.createCampaign({ title: 'Sources', targetProfile: { tubes: [{ id: '@evaluerSource', maxLevel: 4 }] } });
    const { token } = await t.launch({ activity: { type: 'campaign', id: focused.id }, user: { sub: 'focus-1' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    const id = started.assessment.id;
    let next = started.next;
    for (let i = 0; i < 10 && !(next.kind === 'challenge' && next.challenge.id === 'evaluerSource4-a'); i++) {
      if (next.kind === 'checkpoint') next = await client.acknowledge(id, next.checkpoint.id);
      else if (next.kind === 'challenge') next = (await client.answer(id, answerRequest(next.challenge.id, rightAnswer(snapshot.challenge(next.challenge.id)!)))).next;
    }
    expect(next).toMatchObject({ kind: 'challenge', challenge: { id: 'evaluerSource4-a', focused: true }, state: { focusedOut: false } });
    const lost = await client.ok(S.focusLostResponse, 'post', `/api/assessments/${id}/challenges/evaluerSource4-a/focus-lost`, {});
    expect(lost.state.focusedOut).toBe(true);
    expect(await client.next(id)).toMatchObject({ state: { focusedOut: true } });
    // The client forgot to say so in the answer: the server's record counts.
    await client.answer(id, answerRequest('evaluerSource4-a', rightAnswer(snapshot.challenge('evaluerSource4-a')!), { focusedOut: false }));
    const answers = await t.assessment.deps.answers.listForAssessment(id);
    expect(answers.at(-1)).toMatchObject({ challengeId: 'evaluerSource4-a', result: 'focusedOut', focusedOut: true });
    // Focus loss on a challenge without focus mode is not an offence.
    const plain = await t.createCampaign({ title: 'Sources 2', targetProfile: { tubes: [{ id: '@evaluerSource', maxLevel: 2 }] } });
    const other = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: plain.id }, user: { sub: 'focus-2' } })).token);
    const s2 = await other.start();
    if (s2.next.kind !== 'challenge') throw new Error('expected a challenge');
    const ignored = await other.ok(S.focusLostResponse, 'post', `/api/assessments/${s2.assessment.id}/challenges/${s2.next.challenge.id}/focus-lost`, {});
    expect(ignored.state.focusedOut).toBe(false);
  });

  it('refuses an answer to another challenge than the current one, and a malformed answer, recording nothing', async () => {
    const { token } = await t.launch({ activity: { type: 'campaign', id: campaign.id }, user: { sub: 'eleve-4' } });
    const client = new ApiClient(t.app, token);
    const started = await client.start();
    const id = started.assessment.id;
    if (started.next.kind !== 'challenge') throw new Error('expected a challenge');
    const current = started.next.challenge;
    const other = snapshot.challenges.find((c) => c.id !== current.id)!;
    const refused = await client.fails('post', `/api/assessments/${id}/answers`, answerRequest(other.id, rightAnswer(other)), 409, 'CHALLENGE_NOT_CURRENT');
    expect(refused.details).toEqual({ currentChallengeId: current.id });
    const wrongKind = current.response.kind === 'choices' ? { kind: 'fields' as const, fields: { x: 'y' } } : { kind: 'choices' as const, choices: [1] };
    const bad = await client.fails('post', `/api/assessments/${id}/answers`, answerRequest(current.id, wrongKind), 400, 'ANSWER_SHAPE_INVALID');
    expect(bad.details).toEqual({ problem: 'WRONG_KIND' });
    await client.fails('post', `/api/assessments/${id}/answers`, { ...answerRequest(current.id, null) }, 400, 'VALIDATION_FAILED');
    await client.fails('post', `/api/assessments/${id}/checkpoints/cp1/acknowledge`, {}, 409, 'CHECKPOINT_NOT_CURRENT');
    await client.fails('get', `/api/assessments/${id}/results`, undefined, 409, 'ASSESSMENT_NOT_COMPLETED');
    await client.fails('post', `/api/assessments/${id}/share`, { consent: true }, 409, 'ASSESSMENT_NOT_COMPLETED');
    expect(await t.assessment.deps.answers.listForAssessment(id)).toEqual([]);
  });
});
