import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deepLinkAs, launchAs, LtiBrowser, startPlatformSimulator, type IdTokenInterceptor } from '../lti-platform/index.js';
import { browserFor, launchConfigOf, refusalOf, startScenario, type Scenario } from './support/scenario.js';

const C = 'https://purl.imsglobal.org/spec/lti/claim/';

/**
 * Attacks on the launch, each through the real flow (simulated Éléa → tool over HTTP):
 * each must be refused with its named code and leave nothing behind — no launch
 * session, no parked launch, no learner data.
 */
describe('attack suite', () => {
  let s: Scenario;
  let sessionsBefore: number;
  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(async () => {
    await s.stop();
  });
  beforeEach(async () => {
    sessionsBefore = await s.count('launch_sessions');
  });

  async function expectNothingStored(): Promise<void> {
    expect(await s.count('launch_sessions')).toBe(sessionsBefore);
    const parked = await s.tool.running.ctx.db.connection.db!.collection('lti_login_states').countDocuments({ pending: { $exists: true } });
    expect(parked).toBe(0);
  }

  async function launchWith(intercept: IdTokenInterceptor, userId = s.student.id) {
    s.sim.interceptIdTokens(intercept);
    return launchAs(browserFor().browser, s.sim, { userId, activityId: s.activity.id });
  }

  const without = (claims: JWTPayload, ...names: string[]) => Object.fromEntries(Object.entries(claims).filter(([k]) => !names.includes(k)));
  const now = () => Math.floor(Date.now() / 1000);

  describe('the 1EdTech certification invalid payloads', () => {
    it.each<[string, IdTokenInterceptor, string]>([
      ['no kid', ({ claims }) => ({ claims, header: { kid: undefined } }), 'LTI_ID_TOKEN_KID_MISSING'],
      ['an unknown kid', ({ claims }) => ({ claims, signWith: 'unknown-key' }), 'LTI_ID_TOKEN_KID_UNKNOWN'],
      ['a wrong LTI version', ({ claims }) => ({ claims: { ...claims, [`${C}version`]: '1.1' } }), 'LTI_VERSION_INVALID'],
      ['no LTI version', ({ claims }) => ({ claims: without(claims, `${C}version`) }), 'LTI_VERSION_INVALID'],
      ['a JWT that is not LTI', ({ claims }) => ({ claims: Object.fromEntries(Object.entries(claims).filter(([k]) => !k.startsWith('https://purl.imsglobal.org/spec/lti'))) }), 'LTI_ID_TOKEN_NOT_LTI'],
      ['no aud', ({ claims }) => ({ claims: without(claims, 'aud') }), 'LTI_ID_TOKEN_AUDIENCE_MISMATCH'],
      ['no iss', ({ claims }) => ({ claims: without(claims, 'iss') }), 'LTI_ID_TOKEN_ISSUER_MISMATCH'],
      ['no sub', ({ claims }) => ({ claims: without(claims, 'sub') }), 'LTI_CLAIM_MISSING'],
      ['no deployment_id', ({ claims }) => ({ claims: without(claims, `${C}deployment_id`) }), 'LTI_CLAIM_MISSING'],
      ['no roles', ({ claims }) => ({ claims: without(claims, `${C}roles`) }), 'LTI_CLAIM_MISSING'],
      ['no message_type', ({ claims }) => ({ claims: without(claims, `${C}message_type`) }), 'LTI_MESSAGE_TYPE_INVALID'],
      ['no resource_link', ({ claims }) => ({ claims: without(claims, `${C}resource_link`) }), 'LTI_CLAIM_MISSING'],
      ['a bad iat (an hour ahead)', ({ claims }) => ({ claims: { ...claims, iat: now() + 3600, exp: now() + 3660 } }), 'LTI_ID_TOKEN_NOT_YET_VALID'],
      ['a bad exp (an hour ago)', ({ claims }) => ({ claims: { ...claims, iat: now() - 3660, exp: now() - 3600 } }), 'LTI_ID_TOKEN_EXPIRED'],
    ])('refuses %s', async (_label, intercept, code) => {
      const flow = await launchWith(intercept);
      expect(refusalOf(flow.page)).toBe(code);
      expect(flow.page.status).toBeGreaterThanOrEqual(400);
      await expectNothingStored();
    });
  });

  describe('forged tokens', () => {
    it.each<[string, IdTokenInterceptor, string]>([
      ['alg none', ({ claims }) => ({ claims, signWith: 'none' }), 'LTI_ID_TOKEN_ALG_NOT_ALLOWED'],
      ['HS256 keyed with the platform public key', ({ claims }) => ({ claims, signWith: { hs256Secret: 'platform-public-key' } }), 'LTI_ID_TOKEN_ALG_NOT_ALLOWED'],
      ['a wrong aud', ({ claims }) => ({ claims: { ...claims, aud: 'another-client' } }), 'LTI_ID_TOKEN_AUDIENCE_MISMATCH'],
      ['an azp that is not us', ({ claims }) => ({ claims: { ...claims, aud: [claims.aud as string, 'another-client'], azp: 'another-client' } }), 'LTI_ID_TOKEN_AZP_MISMATCH'],
      ['several audiences and no azp', ({ claims }) => ({ claims: { ...claims, aud: [claims.aud as string, 'another-client'] } }), 'LTI_ID_TOKEN_AZP_MISMATCH'],
      ['an unknown deployment', ({ claims }) => ({ claims: { ...claims, [`${C}deployment_id`]: '999' } }), 'LTI_DEPLOYMENT_UNKNOWN'],
      ['an expired token', ({ claims }) => ({ claims: { ...claims, iat: now() - 300, exp: now() - 240 } }), 'LTI_ID_TOKEN_EXPIRED'],
      ['another platform’s issuer', ({ claims }) => ({ claims: { ...claims, iss: 'https://elea.ac-ailleurs.fr' } }), 'LTI_ID_TOKEN_ISSUER_MISMATCH'],
    ])('refuses %s', async (_label, intercept, code) => {
      expect(refusalOf((await launchWith(intercept)).page)).toBe(code);
      await expectNothingStored();
    });

    it('refuses a token signed with another tenant’s key under our platform’s kid', async () => {
      const other = await startPlatformSimulator();
      try {
        const login = await toolLogin();
        const claims = s.sim.idTokenClaims({ userId: s.student.id, nonce: login.nonce, activityId: s.activity.id });
        const forged = await other.signToken(claims, { header: { kid: s.sim.jwks().keys[0]!.kid } });
        const page = await login.browser.request({ method: 'POST', url: `${s.tool.url}/lti/launch`, form: { id_token: forged, state: login.state } });
        expect(refusalOf(page)).toBe('LTI_ID_TOKEN_SIGNATURE_INVALID');
        await expectNothingStored();
      } finally {
        await other.stop();
      }
    });
  });

  /** A login at the tool as the platform's frame makes it; returns what the page holds. */
  async function toolLogin(browser = new LtiBrowser()) {
    const page = await browser.request({
      method: 'POST',
      url: `${s.tool.url}/lti/login`,
      form: { iss: s.sim.issuer, login_hint: s.student.id, target_link_uri: `${s.tool.url}/lti/launch`, client_id: (await registration()).clientId, lti_deployment_id: s.toolId },
    });
    const form = page.form({ id: 'pix-lti-continue' })!;
    return { browser, state: form.fields.state!, nonce: form.fields.nonce!, page };
  }
  const registration = () => s.tool.lti.registrations.get(s.registrationId);

  describe('replays and cross-browser launches', () => {
    it('refuses a replayed id_token', async () => {
      const { browser } = browserFor();
      const flow = await launchAs(browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
      expect(launchConfigOf(flow.page).view).toBe('learner');
      sessionsBefore = await s.count('launch_sessions');
      const replay = await browser.request({ method: 'POST', url: flow.redirectUri!, form: { id_token: flow.idToken!, state: flow.state! } });
      expect(refusalOf(replay)).toBe('LTI_ID_TOKEN_REPLAYED');
      await expectNothingStored();
    });

    it('refuses a reused nonce under a fresh state', async () => {
      const first = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
      const usedNonce = JSON.parse(Buffer.from(first.idToken!.split('.')[1]!, 'base64url').toString()).nonce as string;
      sessionsBefore = await s.count('launch_sessions');
      const flow = await launchWith(({ claims }) => ({ claims: { ...claims, nonce: usedNonce } }));
      expect(refusalOf(flow.page)).toBe('LTI_NONCE_REUSED');
      await expectNothingStored();
    });

    it('refuses a nonce that is not the one sent with the state', async () => {
      const flow = await launchWith(({ claims }) => ({ claims: { ...claims, nonce: 'a-nonce-of-another-login' } }));
      expect(refusalOf(flow.page)).toBe('LTI_NONCE_MISMATCH');
      await expectNothingStored();
    });

    it('refuses a state started in another browser (login CSRF), cookie or not', async () => {
      const attacker = await toolLogin();
      const token = await s.sim.signToken(s.sim.idTokenClaims({ userId: s.student.id, nonce: attacker.nonce, activityId: s.activity.id }));
      // The victim's browser is made to post the attacker's launch: no cookie and no stored secret for that state.
      const { browser: victim } = browserFor('allowed');
      victim.topLevelOrigin = s.sim.url;
      const nav = await victim.navigate({ method: 'POST', url: `${s.tool.url}/lti/launch`, form: { id_token: token, state: attacker.state } });
      expect(refusalOf(nav.page)).toBe('LTI_STATE_MISMATCH');
      await expectNothingStored();
      const forgedState = await victim.request({ method: 'POST', url: `${s.tool.url}/lti/launch`, form: { id_token: token, state: 'made-up-state' } });
      expect(refusalOf(forgedState)).toBe('LTI_STATE_UNKNOWN');
    });
  });

  describe('tenants and roles', () => {
    it('refuses a pending platform at login, storing no state', async () => {
      const pending = await startScenario({ status: 'pending' });
      try {
        const states = await pending.count('lti_login_states');
        const flow = await launchAs(browserFor().browser, pending.sim, { userId: pending.student.id, activityId: pending.activity.id });
        expect(refusalOf(flow.page)).toBe('LTI_PLATFORM_NOT_ACTIVE');
        expect(await pending.count('lti_login_states')).toBe(states);
        expect(await pending.count('launch_sessions')).toBe(0);
      } finally {
        await pending.stop();
      }
    });

    it('never grants a role through custom parameters', async () => {
      const activity = s.sim.addActivity({
        courseId: s.course.id,
        toolId: s.toolId,
        name: 'Piégée',
        instructorCustomParameters: { pix_activity: 'campaign:ABCDEF123', roles: 'Instructor', role: 'Administrator', pix_role: 'instructor', is_admin: 'true' },
      });
      const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: activity.id });
      const config = launchConfigOf(flow.page);
      expect(config.view).toBe('learner');
      const me = await fetch(`${s.tool.url}/api/lti/session`, { headers: { authorization: `Bearer ${config.token as string}` } });
      expect(((await me.json()) as { roles: unknown }).roles).toEqual({ learner: true, instructor: false, administrator: false });
    });

    it('refuses a deep-link response aimed at a foreign return URL', async () => {
      const flow = await deepLinkAs(browserFor().browser, s.sim, { userId: s.teacher.id, courseId: s.course.id, toolId: s.toolId });
      const config = launchConfigOf(flow.page);
      expect(config.view).toBe('deep-linking');
      const res = await fetch(`${s.tool.url}/api/lti/deep-linking/response`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.token as string}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: [], returnUrl: 'https://evil.example.org/collect' }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('DEEP_LINKING_RETURN_URL_FOREIGN');
    });

    it('refuses a deep-linking request from a student', async () => {
      const flow = await launchWith(({ claims }) => {
        const dl = s.sim.idTokenClaims({ userId: s.student.id, nonce: claims.nonce as string, deepLinking: { courseId: s.course.id, toolId: s.toolId } });
        return { claims: { ...dl, [`${C}roles`]: claims[`${C}roles`] } };
      });
      expect(refusalOf(flow.page)).toBe('LTI_DEEP_LINKING_NOT_ALLOWED');
      await expectNothingStored();
    });
  });
});
