import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchAs, LtiBrowser } from '../lti-platform/index.js';
import { browserFor, launchConfigOf, refusalOf, startScenario, type Scenario } from './support/scenario.js';


async function apiSession(s: Scenario, token: string) {
  const res = await fetch(`${s.tool.url}/api/lti/session`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('launches from the simulated Éléa into the tool, over real HTTP', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('launches a learner with the cookie path: login → auth → launch → first API call', async () => {
    const { browser } = browserFor('allowed');
    const flow = await launchAs(browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
    expect(flow.page.status).toBe(200);
    expect(flow.authRequest?.params).toMatchObject({ redirect_uri: `${s.tool.url}/lti/launch`, response_mode: 'form_post', prompt: 'none', scope: 'openid' });
    const config = launchConfigOf(flow.page);
    expect(config).toMatchObject({ view: 'learner', activity: { type: 'campaign', id: 'ABCDEF123' }, locale: 'fr', user: {} });
    expect(flow.steps.some((step) => step.url.endsWith('/lti/launch/bind'))).toBe(false);
    const me = await apiSession(s, config.token as string);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: { learner: true, instructor: false, administrator: false }, context: { id: s.course.id } });
  });

  it('launches with third-party cookies blocked, through the frame’s sessionStorage', async () => {
    const { browser } = browserFor('blocked');
    const flow = await launchAs(browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
    expect(flow.page.status).toBe(200);
    expect(flow.steps.some((step) => step.url.endsWith('/lti/launch/bind'))).toBe(true);
    expect(browser.cookies(s.tool.url)).toBe('');
    const me = await apiSession(s, launchConfigOf(flow.page).token as string);
    expect(me.status).toBe(200);
  });

  it('offers a new tab when storage is blocked too, and the single-use ticket opens the launch there', async () => {
    const { browser, storage } = browserFor('blocked');
    storage.blocked = true;
    await launchAs(browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
    const offer = storage.stoppedAt!;
    expect(offer.text()).toContain('Continuer dans un nouvel onglet');
    const form = offer.form({ id: 'pix-lti-continue-form' })!;
    const newTab = new LtiBrowser();
    const opened = await newTab.submit(form);
    expect(launchConfigOf(opened.page).view).toBe('learner');
    const again = await newTab.submit(form);
    expect(refusalOf(again.page)).toBe('LTI_LAUNCH_TICKET_INVALID');
  });

  it('launches an instructor and an administrator who teaches (several roles)', async () => {
    const teacher = await launchAs(browserFor().browser, s.sim, { userId: s.teacher.id, activityId: s.activity.id });
    const config = launchConfigOf(teacher.page);
    expect(config.view).toBe('instructor');
    expect((await apiSession(s, config.token as string)).body.roles).toEqual({ learner: false, instructor: true, administrator: false });

    s.sim.enrol(s.admin.id, s.course.id, 'editingteacher');
    const admin = await launchAs(browserFor().browser, s.sim, { userId: s.admin.id, activityId: s.activity.id });
    expect((await apiSession(s, launchConfigOf(admin.page).token as string)).body.roles).toEqual({ learner: false, instructor: true, administrator: true });
  });

  it('accepts an unknown role and grants nothing with it', async () => {
    s.sim.interceptIdTokens(({ claims }) => ({ claims: { ...claims, 'https://purl.imsglobal.org/spec/lti/claim/roles': ['http://example.org/roles#Wizard'] } }));
    const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
    const me = await apiSession(s, launchConfigOf(flow.page).token as string);
    expect(me.body.roles).toEqual({ learner: false, instructor: false, administrator: false });
  });

  it('accepts the short (deprecated) role names', async () => {
    s.sim.interceptIdTokens(({ claims }) => ({ claims: { ...claims, 'https://purl.imsglobal.org/spec/lti/claim/roles': ['Instructor'] } }));
    const flow = await launchAs(browserFor().browser, s.sim, { userId: s.teacher.id, activityId: s.activity.id });
    expect(launchConfigOf(flow.page).view).toBe('instructor');
  });

  it('keeps no personal data by default', async () => {
    const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
    expect(launchConfigOf(flow.page).user).toEqual({});
    const stored = JSON.stringify(await s.tool.running.ctx.db.connection.db!.collection('launch_sessions').find().toArray());
    expect(stored).not.toMatch(/Léa|Bernard|lea\.bernard/);
  });

  describe('clock skew (60 s tolerance)', () => {
    it.each([
      ['50 s ahead', 50_000, undefined],
      ['50 s behind (expired 50 s ago)', -110_000, undefined],
      ['70 s ahead', 70_000, 'LTI_ID_TOKEN_NOT_YET_VALID'],
      ['70 s behind (expired 70 s ago)', -130_000, 'LTI_ID_TOKEN_EXPIRED'],
    ])('platform clock %s', async (_label, offsetMs, code) => {
      s.sim.setClockOffset(offsetMs);
      try {
        const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
        if (code) expect(refusalOf(flow.page)).toBe(code);
        else expect(launchConfigOf(flow.page).view).toBe('learner');
      } finally {
        s.sim.setClockOffset(0);
      }
    });
  });
});

describe('privacy opt-ins, each with its own registration', () => {
  it.each([
    ['only e-mail', { sendEmail: true }, { email: 'lea.bernard@example.org' }, ['Léa']],
    ['only names', { sendNames: true }, { displayName: 'Léa Bernard' }, ['lea.bernard@example.org']],
  ])('%s', async (_label, privacy, expected, absent) => {
    const s = await startScenario(privacy);
    try {
      const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
      const token = launchConfigOf(flow.page).token as string;
      const stored = await s.tool.running.ctx.db.connection.db!.collection('launch_sessions').findOne({});
      const user = stored!.user as Record<string, unknown>;
      if ('email' in expected) expect(user.email).toBe(expected.email);
      else expect(user.email).toBeUndefined();
      if ('displayName' in expected) expect((await apiSession(s, token)).body.user).toMatchObject({ displayName: expected.displayName });
      for (const value of absent) expect(JSON.stringify(stored)).not.toContain(value);
    } finally {
      await s.stop();
    }
  });
});
