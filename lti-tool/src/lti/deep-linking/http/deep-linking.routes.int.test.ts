import { createLocalJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../registrations/domain/registration.js';
import { ROLE, TestPlatform } from '../../testing/test-platform.js';
import { errorCodeOf, hiddenInputs, launchConfigOf, loginAt, registerTestPlatform, startTestTool, TOOL_URL, type TestTool } from '../../testing/test-tool.js';
import { FakeActivityCatalog } from '../testing/fake-activity-catalog.js';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

describe('deep linking', () => {
  let tool: TestTool;
  let platform: TestPlatform;
  let registration: Registration;
  const catalog = new FakeActivityCatalog(() => [
    { ref: { type: 'campaign', id: 'ABCDEF123' }, title: 'Rechercher et veiller', text: 'Campagne 3e', scoreMaximum: 20, competences: ['1.1'] },
    { ref: { type: 'competence-evaluation', id: 'c2-1' }, title: 'Interagir', scoreMaximum: 100 },
  ]);

  beforeAll(async () => {
    tool = await startTestTool('deep_linking');
    platform = await TestPlatform.start();
    registration = await registerTestPlatform(tool, platform);
  });
  afterAll(async () => {
    await platform.close();
    await tool.close();
  });

  async function deepLinkingLaunch(roles = [ROLE.instructor], settings: Record<string, unknown> = {}) {
    const login = await loginAt(tool.app, registration);
    const claims = platform.claims({ clientId: registration.clientId, deploymentId: '1', nonce: login.nonce, toolUrl: TOOL_URL, roles, messageType: 'LtiDeepLinkingRequest' });
    const key = `${DL}deep_linking_settings`;
    claims[key] = { ...(claims[key] as object), ...settings };
    const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await platform.sign(claims), state: login.state });
    return res;
  }

  it('refuses a deep-linking request from a learner, storing no session', async () => {
    const before = await tool.db.connection.db!.collection('launch_sessions').countDocuments();
    const res = await deepLinkingLaunch([ROLE.learner]);
    expect(res.status).toBe(403);
    expect(errorCodeOf(res.text)).toBe('LTI_DEEP_LINKING_NOT_ALLOWED');
    expect(await tool.db.connection.db!.collection('launch_sessions').countDocuments()).toBe(before);
  });

  it('says there is nothing to add while no catalog is wired', async () => {
    const config = launchConfigOf((await deepLinkingLaunch()).text);
    const res = await request(tool.app).get('/api/lti/deep-linking/items').set('Authorization', `Bearer ${config.token as string}`);
    expect(res.body).toEqual({ items: [], acceptMultiple: true, acceptTypes: ['ltiResourceLink'], catalogAvailable: false });
    const picker = await request(tool.app).post('/lti/deep-linking/picker').type('form').send({ token: config.token });
    expect(picker.text).toContain('aucune activité Pix à ajouter');
  });

  it('lists the catalog and answers with a signed LtiDeepLinkingResponse for the verified return URL', async () => {
    tool.lti.provideActivityCatalog(catalog);
    const page = await deepLinkingLaunch();
    const config = launchConfigOf(page.text);
    expect(config).toMatchObject({
      view: 'deep-linking',
      deepLinking: { itemsUrl: `${TOOL_URL}/api/lti/deep-linking/items`, responseUrl: `${TOOL_URL}/api/lti/deep-linking/response`, acceptMultiple: true, acceptTypes: ['ltiResourceLink'] },
    });
    const auth = `Bearer ${config.token as string}`;
    const items = await request(tool.app).get('/api/lti/deep-linking/items').set('Authorization', auth);
    expect(items.body.items).toHaveLength(2);
    expect(catalog.calls.at(-1)).toMatchObject({ registrationId: registration.id, contextId: '7', tenant: { issuer: platform.issuer, clientId: registration.clientId, deploymentId: '1' } });

    const res = await request(tool.app)
      .post('/api/lti/deep-linking/response')
      .set('Authorization', auth)
      .send({ items: [{ type: 'campaign', id: 'ABCDEF123' }, { type: 'competence-evaluation', id: 'c2-1' }] });
    expect(res.status).toBe(200);
    expect(res.body.returnUrl).toBe(`${platform.issuer}/mod/lti/contentitem_return.php?course=7&id=1&sesskey=abc`);
    const jwks = createLocalJWKSet(await tool.keys.store.jwks());
    const { payload, protectedHeader } = await jwtVerify(res.body.jwt as string, jwks, { issuer: registration.clientId, audience: platform.issuer });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '1',
      [`${DL}data`]: 'opaque-platform-data',
    });
    expect(payload.nonce).toEqual(expect.any(String));
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload[`${DL}content_items`]).toEqual([
      {
        type: 'ltiResourceLink',
        title: 'Rechercher et veiller',
        text: 'Campagne 3e',
        url: `${TOOL_URL}/lti/launch`,
        custom: { pix_activity: 'campaign:ABCDEF123' },
        lineItem: { label: 'Rechercher et veiller', scoreMaximum: 20, resourceId: 'campaign:ABCDEF123', tag: 'pix' },
      },
      {
        type: 'ltiResourceLink',
        title: 'Interagir',
        url: `${TOOL_URL}/lti/launch`,
        custom: { pix_activity: 'competence-evaluation:c2-1' },
        lineItem: { label: 'Interagir', scoreMaximum: 100, resourceId: 'competence-evaluation:c2-1', tag: 'pix' },
      },
    ]);
  });

  it('refuses a response aimed at a foreign return URL, an unknown activity and a learner session', async () => {
    tool.lti.provideActivityCatalog(catalog);
    const config = launchConfigOf((await deepLinkingLaunch()).text);
    const auth = `Bearer ${config.token as string}`;
    const foreign = await request(tool.app)
      .post('/api/lti/deep-linking/response')
      .set('Authorization', auth)
      .send({ items: [{ type: 'campaign', id: 'ABCDEF123' }], returnUrl: 'https://evil.example.org/steal' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('DEEP_LINKING_RETURN_URL_FOREIGN');
    const unknown = await request(tool.app).post('/api/lti/deep-linking/response').set('Authorization', auth).send({ items: [{ type: 'campaign', id: 'OTHERTENANT' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DEEP_LINKING_ITEM_NOT_FOUND');

    const login = await loginAt(tool.app, registration);
    const learner = await request(tool.app)
      .post('/lti/launch')
      .set('Cookie', login.cookie)
      .type('form')
      .send({ id_token: await platform.sign(platform.claims({ clientId: registration.clientId, deploymentId: '1', nonce: login.nonce, toolUrl: TOOL_URL })), state: login.state });
    const learnerToken = launchConfigOf(learner.text).token as string;
    const refused = await request(tool.app).post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${learnerToken}`).send({ items: [] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LAUNCH_ROLE_FORBIDDEN');
  });

  it('respects accept_multiple and accept_lineitem', async () => {
    tool.lti.provideActivityCatalog(catalog);
    const config = launchConfigOf((await deepLinkingLaunch([ROLE.instructor], { accept_multiple: false, accept_lineitem: false })).text);
    const auth = `Bearer ${config.token as string}`;
    const two = await request(tool.app).post('/api/lti/deep-linking/response').set('Authorization', auth).send({ items: [{ type: 'campaign', id: 'ABCDEF123' }, { type: 'competence-evaluation', id: 'c2-1' }] });
    expect(two.body.code).toBe('DEEP_LINKING_SINGLE_ITEM');
    const one = await request(tool.app).post('/api/lti/deep-linking/response').set('Authorization', auth).send({ items: [{ type: 'campaign', id: 'ABCDEF123' }] });
    const payload = JSON.parse(Buffer.from((one.body.jwt as string).split('.')[1]!, 'base64url').toString()) as Record<string, Array<Record<string, unknown>>>;
    expect(payload[`${DL}content_items`]![0]!.lineItem).toBeUndefined();
  });

  it('refuses when the platform does not accept resource links', async () => {
    tool.lti.provideActivityCatalog(catalog);
    const config = launchConfigOf((await deepLinkingLaunch([ROLE.instructor], { accept_types: ['file'] })).text);
    const res = await request(tool.app).post('/api/lti/deep-linking/response').set('Authorization', `Bearer ${config.token as string}`).send({ items: [{ type: 'campaign', id: 'ABCDEF123' }] });
    expect(res.body.code).toBe('DEEP_LINKING_TYPE_NOT_ACCEPTED');
  });

  it('works without the web components: checkbox list, then an auto-posted form to the return URL', async () => {
    tool.lti.provideActivityCatalog(catalog);
    const config = launchConfigOf((await deepLinkingLaunch()).text);
    const picker = await request(tool.app).post('/lti/deep-linking/picker').type('form').send({ token: config.token });
    expect(picker.status).toBe(200);
    expect(picker.text).toContain('type="checkbox" name="items" value="campaign:ABCDEF123"');
    expect(picker.text).toContain('Rechercher et veiller');
    const submitted = await request(tool.app).post('/lti/deep-linking/submit').type('form').send(`token=${config.token as string}&items=campaign%3AABCDEF123`);
    expect(submitted.status).toBe(200);
    expect(submitted.text).toContain(`action="${platform.issuer}/mod/lti/contentitem_return.php?course=7&amp;id=1&amp;sesskey=abc"`);
    expect(submitted.headers['content-security-policy']).toContain(`form-action 'self' ${platform.issuer}`);
    const jwt = hiddenInputs(submitted.text).JWT!;
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown[]>;
    expect(payload[`${DL}content_items`]).toHaveLength(1);
    const expired = await request(tool.app).post('/lti/deep-linking/picker').type('form').send({ token: 'nope' });
    expect(expired.status).toBe(401);
  });
});
