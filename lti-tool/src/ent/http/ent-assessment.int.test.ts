import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignsModule } from '../../campaigns/campaigns.module.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { AUDIENCE, startEntHarness, UAI, type EntHarness } from '../testing/ent-harness.js';
import { FakeEnt } from '../testing/fake-ent.js';

/**
 * ENT sessions on the real student and teacher API (the composition root's campaigns and
 * assessment modules): the connector's school is the session's place, so a school's campaign
 * opens for its students only, by the assertion's `activity` or by the code the page sends.
 */
describe('ENT sessions on the student API', () => {
  let db: TestDatabase;
  let h: EntHarness;
  let ent: FakeEnt;
  let lycee: { id: string; code: string };
  let college: { id: string; code: string };

  beforeAll(async () => {
    db = await openTestDatabase('ent_assessment');
    h = await startEntHarness(db);
    ent = await FakeEnt.start();
    await h.register({ issuer: ent.issuer, name: 'ENT', jwksUrl: ent.jwksUrl, uais: [UAI.lycee, UAI.college] });
    const campaigns = h.modules.find((m) => m.name === 'campaigns') as CampaignsModule;
    const acting = { principal: { id: 'admin-1', email: 'admin@ac-versailles.fr', displayName: 'Admin', role: 'academy-admin' as const, academy: 'versailles' } };
    const input = { title: 'Rechercher sur le web', type: 'ASSESSMENT', method: 'SMART_RANDOM', multipleSendings: false, targetProfile: { tubes: [{ id: '@moteurRecherche', maxLevel: 3 }] } };
    lycee = await campaigns.admin.create(acting, { ...input, uai: UAI.lycee } as never);
    college = await campaigns.admin.create(acting, { ...input, uai: UAI.college } as never);
  });
  afterAll(async () => {
    await ent?.close();
    await db.drop();
  });

  const token = async (claims: Record<string, unknown>) => {
    const res = await h.exchange(await ent.assertion(AUDIENCE, claims));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.token as string;
  };
  const call = (t: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = request(h.app)[method](`/api${path}`).set('Authorization', `Bearer ${t}`);
    return method === 'post' ? req.send(body ?? {}) : req;
  };

  it('opens the campaign the assertion names with an empty body, and takes an answer', async () => {
    const t = await token({ sub: 'eleve-1', activity: lycee.code, context: { id: 'grp-2A' } });
    const started = await call(t, 'post', '/assessments');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ resumed: false, assessment: { activity: { title: 'Rechercher sur le web' } }, next: { kind: 'challenge' } });
    const { id } = started.body.assessment;
    const answered = await call(t, 'post', `/assessments/${id}/answers`, {
      idempotencyKey: randomUUID(),
      challengeId: started.body.next.challenge.id,
      value: { kind: 'skip' },
      timedOut: false,
      focusedOut: false,
      timeSpentSeconds: 12,
      answeredAt: new Date().toISOString(),
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    // The same student from the ENT again resumes it.
    const again = await call(await token({ sub: 'eleve-1', activity: lycee.code }), 'post', '/assessments');
    expect(again.body).toMatchObject({ resumed: true, assessment: { id } });
  });

  it('opens a campaign by the code the page sends, for the school’s students only', async () => {
    const own = await call(await token({ sub: 'eleve-2' }), 'post', '/assessments', { campaignCode: lycee.code });
    expect(own.status).toBe(200);
    const other = await call(await token({ sub: 'eleve-2' }), 'post', '/assessments', { campaignCode: college.code });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CAMPAIGN_NOT_FOUND');
    const refused = await h.exchange(await ent.assertion(AUDIENCE, { activity: college.code }));
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('ENT_ACTIVITY_UNKNOWN');
  });

  it('shows an ENT teacher the class’s participants (no LMS roster behind an ENT)', async () => {
    const teacher = await token({ sub: 'prof-1', roles: ['instructor'], activity: lycee.code, context: { id: 'grp-2A', label: '2de A' } });
    const progress = await call(teacher, 'get', '/teacher/progress');
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body.rosterSource).toBe('participants');
    // Only the class's participant (eleve-2 opened the campaign without this context).
    expect(progress.body.learners).toEqual([expect.objectContaining({ displayName: null, answered: 1 })]);
  });
});
