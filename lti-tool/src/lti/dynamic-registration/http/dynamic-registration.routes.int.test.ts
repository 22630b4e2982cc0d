import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../platform/testing/test-app.js';
import { errorCodeOf, startTestTool, TOOL_URL, type TestTool } from '../../testing/test-tool.js';

interface Received {
  authorization?: string;
  body: Record<string, unknown>;
}

/** A platform with Moodle's openid-configuration and registration endpoints. */
async function startRegistrationPlatform(options: { issuerOverride?: string; status?: number } = {}) {
  const received: Received[] = [];
  let clients = 0;
  const server = http.createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/mod/lti/openid-configuration.php') {
      res.end(
        JSON.stringify({
          issuer: options.issuerOverride ?? origin,
          authorization_endpoint: `${origin}/mod/lti/auth.php`,
          token_endpoint: `${origin}/mod/lti/token.php`,
          jwks_uri: `${origin}/mod/lti/certs.php`,
          registration_endpoint: `${origin}/mod/lti/openid-registration.php`,
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          id_token_signing_alg_values_supported: ['RS256'],
          claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
          'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle', version: '4.5' },
        }),
      );
      return;
    }
    if (req.url === '/mod/lti/openid-registration.php' && req.method === 'POST') {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        received.push({ authorization: req.headers.authorization, body: JSON.parse(text) as Record<string, unknown> });
        if (options.status) {
          res.statusCode = options.status;
          res.end(JSON.stringify({ error: 'invalid token' }));
          return;
        }
        clients += 1;
        res.end(JSON.stringify({ client_id: `moodle-client-${clients}`, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: '3' } }));
      });
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    configurationUrl: `${origin}/mod/lti/openid-configuration.php`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('dynamic registration', () => {
  let tool: TestTool;
  let autoTool: TestTool;
  let platform: Awaited<ReturnType<typeof startRegistrationPlatform>>;

  beforeAll(async () => {
    platform = await startRegistrationPlatform();
    tool = await startTestTool('dynreg');
    autoTool = await startTestTool('dynreg_auto', { LTI_AUTO_APPROVE_ISSUERS: platform.origin });
  });
  afterAll(async () => {
    await platform.close();
    await tool.close();
    await autoTool.close();
  });

  it('registers as Moodle expects and stays pending until an admin approves', async () => {
    const res = await request(tool.app).get('/lti/register').query({ openid_configuration: platform.configurationUrl, registration_token: 'reg-token-1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('org.imsglobal.lti.close');
    expect(res.text).toContain(`"${platform.origin}"`);
    expect(res.text).toContain('Un administrateur Pix doit maintenant valider');
    expect(res.headers['content-security-policy']).toContain(`frame-ancestors ${platform.origin}`);

    const { authorization, body } = platform.received.at(-1)!;
    expect(authorization).toBe('Bearer reg-token-1');
    expect(body).toMatchObject({
      application_type: 'web',
      response_types: ['id_token'],
      initiate_login_uri: `${TOOL_URL}/lti/login`,
      redirect_uris: [`${TOOL_URL}/lti/launch`],
      jwks_uri: `${TOOL_URL}/lti/keys`,
      token_endpoint_auth_method: 'private_key_jwt',
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        domain: 'localhost:3999',
        target_link_uri: `${TOOL_URL}/lti/launch`,
        claims: ['iss', 'sub'],
        messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: `${TOOL_URL}/lti/launch`, label: 'Ajouter une activité Pix' }],
      },
    });
    expect(String(body.scope).split(' ')).toEqual(
      expect.arrayContaining([
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      ]),
    );

    const [registration] = await tool.lti.registrations.list({});
    expect(registration).toMatchObject({
      issuer: platform.origin,
      clientId: 'moodle-client-1',
      status: 'pending',
      origin: 'dynamic-registration',
      productFamily: 'moodle',
      deploymentIds: ['3'],
      privacy: { sendNames: false, sendEmail: false },
      authLoginUrl: `${platform.origin}/mod/lti/auth.php`,
      tokenUrl: `${platform.origin}/mod/lti/token.php`,
      jwksUrl: `${platform.origin}/mod/lti/certs.php`,
    });
  });

  it('asks for names and e-mail, and files under an academy, only through an admin’s registration link', async () => {
    const admin = createTestApp((router) => tool.lti.registrationAdminRoutes(router, { guard: (_req, _res, next) => next() }));
    const created = await request(admin).post('/api/admin/lti/registration-links').send({ academy: 'versailles', privacy: { sendNames: true, sendEmail: true }, validDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(new RegExp(`^${TOOL_URL}/lti/register\\?invitation=`));
    // Moodle appends its parameters to the URL it was given.
    const url = new URL(created.body.url as string);
    url.searchParams.set('openid_configuration', platform.configurationUrl);
    url.searchParams.set('registration_token', 'reg-token-2');
    const res = await request(tool.app).get(`${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    const { body } = platform.received.at(-1)!;
    expect((body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as { claims: string[] }).claims).toEqual(['iss', 'sub', 'name', 'given_name', 'family_name', 'email']);
    const registration = (await tool.lti.registrations.list({})).find((r) => r.clientId === `moodle-client-${platform.received.length}`);
    expect(registration).toMatchObject({ academy: 'versailles', privacy: { sendNames: true, sendEmail: true }, status: 'pending' });
  });

  it('refuses a forged or foreign registration link', async () => {
    const res = await request(tool.app).get('/lti/register').query({ invitation: 'eyJhbGciOiJub25lIn0.e30.', openid_configuration: platform.configurationUrl });
    expect(res.status).toBe(400);
    expect(errorCodeOf(res.text)).toBe('DYNREG_LINK_INVALID');
    const other = await startTestTool('dynreg_other');
    const foreign = await request(other.app).get('/lti/register').query({
      invitation: new URL((await request(createTestApp((r) => tool.lti.registrationAdminRoutes(r, { guard: (_q, _s, n) => n() }))).post('/api/admin/lti/registration-links').send({})).body.url as string).searchParams.get('invitation')!,
      openid_configuration: platform.configurationUrl,
    });
    expect(errorCodeOf(foreign.text)).toBe('DYNREG_LINK_INVALID');
    await other.close();
  });

  it('approves at once an issuer on LTI_AUTO_APPROVE_ISSUERS', async () => {
    const res = await request(autoTool.app).get('/lti/register').query({ openid_configuration: platform.configurationUrl, registration_token: 't' });
    expect(res.text).toContain('La plateforme est validée');
    const [registration] = await autoTool.lti.registrations.list({});
    expect(registration!.status).toBe('active');
  });

  it('refuses a configuration whose issuer is on another host', async () => {
    const liar = await startRegistrationPlatform({ issuerOverride: 'https://elea.ac-versailles.fr' });
    const res = await request(tool.app).get('/lti/register').query({ openid_configuration: liar.configurationUrl, registration_token: 't' });
    expect(res.status).toBe(400);
    expect(errorCodeOf(res.text)).toBe('DYNREG_ISSUER_MISMATCH');
    expect(liar.received).toHaveLength(0);
    await liar.close();
  });

  it.each([
    ['a missing configuration URL', {}, 'DYNREG_CONFIGURATION_MISSING'],
    ['a plain-http remote host', { openid_configuration: 'http://moodle.example.org/mod/lti/openid-configuration.php' }, 'DYNREG_URL_REFUSED'],
    ['a cloud metadata address', { openid_configuration: 'http://169.254.169.254/latest/meta-data' }, 'DYNREG_URL_REFUSED'],
  ])('refuses %s (SSRF guard)', async (_label, query, code) => {
    const res = await request(tool.app).get('/lti/register').query(query);
    expect(errorCodeOf(res.text)).toBe(code);
  });

  it('reports a registration the platform refused', async () => {
    const refusing = await startRegistrationPlatform({ status: 401 });
    const res = await request(tool.app).get('/lti/register').query({ openid_configuration: refusing.configurationUrl, registration_token: 'expired' });
    expect(res.status).toBe(502);
    expect(errorCodeOf(res.text)).toBe('DYNREG_REGISTRATION_REFUSED');
    await refusing.close();
  });

  it('refuses https to a private address in production mode', async () => {
    const prod = await startTestTool('dynreg_prod', { NODE_ENV: 'production', PUBLIC_URL: 'https://pix-lti.example.org' });
    const res = await request(prod.app).get('/lti/register').query({ openid_configuration: 'https://127.0.0.1:9/mod/lti/openid-configuration.php' });
    expect(errorCodeOf(res.text)).toBe('DYNREG_URL_REFUSED');
    await prod.close();
  });
});
