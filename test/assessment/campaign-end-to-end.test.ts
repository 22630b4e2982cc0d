import type * as C from '@pix-lti/web-components/contract';
import * as S from '@pix-lti/web-components/contract-schemas';
import type { AppModule } from '@pix-lti/lti-tool';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepLinkAs, launchAs, type PlatformSimulator } from '../lti-platform/index.js';
import { browserFor, launchConfigOf, startScenario, type Scenario } from '../lti/support/scenario.js';

/** The bank's challenge as the answer needs it (lti-tool's content `Challenge`, read loosely). */
interface BankChallenge {
  type: 'QCU' | 'QCM' | 'QROC' | 'QROCM-ind' | 'QROCM-dep';
  solution: number[] | { mode: 'anyOrder'; groups: Array<{ accepted: Array<string | number> }> } | { mode: 'combinations'; combinations: Array<{ values: Record<string, Array<string | number>> }> };
  fields: Array<{ key: string; accepted?: Array<string | number> }>;
}

/** The answer the bank says is right, typed as a learner would (numbers the French way). */
function rightAnswer(c: BankChallenge): C.AnswerValue {
  const typed = (v: string | number) => (typeof v === 'number' ? String(v).replace('.', ',') : v);
  if (c.type === 'QCU' || c.type === 'QCM') return { kind: 'choices', choices: c.solution as number[] };
  const s = c.solution as Exclude<BankChallenge['solution'], number[]> | undefined;
  const value = (key: string, i: number, accepted?: Array<string | number>) =>
    typed(accepted?.[0] ?? (s?.mode === 'anyOrder' ? s.groups[i]!.accepted[0]! : s!.combinations[0]!.values[key]![0]!));
  return { kind: 'fields', fields: Object.fromEntries(c.fields.map((f, i) => [f.key, value(f.key, i, f.accepted)])) };
}

interface CampaignsLike extends AppModule {
  admin: { create(acting: unknown, input: unknown): Promise<{ id: string; code: string; title: string }> };
}

/**
 * The whole product path with the composition root and the Moodle-shaped simulator: an
 * academy's campaign offered by deep linking (through the real catalog and the platform's
 * academy), added with its gradebook column, taken by a student in the LMS frame over the
 * student API (every response checked against the contract), shared, graded in Moodle's
 * gradebook, and seen by the teacher with the course roster.
 */
describe('a campaign from deep linking to the gradebook', () => {
  let s: Scenario;
  let sim: PlatformSimulator;
  let campaign: { id: string; code: string; title: string };

  beforeAll(async () => {
    s = await startScenario();
    sim = s.sim;
    await s.tool.lti.registrations.update(s.registrationId, { academy: 'versailles' });
    const campaigns = s.tool.modules.find((m) => m.name === 'campaigns') as CampaignsLike;
    campaign = await campaigns.admin.create(
      { principal: { id: 'admin-1', email: 'admin@ac-versailles.fr', displayName: 'Admin', role: 'academy-admin', academy: 'versailles' } },
      { title: 'Rechercher sur le web', type: 'ASSESSMENT', method: 'SMART_RANDOM', multipleSendings: false, targetProfile: { tubes: [{ id: '@moteurRecherche', maxLevel: 3 }] } },
    );
  });
  afterAll(async () => {
    await s.stop();
  });

  const api = (token: string) => async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${s.tool.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('is added by deep linking, taken, shared, graded and followed', async () => {
    // The teacher picks the campaign in the plain picker: Moodle gets a link and a column out of 100.
    const { browser } = browserFor('allowed');
    const dl = await deepLinkAs(browser, sim, { userId: s.teacher.id, courseId: s.course.id, toolId: s.toolId });
    const picker = (await browser.submit(dl.page.form({ action: /\/lti\/deep-linking\/picker$/ })!)).page;
    expect(picker.text()).toContain('Rechercher sur le web');
    expect(picker.text()).toContain('Test adaptatif 1.1');
    const back = await browser.submit(picker.form({ action: /\/lti\/deep-linking\/submit$/ })!, { items: `campaign:${campaign.id}` });
    expect(back.page.status).toBe(200);
    const activity = [...sim.platform.site.activities.values()].find((a) => a.instructorCustomParameters?.pix_activity === `campaign:${campaign.id}`)!;
    expect(activity).toBeDefined();
    expect(sim.gradebook(s.course.id).map((c) => [c.item.itemname, c.item.grademax])).toContainEqual(['Rechercher sur le web', 100]);

    // The student takes it in the frame (third-party cookies blocked), over the student API.
    const launch = await launchAs(browserFor('blocked').browser, sim, { userId: s.student.id, activityId: activity.id });
    const config = launchConfigOf(launch.page);
    expect(config).toMatchObject({ view: 'learner', activity: { type: 'campaign', id: campaign.id } });
    const call = api(config.token as string);
    const started = S.startAssessmentResponse.parse((await call('POST', '/assessments', {})).body);
    const id = started.assessment.id;
    const snapshotChallenge = async (challengeId: string) => {
      const content = s.tool.modules.find((m) => m.name === 'content') as unknown as { content: { challenge(id: string): Promise<BankChallenge> } };
      return content.content.challenge(challengeId);
    };
    let next: C.NextStep = started.next;
    let n = 0;
    while (next.kind !== 'completed' && n < 40) {
      if (next.kind === 'checkpoint') {
        next = S.acknowledgeCheckpointResponse.parse((await call('POST', `/assessments/${id}/checkpoints/${next.checkpoint.id}/acknowledge`, {})).body).next;
        continue;
      }
      const c = await snapshotChallenge(next.challenge.id);
      const value = rightAnswer(c);
      const answered = await call('POST', `/assessments/${id}/answers`, { idempotencyKey: `e2e-answer-${String(++n).padStart(8, '0')}`, challengeId: next.challenge.id, value, timedOut: false, focusedOut: false, timeSpentSeconds: 5, answeredAt: new Date().toISOString() });
      expect(answered.status, JSON.stringify(answered.body)).toBe(201);
      next = S.submitAnswerResponse.parse(answered.body).next;
    }
    expect(next.kind).toBe('completed');
    const results = S.assessmentResults.parse((await call('GET', `/assessments/${id}/results`)).body);
    expect(results).toMatchObject({ masteryRate: 1, sharing: { status: 'TO_SHARE' } });
    expect(S.shareResultsResponse.parse((await call('POST', `/assessments/${id}/share`, { consent: true })).body).sharing.status).toBe('SHARED');

    // The grade reaches Moodle's gradebook (the tool's worker delivers it).
    const column = sim.gradebook(s.course.id).find((c) => c.item.itemname === 'Rechercher sur le web')!;
    for (let i = 0; i < 100 && !sim.grade(column.item.id, s.student.id)?.finalgrade; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sim.grade(column.item.id, s.student.id)).toMatchObject({ finalgrade: 100, rawgrademax: 100, gradingProgress: 'FullyGraded' });

    // The teacher follows the class from the same activity: the roster from NRPS, the student's shared results.
    const teacherLaunch = await launchAs(browserFor('allowed').browser, sim, { userId: s.teacher.id, activityId: activity.id });
    const teacher = api(launchConfigOf(teacherLaunch.page).token as string);
    const progress = S.classProgress.parse((await teacher('GET', '/teacher/progress')).body);
    expect(progress.rosterSource).toBe('roster');
    expect(progress.learners).toEqual([expect.objectContaining({ status: 'SHARED', displayName: null, results: expect.objectContaining({ masteryRate: 1 }) })]);
  });
});
