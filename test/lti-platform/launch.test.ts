import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { LtiBrowser } from './browser/lti-browser.js';
import { deepLinkAs, launchAs } from './browser/lti-flows.js';
import { CLAIM, SCOPE } from './lti/claims.js';
import { LTI_ROLES } from './model/roles.js';
import { startFixture, type Fixture } from './testing/fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.stop();
  fx = undefined;
});

describe('a resource-link launch over real HTTP', () => {
  it('runs login initiation → tool → auth → tool and delivers a Moodle-shaped id_token', async () => {
    fx = await startFixture();
    const student = fx.students[0]!;
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: student.id, activityId: fx.activity.id });

    expect(flow.page.status).toBe(200);
    expect(flow.page.document().querySelector('h1')?.text).toBe('Lancé');
    expect(flow.loginInitiation).toEqual({
      iss: fx.sim.issuer,
      target_link_uri: fx.tool.launchUrl,
      login_hint: student.id,
      lti_message_hint: expect.stringMatching(new RegExp(`^\\{"cmid":${fx.activity.cmid},"launchid":"ltilaunch${fx.activity.id}_\\d+"\\}$`)),
      client_id: fx.registration.clientId,
      lti_deployment_id: fx.registration.id,
    });
    expect(flow.steps.map((s) => s.next)).toEqual(['redirect', 'auto-submit', 'redirect', 'auto-submit', 'end']);

    const header = decodeProtectedHeader(flow.idToken!);
    expect(header).toEqual({ alg: 'RS256', kid: fx.sim.jwks().keys[0]!.kid });
    const claims = fx.tool.launches[0]!.claims;
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(claims.aud).toBe(fx.registration.clientId);
    expect(claims.sub).toBe(student.id);
    expect(claims[CLAIM.messageType]).toBe('LtiResourceLinkRequest');
    expect(claims[CLAIM.version]).toBe('1.3.0');
    expect(claims[CLAIM.deploymentId]).toBe(fx.registration.id);
    expect(claims[CLAIM.roles]).toEqual([LTI_ROLES.learner]);
    expect(claims[CLAIM.context]).toEqual({ id: fx.course.id, label: '3B-NUM', title: '3e B — Numérique', type: ['CourseSection'] });
    expect(claims[CLAIM.resourceLink]).toEqual({ id: fx.activity.id, title: 'Évaluation Pix', description: 'Première ligne\r\nSeconde ligne' });
    expect(claims[CLAIM.launchPresentation]).toMatchObject({ locale: 'fr', document_target: 'iframe' });
    expect(claims[CLAIM.lis]).toEqual({ person_sourcedid: 'E-101', course_section_sourcedid: 'COURSE-3B' });
    expect(claims[CLAIM.toolPlatform]).toMatchObject({ family_code: 'moodle', version: '2024100700' });
    expect(claims[CLAIM.ext]).toEqual({ lms: 'moodle-2' });
    const ags = claims[CLAIM.agsEndpoint] as { scope: string[]; lineitems: string; lineitem: string };
    expect(ags.scope).toEqual([SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score].sort());
    expect(ags.lineitems).toBe(`${fx.sim.url}/mod/lti/services.php/${fx.course.id}/lineitems?type_id=${fx.registration.id}`);
    expect(ags.lineitem).toMatch(new RegExp(`/mod/lti/services.php/${fx.course.id}/lineitems/\\d+/lineitem\\?type_id=${fx.registration.id}$`));
    expect(claims[CLAIM.nrps]).toEqual({
      context_memberships_url: `${fx.sim.url}/mod/lti/services.php/CourseSection/${fx.course.id}/bindings/${fx.registration.id}/memberships`,
      service_versions: ['1.0', '2.0'],
    });
    // Privacy: no names, no e-mail by default.
    expect(claims).not.toHaveProperty('name');
    expect(claims).not.toHaveProperty('email');
  });

  it('sends names (with ext.user_username) and e-mail only when the tool is allowed to have them', async () => {
    fx = await startFixture({ registration: { sendName: true, sendEmail: false } });
    await launchAs(new LtiBrowser(), fx.sim, { userId: fx.teacher.id, activityId: fx.activity.id });
    const claims = fx.tool.launches[0]!.claims;
    expect(claims).toMatchObject({ given_name: 'Claire', family_name: 'Martin', name: 'Claire Martin' });
    expect(claims).not.toHaveProperty('email');
    expect(claims[CLAIM.ext]).toEqual({ user_username: 'claire.martin', lms: 'moodle-2' });

    fx.registration.sendName = false;
    fx.registration.sendEmail = true;
    await launchAs(new LtiBrowser(), fx.sim, { userId: fx.teacher.id, activityId: fx.activity.id });
    const second = fx.tool.launches[1]!.claims;
    expect(second.email).toBe('claire.martin@example.org');
    expect(second).not.toHaveProperty('given_name');
  });

  it('maps roles as Moodle 4.x does: teachers are Instructors, admins Instructor + administrator roles', async () => {
    fx = await startFixture();
    const roles = async (userId: string) => {
      await launchAs(new LtiBrowser(), fx!.sim, { userId, activityId: fx!.activity.id });
      return fx!.tool.launches.at(-1)!.claims[CLAIM.roles];
    };
    expect(await roles(fx.teacher.id)).toEqual([LTI_ROLES.instructor]);
    expect(await roles(fx.nonEditingTeacher.id)).toEqual([LTI_ROLES.instructor]);
    expect(await roles(fx.admin.id)).toEqual([LTI_ROLES.institutionAdministrator, LTI_ROLES.instructor, LTI_ROLES.systemAdministrator]);
  });

  it('maps roles as newer Moodle does when asked (TeachingAssistant, the odd system/institution URI)', async () => {
    fx = await startFixture({ simulator: { roleMapping: 'moodle-5' } });
    await launchAs(new LtiBrowser(), fx.sim, { userId: fx.nonEditingTeacher.id, activityId: fx.activity.id });
    expect(fx.tool.launches[0]!.claims[CLAIM.roles]).toEqual([LTI_ROLES.teachingAssistant]);
    await launchAs(new LtiBrowser(), fx.sim, { userId: fx.admin.id, activityId: fx.activity.id });
    expect(fx.tool.launches[1]!.claims[CLAIM.roles]).toEqual([LTI_ROLES.membershipAdministrator, LTI_ROLES.systemAdministrator, LTI_ROLES.systemInstitutionAdministrator].sort());
  });

  it('refuses a user who is not enrolled before any message leaves the platform', async () => {
    fx = await startFixture();
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.outsider.id, activityId: fx.activity.id });
    expect(flow.page.status).toBe(403);
    expect(flow.loginInitiation).toBeUndefined();
    expect(fx.tool.launches).toHaveLength(0);
  });
});

describe('the auth endpoint’s checks', () => {
  it('shows an invalidrequest page, and posts nothing back, when redirect_uri is not exactly a registered one', async () => {
    fx = await startFixture({ tool: { redirectUriOverride: 'REPLACED' } });
    fx.tool.options.redirectUriOverride = `${fx.tool.launchUrl}/`;
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.page.status).toBe(400);
    expect(flow.page.document().querySelector('[data-error-code]')?.getAttribute('data-error-code')).toBe('invalidrequest');
    expect(flow.idToken).toBeUndefined();
    expect(flow.steps.at(-1)!.url).toContain('/mod/lti/auth.php');
    expect(fx.sim.events('auth-refused').at(-1)!.detail.reason).toMatch(/redirect_uri/);
  });

  it('posts access_denied back to the tool when login_hint is not the logged-in user', async () => {
    fx = await startFixture({ tool: { authParams: {} } });
    fx.tool.options.authParams = { login_hint: fx.students[1]!.id };
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.authError).toEqual({ error: 'access_denied', error_description: undefined });
    expect(flow.idToken).toBeUndefined();
    expect(fx.tool.failures).toEqual(['platform error: access_denied']);
  });

  it.each([
    [{ response_mode: 'query' }, 'invalid_request', 'Invalid response_mode'],
    [{ prompt: 'login' }, 'invalid_request', 'Invalid prompt'],
  ])('posts %j back as %s (%s)', async (params, error, description) => {
    fx = await startFixture();
    fx.tool.options.authParams = params;
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.authError).toEqual({ error, error_description: description });
  });

  it('ends on the error page when a check fails before the tool is known (scope) or the client id is another tool’s', async () => {
    fx = await startFixture();
    fx.tool.options.authParams = { scope: 'openid profile' };
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.page.status).toBe(400);
    expect(flow.authError).toBeUndefined();

    fx.tool.options.authParams = { client_id: 'someone-else' };
    const second = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(second.authError?.error).toBe('unauthorized_client');
  });

  it('accepts each launch id once: replaying the authentication request fails', async () => {
    fx = await startFixture();
    const browser = new LtiBrowser();
    const flow = await launchAs(browser, fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.idToken).toBeDefined();
    const replay = await browser.request({ method: 'GET', url: flow.authRequest!.url });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('invalidrequest');
  });

  it('answers a request without the platform session with Moodle’s cross-site re-post page', async () => {
    fx = await startFixture();
    const browser = new LtiBrowser();
    const flow = await launchAs(browser, fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    const anonymous = new LtiBrowser();
    const nav = await anonymous.navigate({ method: 'POST', url: `${fx.sim.url}/mod/lti/auth.php`, form: flow.authRequest!.params });
    expect(nav.steps.map((s) => s.status)).toEqual([200, 401]);
    expect(nav.steps[1]!.sent).toMatchObject({ repost: 'true', scope: 'openid' });
  });

  it('lets a test rewrite the next id_token (attack payloads built on a real flow)', async () => {
    fx = await startFixture();
    fx.sim.interceptIdTokens(({ claims }) => ({ claims: { ...claims, aud: 'someone-else' } }));
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.page.status).toBe(401);
    expect(fx.tool.failures[0]).toMatch(/aud/);
    const again = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(again.page.status).toBe(200);
  });
});

describe('deep-linking requests', () => {
  it('go only to editing teachers, with Moodle’s settings claim', async () => {
    fx = await startFixture();
    const refused = await deepLinkAs(new LtiBrowser(), fx.sim, { userId: fx.nonEditingTeacher.id, courseId: fx.course.id, toolId: fx.registration.id });
    expect(refused.page.status).toBe(403);
    expect(refused.loginInitiation).toBeUndefined();

    const flow = await deepLinkAs(new LtiBrowser(), fx.sim, { userId: fx.teacher.id, courseId: fx.course.id, toolId: fx.registration.id });
    expect(flow.page.status).toBe(200);
    expect(JSON.parse(flow.loginInitiation!.lti_message_hint!)).toEqual({ launchid: expect.stringMatching(/^ltilaunch_ContentItemSelectionRequest\d+$/) });
    const claims = fx.tool.launches[0]!.claims;
    expect(claims[CLAIM.messageType]).toBe('LtiDeepLinkingRequest');
    expect(claims).not.toHaveProperty(CLAIM.resourceLink);
    expect(claims[CLAIM.roles]).toEqual([LTI_ROLES.instructor]);
    const settings = claims[CLAIM.deepLinkingSettings] as Record<string, unknown>;
    expect(settings).toEqual({
      accept_copy_advice: false,
      accept_multiple: true,
      accept_presentation_document_targets: ['frame', 'iframe', 'window'],
      accept_types: ['ltiResourceLink'],
      accept_unsigned: false,
      auto_create: false,
      can_confirm: false,
      deep_link_return_url: expect.stringMatching(new RegExp(`^${fx.sim.url}/mod/lti/contentitem_return\\.php\\?course=${fx.course.id}&id=${fx.registration.id}&sesskey=\\w+$`)),
      title: 'Outil de test',
      text: '',
    });
    expect((claims[CLAIM.agsEndpoint] as Record<string, unknown>).lineitem).toBeUndefined();
  });

  it('carry `data` only when a test asks for it', async () => {
    fx = await startFixture();
    await deepLinkAs(new LtiBrowser(), fx.sim, { userId: fx.teacher.id, courseId: fx.course.id, toolId: fx.registration.id, data: 'opaque-123' });
    expect((fx.tool.launches[0]!.claims[CLAIM.deepLinkingSettings] as Record<string, unknown>).data).toBe('opaque-123');
  });
});

describe('the browser’s cookie policy', () => {
  it('with third-party cookies blocked, a tool that keeps its state in a cookie fails inside the LMS frame', async () => {
    fx = await startFixture();
    const blocked = await launchAs(new LtiBrowser({ thirdPartyCookies: 'blocked' }), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(blocked.page.status).toBe(401);
    expect(fx.tool.failures).toEqual(['state cookie missing or different']);
    // The platform's own (first-party) session still worked: the id_token was issued.
    expect(blocked.idToken).toBeDefined();
  });

  it('blockCookiesFor drops an origin’s cookies; a cookie-less tool still launches', async () => {
    fx = await startFixture({ tool: { stateCookie: false } });
    const browser = new LtiBrowser();
    browser.blockCookiesFor(fx.tool.url);
    const flow = await launchAs(browser, fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(flow.page.status).toBe(200);
    expect(browser.cookies(fx.tool.url)).toBe('');
    expect(browser.cookies(fx.sim.url)).toMatch(/MoodleSession=/);
  });
});
