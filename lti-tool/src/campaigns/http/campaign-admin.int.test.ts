import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPrincipal } from '../../admin/domain/admin-principal.js';
import { ApiClient } from '../../assessment/testing/api-client.js';
import { ACADEMY_ADMIN, createAssessmentHarness, type AssessmentHarness } from '../../assessment/testing/assessment-harness.js';
import { CAMPAIGN_CODE_PATTERN } from '../domain/campaign-code.js';

const SCHOOL_ADMIN: AdminPrincipal = { id: 'admin-2', email: 'ce@lycee.fr', displayName: 'CE', role: 'school-admin', academy: 'versailles', uai: '0781234A' };
const AUDITOR: AdminPrincipal = { id: 'admin-3', email: 'audit@ac-versailles.fr', displayName: 'Audit', role: 'auditor', academy: 'versailles' };
const OTHER_ACADEMY: AdminPrincipal = { id: 'admin-4', email: 'admin@ac-creteil.fr', displayName: 'Admin', role: 'academy-admin', academy: 'creteil' };

/** Campaign management by admins, and what it changes for launches and deep linking. */
describe('campaign admin API, catalog and ENT codes', () => {
  let t: AssessmentHarness;
  const as = (principal: AdminPrincipal) => ({ 'x-test-admin': JSON.stringify(principal) });

  beforeAll(async () => {
    t = await createAssessmentHarness('campaign_admin');
    t.places.set('reg-creteil', { registrationId: 'reg-creteil', academy: 'creteil', schools: [] });
    t.places.set('reg-other-school', { registrationId: 'reg-other-school', academy: 'versailles', schools: ['0789999Z'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates an assessment campaign from competences and tubes with level caps, with a unique code, audited', async () => {
    const tube = (await t.content.content.snapshot()).competence('3.4')!.tubeIds[0]!;
    const res = await request(t.app)
      .post('/api/admin/campaigns')
      .set(as(ACADEMY_ADMIN))
      .send({ title: 'Évaluation 4e', type: 'ASSESSMENT', targetProfile: { competences: [{ code: '1.1', maxLevel: 2 }], tubes: [{ id: tube, maxLevel: 3 }] }, multipleSendings: true });
    expect(res.status).toBe(201);
    const campaign = res.body.campaign;
    expect(campaign).toMatchObject({ title: 'Évaluation 4e', type: 'ASSESSMENT', method: 'SMART_RANDOM', academy: 'versailles', multipleSendings: true, activity: { type: 'campaign', id: campaign.id } });
    expect(campaign.code).toMatch(CAMPAIGN_CODE_PATTERN);
    expect(campaign.targetTubes).toContainEqual({ tubeId: tube, maxLevel: 3 });
    expect(campaign.skillCount).toBeGreaterThan(2);
    expect(res.headers.location).toBe(`/api/admin/campaigns/${campaign.id}`);
    const audited = await t.audit.query({ academy: 'versailles', targetId: campaign.id, limit: 10 });
    expect(audited.entries).toEqual([expect.objectContaining({ action: 'campaign.create', actor: expect.objectContaining({ id: ACADEMY_ADMIN.id }) })]);
    const codes = new Set([campaign.code]);
    for (let i = 0; i < 10; i++) codes.add((await t.createCampaign({ title: `C${i}` })).code);
    expect(codes.size).toBe(11);
    const list = await request(t.app).get('/api/admin/campaigns?q=4e').set(as(AUDITOR));
    expect(list.body).toMatchObject({ total: 1, campaigns: [{ id: campaign.id }] });
  });

  it('reports every problem of a bad definition', async () => {
    const bad = await request(t.app).post('/api/admin/campaigns').set(as(ACADEMY_ADMIN)).send({ title: 'X', type: 'ASSESSMENT', targetProfile: { competences: [{ code: '9.9', maxLevel: 2 }], tubes: [{ id: '@nope', maxLevel: 2 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'TARGET_PROFILE_INVALID', details: [{ code: 'COMPETENCE_UNKNOWN' }, { code: 'TUBE_UNKNOWN' }] });
    const flash = await request(t.app).post('/api/admin/campaigns').set(as(ACADEMY_ADMIN)).send({ title: 'X', type: 'PROFILES_COLLECTION', method: 'FLASH' });
    expect(flash.body).toMatchObject({ code: 'CAMPAIGN_DEFINITION_INVALID', details: { problems: ['METHOD_NOT_ALLOWED'] } });
    const invalid = await request(t.app).post('/api/admin/campaigns').set(as(ACADEMY_ADMIN)).send({ title: '', type: 'QUIZ' });
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('keeps academies and schools apart; auditors read only', async () => {
    const schools = await request(t.app).post('/api/admin/campaigns').set(as(SCHOOL_ADMIN)).send({ title: 'Du lycée', type: 'ASSESSMENT', targetProfile: { competences: [{ code: '2.1', maxLevel: 2 }] }, uai: '0000000X' });
    expect(schools.status).toBe(201);
    expect(schools.body.campaign.uai).toBe('0781234A');
    const id = schools.body.campaign.id;
    expect((await request(t.app).get(`/api/admin/campaigns/${id}`).set(as(OTHER_ACADEMY))).status).toBe(404);
    expect((await request(t.app).patch(`/api/admin/campaigns/${id}`).set(as(OTHER_ACADEMY)).send({ title: 'Pris' })).status).toBe(404);
    expect((await request(t.app).post(`/api/admin/campaigns/${id}/archive`).set(as(AUDITOR))).status).toBe(403);
    const academyWide = await t.createCampaign({ title: 'Académique' });
    expect((await request(t.app).get(`/api/admin/campaigns/${academyWide.id}`).set(as(SCHOOL_ADMIN))).status).toBe(404);
    const renamed = await request(t.app).patch(`/api/admin/campaigns/${id}`).set(as(SCHOOL_ADMIN)).send({ title: 'Du lycée (2)', description: 'Pour les 2de' });
    expect(renamed.body.campaign).toMatchObject({ title: 'Du lycée (2)', description: 'Pour les 2de' });
    const audit = await t.audit.query({ academy: 'versailles', uai: '0781234A', targetId: id, limit: 10 });
    expect(audit.entries.map((e) => e.action)).toEqual(['campaign.update', 'campaign.create']);
  });

  it('offers teachers what their platform may use, with gradebook maxima; refuses others’ campaigns', async () => {
    const own = await t.createCampaign({ title: 'Pour Versailles' });
    const schoolOnly = await t.createCampaign({ title: 'Pour le lycée', uai: '0781234A' });
    const creteil = await t.createCampaign({ title: 'Pour Créteil' }, OTHER_ACADEMY);
    const teacher = await t.launch({ messageType: 'LtiDeepLinkingRequest', roles: { learner: false, instructor: true }, deepLinking: { returnUrl: 'https://moodle.test/dl', acceptMultiple: true, acceptTypes: ['ltiResourceLink'], acceptPresentationDocumentTargets: ['iframe'] } });
    const items = await request(t.app).get('/api/lti/deep-linking/items').set('Authorization', `Bearer ${teacher.token}`);
    expect(items.status).toBe(200);
    const ids = items.body.items.map((i: { ref: { id: string } }) => i.ref.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, schoolOnly.id, 'competence-1-1', 'flash-all', 'flash-area-3']));
    expect(ids).not.toContain(creteil.id);
    const ownItem = items.body.items.find((i: { ref: { id: string } }) => i.ref.id === own.id);
    expect(ownItem).toMatchObject({ title: 'Pour Versailles', scoreMaximum: 100, competences: [expect.stringMatching(/^1\.1 /)] });
    expect(ownItem.text).toContain(own.code);
    expect(items.body.items.find((i: { ref: { id: string } }) => i.ref.id === 'competence-1-1')).toMatchObject({ scoreMaximum: 40 });
    // Another school's platform of the same academy does not see the school's campaign.
    const catalog = await t.campaigns.catalog.list({ tenantId: 't', tenant: { issuer: 'i', clientId: 'c', deploymentId: 'd' }, registrationId: 'reg-other-school' });
    expect(catalog.map((i) => i.ref.id)).toContain(own.id);
    expect(catalog.map((i) => i.ref.id)).not.toContain(schoolOnly.id);
    expect(await t.campaigns.catalog.get({ tenantId: 't', tenant: { issuer: 'i', clientId: 'c', deploymentId: 'd' }, registrationId: 'reg-creteil' }, { type: 'campaign', id: own.id })).toBeUndefined();
    // A deep-linking response for a campaign of Créteil is refused.
    const response = await request(t.app).post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${teacher.token}`).send({ items: [{ type: 'campaign', id: creteil.id }] });
    expect(response.body.code).toBe('DEEP_LINKING_ITEM_NOT_FOUND');
    // A learner of Versailles cannot open Créteil's campaign even with its id in the launch.
    const learner = new ApiClient(t.app, (await t.launch({ activity: { type: 'campaign', id: creteil.id } })).token);
    await learner.fails('post', '/api/assessments', {}, 404, 'CAMPAIGN_NOT_FOUND');
  });

  it('on ENT pages, a learner joins by code; archiving closes the campaign to newcomers only; codes can be redrawn', async () => {
    const campaign = await t.createCampaign({ title: 'Par code' });
    const ent = new ApiClient(t.app, (await t.launch({ user: { sub: 'ent-1' } })).token);
    const joined = await ent.start({ campaignCode: ` ${campaign.code.toLowerCase()} ` });
    expect(joined.assessment.activity).toMatchObject({ id: campaign.id, code: campaign.code });
    const creteilLearner = new ApiClient(t.app, (await t.launch({ user: { sub: 'ent-2' }, registrationId: 'reg-creteil' })).token);
    await creteilLearner.fails('post', '/api/assessments', { campaignCode: campaign.code }, 404, 'CAMPAIGN_NOT_FOUND');
    const mismatch = new ApiClient(t.app, (await t.launch({ user: { sub: 'ent-3' }, activity: { type: 'competence-evaluation', id: 'competence-1-1' } })).token);
    await mismatch.fails('post', '/api/assessments', { campaignCode: campaign.code }, 400, 'ACTIVITY_MISMATCH');

    const archived = await request(t.app).post(`/api/admin/campaigns/${campaign.id}/archive`).set(as(ACADEMY_ADMIN));
    expect(archived.body.campaign.archivedAt).toEqual(expect.any(String));
    const newcomer = new ApiClient(t.app, (await t.launch({ user: { sub: 'ent-4' } })).token);
    await newcomer.fails('post', '/api/assessments', { campaignCode: campaign.code }, 409, 'CAMPAIGN_ARCHIVED');
    const late = new ApiClient(t.app, (await t.launch({ user: { sub: 'ent-4' }, activity: { type: 'campaign', id: campaign.id } })).token);
    await late.fails('post', '/api/assessments', {}, 409, 'CAMPAIGN_ARCHIVED');
    // Who had started goes on.
    expect((await ent.start({ campaignCode: campaign.code })).resumed).toBe(true);
    await request(t.app).post(`/api/admin/campaigns/${campaign.id}/unarchive`).set(as(ACADEMY_ADMIN)).expect(200);
    const redrawn = await request(t.app).post(`/api/admin/campaigns/${campaign.id}/code`).set(as(ACADEMY_ADMIN));
    expect(redrawn.body.campaign.code).toMatch(CAMPAIGN_CODE_PATTERN);
    expect(redrawn.body.campaign.code).not.toBe(campaign.code);
    await newcomer.fails('post', '/api/assessments', { campaignCode: campaign.code }, 404, 'CAMPAIGN_NOT_FOUND');
    expect((await newcomer.start({ campaignCode: redrawn.body.campaign.code })).resumed).toBe(false);
  });
});
