import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LtiBrowser } from './browser/lti-browser.js';
import { deepLinkAs, launchAs } from './browser/lti-flows.js';
import { CLAIM, SCOPE } from './lti/claims.js';
import { startPlatformSimulator, type PlatformSimulator } from './simulator.js';
import { FakeTool } from './testing/fake-tool.js';
import { startFixture, type Fixture } from './testing/fixture.js';

let fx: Fixture | undefined;
let stoppers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await fx?.stop();
  fx = undefined;
  for (const stop of stoppers) await stop();
  stoppers = [];
});

async function startDeepLinking(f: Fixture, data?: string) {
  const browser = new LtiBrowser();
  await deepLinkAs(browser, f.sim, { userId: f.teacher.id, courseId: f.course.id, toolId: f.registration.id, data });
  const settings = f.tool.launches.at(-1)!.claims[CLAIM.deepLinkingSettings] as { deep_link_return_url: string; data?: string };
  return { browser, settings };
}

function responseClaims(f: Fixture, items: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: f.registration.clientId,
    aud: f.sim.issuer,
    iat: now,
    exp: now + 60,
    nonce: randomBytes(8).toString('hex'),
    [CLAIM.deploymentId]: f.registration.id,
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.contentItems]: items,
    ...overrides,
  };
}

const pixItem = (f: Fixture, n: number) => ({
  type: 'ltiResourceLink',
  title: `Parcours Pix ${n}`,
  text: 'Compétences numériques',
  url: f.tool.launchUrl,
  custom: { activity_id: `act-${n}` },
  lineItem: { label: `Parcours ${n}`, scoreMaximum: 20, resourceId: `pix-${n}`, tag: 'pix' },
});

describe('the deep-linking return', () => {
  it('turns ltiResourceLink items into activities with gradebook columns, then launches them with the custom parameters', async () => {
    fx = await startFixture();
    const { browser, settings } = await startDeepLinking(fx, 'opaque-42');
    const jwt = await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1), pixItem(fx, 2), { type: 'html', html: '<p>non</p>' }], { [CLAIM.dlData]: 'opaque-42' }));
    const nav = await browser.navigate({ method: 'POST', url: settings.deep_link_return_url, form: { JWT: jwt } });
    expect(nav.page.status).toBe(200);
    const ids = nav.page.document().querySelectorAll('#created li').map((li) => li.getAttribute('data-activity-id')!);
    expect(ids).toHaveLength(2);
    expect(nav.page.text()).toContain('Éléments ignorés (type non pris en charge) : html');

    const activity = fx.sim.platform.site.mustActivity(ids[1]!);
    expect(activity).toMatchObject({ name: 'Parcours Pix 2', intro: 'Compétences numériques', toolUrl: fx.tool.launchUrl, instructorCustomParameters: { activity_id: 'act-2' } });
    const column = fx.sim.lineItems(fx.course.id).find((i) => i.activityId === activity.id)!;
    expect(column).toMatchObject({ itemtype: 'mod', grademax: 20, itemname: 'Parcours Pix 2', gbs: { resourceId: 'pix-2', tag: 'pix', ltiLinkId: activity.id } });

    await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: activity.id });
    const claims = fx.tool.launches.at(-1)!.claims;
    expect(claims[CLAIM.custom]).toEqual({ activity_id: 'act-2' });
    expect((claims[CLAIM.agsEndpoint] as { lineitem: string }).lineitem).toContain(`/lineitems/${column.id}/lineitem`);
  });

  it.each([
    ['aud', { aud: 'https://someone-else.example' }],
    ['nonce', { nonce: undefined }],
    ['deployment_id', { [CLAIM.deploymentId]: '999' }],
    ['message_type', { [CLAIM.messageType]: 'LtiResourceLinkRequest' }],
    ['version', { [CLAIM.version]: '1.1' }],
    ['data', { [CLAIM.dlData]: 'forged' }],
    ['errorincorrectconsumerkey', { iss: 'another-client' }],
  ])('refuses a response with a bad %s and creates nothing', async (check, overrides) => {
    fx = await startFixture();
    const { browser, settings } = await startDeepLinking(fx, 'opaque-42');
    const before = fx.sim.platform.site.activities.size;
    const jwt = await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)], { [CLAIM.dlData]: 'opaque-42', ...overrides }));
    const nav = await browser.navigate({ method: 'POST', url: settings.deep_link_return_url, form: { JWT: jwt } });
    expect(nav.page.status).toBe(400);
    expect(nav.page.document().querySelector('[data-error-code]')?.getAttribute('data-error-code')).toBe(check);
    expect(fx.sim.platform.site.activities.size).toBe(before);
  });

  it('refuses a bad signature, an expired response, a replayed nonce and an item URL that is not a redirect URI', async () => {
    fx = await startFixture();
    const post = async (jwt: string) => {
      const { browser, settings } = await startDeepLinking(fx!);
      return (await browser.navigate({ method: 'POST', url: settings.deep_link_return_url, form: { JWT: jwt } })).page;
    };
    expect((await post(await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)]), { unpublishedKey: true }))).text()).toContain('Signature verification failed');
    const now = Math.floor(Date.now() / 1000);
    expect((await post(await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)], { iat: now - 120, exp: now - 1 })))).text()).toContain('Expired token');
    const once = await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)], { nonce: 'same-nonce' }));
    expect((await post(once)).status).toBe(200);
    expect((await post(await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)], { nonce: 'same-nonce' })))).status).toBe(400);
    const foreign = await post(await fx.tool.sign(responseClaims(fx, [{ ...pixItem(fx, 1), url: 'https://evil.example/launch' }])));
    expect(foreign.document().querySelector('[data-error-code]')?.getAttribute('data-error-code')).toBe('url');
  });

  it('in moodle mode accepts what Moodle accepts (no aud, nonce or deployment checks)', async () => {
    fx = await startFixture({ simulator: { deepLinkingChecks: 'moodle' } });
    const { browser, settings } = await startDeepLinking(fx);
    const jwt = await fx.tool.sign(responseClaims(fx, [pixItem(fx, 1)], { aud: 'whatever', nonce: undefined, [CLAIM.deploymentId]: 'x' }));
    expect((await browser.navigate({ method: 'POST', url: settings.deep_link_return_url, form: { JWT: jwt } })).page.status).toBe(200);
  });
});

describe('dynamic registration', () => {
  async function setup(): Promise<{ sim: PlatformSimulator; tool: FakeTool }> {
    const sim = await startPlatformSimulator();
    const tool = await new FakeTool({ platform: { issuer: sim.issuer, authorizationEndpoint: sim.endpoints.authorization, jwksUri: sim.endpoints.jwks } }).start();
    stoppers.push(() => tool.stop(), () => sim.stop());
    return { sim, tool };
  }

  function toolConfiguration(tool: FakeTool, overrides: Record<string, unknown> = {}, configOverrides: Record<string, unknown> = {}) {
    return {
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: tool.loginUrl,
      redirect_uris: [tool.launchUrl],
      client_name: 'Pix',
      jwks_uri: tool.jwksUrl,
      token_endpoint_auth_method: 'private_key_jwt',
      scope: [SCOPE.lineItem, SCOPE.score, SCOPE.nrps].join(' '),
      [CLAIM.toolConfiguration]: {
        domain: new URL(tool.url).host,
        target_link_uri: tool.launchUrl,
        claims: ['iss', 'sub'],
        messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${tool.url}/deep-link` }],
        ...configOverrides,
      },
      ...overrides,
    };
  }

  async function postRegistration(sim: PlatformSimulator, token: string, body: unknown) {
    const response = await fetch(sim.endpoints.registration, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  }

  it('serves Moodle’s openid-configuration', async () => {
    const { sim } = await setup();
    const config = (await (await fetch(sim.endpoints.openidConfiguration)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: sim.issuer,
      authorization_endpoint: sim.endpoints.authorization,
      token_endpoint: sim.endpoints.token,
      jwks_uri: sim.endpoints.jwks,
      registration_endpoint: sim.endpoints.registration,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
      [CLAIM.platformConfiguration]: { product_family_code: 'moodle', messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }] },
    });
  });

  it('registers a tool as pending, answers with client_id and deployment_id, and maps scopes and claims', async () => {
    const { sim, tool } = await setup();
    const start = await sim.startDynamicRegistration(`${tool.url}/register`);
    const url = new URL(start.url);
    expect(url.searchParams.get('openid_configuration')).toBe(sim.endpoints.openidConfiguration);
    const { status, text } = await postRegistration(sim, url.searchParams.get('registration_token')!, toolConfiguration(tool));
    expect(status).toBe(200);
    const answer = JSON.parse(text) as Record<string, unknown>;
    const registered = sim.pendingTools()[0]!;
    expect(answer).toMatchObject({ client_id: start.clientId, redirect_uris: [tool.launchUrl], [CLAIM.toolConfiguration]: { deployment_id: registered.id, claims: ['sub', 'iss'] } });
    expect(registered).toMatchObject({ state: 'pending', clientId: start.clientId, gradeSync: 2, memberships: true, contentItem: true, deepLinkingUrl: `${tool.url}/deep-link`, sendName: false, sendEmail: false });

    // Pending: no launch until an admin activates it.
    tool.clientId = registered.clientId;
    const course = sim.addCourse({ shortname: 'T2', fullname: 'Terminale 2' });
    const student = sim.addUser({ firstname: 'Zoé', lastname: 'Roux' });
    sim.enrol(student.id, course.id, 'student');
    const activity = sim.addActivity({ courseId: course.id, toolId: registered.id, name: 'Pix' });
    expect((await launchAs(new LtiBrowser(), sim, { userId: student.id, activityId: activity.id })).page.status).toBe(403);
    sim.activateTool(registered.id);
    expect((await launchAs(new LtiBrowser(), sim, { userId: student.id, activityId: activity.id })).page.status).toBe(200);

    // The token is spent.
    expect(await postRegistration(sim, url.searchParams.get('registration_token')!, toolConfiguration(tool))).toEqual({ status: 401, text: 'token_already_used' });
  });

  it.each([
    ['missing required attribute redirect_uris', { redirect_uris: undefined }, {}],
    ['missing required attribute jwks_uri', { jwks_uri: undefined }, {}],
    ['missing_domain', {}, { domain: undefined }],
    ['domain_targetlinkuri_mismatch', {}, { domain: 'other.example' }],
    ['invalid_response_types', { response_types: ['code'] }, {}],
    ['invalid_redirect_uris', { redirect_uris: 'http://x/launch' }, {}],
    ['invalid_token_endpoint_auth_method', { token_endpoint_auth_method: 'client_secret_basic' }, {}],
    ['invalid_application_type', { application_type: 'native' }, {}],
  ])('refuses with 400 %s', async (message, overrides, configOverrides) => {
    const { sim, tool } = await setup();
    const start = await sim.startDynamicRegistration(`${tool.url}/register`);
    expect(await postRegistration(sim, start.registrationToken, toolConfiguration(tool, overrides, configOverrides))).toEqual({ status: 400, text: message });
    expect(sim.pendingTools()).toEqual([]);
  });

  it('refuses a registration without a valid registration token', async () => {
    const { sim, tool } = await setup();
    expect((await postRegistration(sim, 'nope', toolConfiguration(tool))).status).toBe(401);
    const forged = await sim.signToken({ sub: 'x', scope: 'reg' }, { signWith: 'unknown-key' });
    expect((await postRegistration(sim, forged, toolConfiguration(tool))).status).toBe(401);
    const wrongScope = await sim.signToken({ sub: 'x', scope: 'other' });
    expect(await postRegistration(sim, wrongScope, toolConfiguration(tool))).toEqual({ status: 403, text: 'Incorrect scope' });
    const expired = await sim.signToken({ sub: 'x', scope: 'reg', iat: 1, exp: 2 });
    expect(await postRegistration(sim, expired, toolConfiguration(tool))).toEqual({ status: 401, text: 'Expired token' });
  });
});
