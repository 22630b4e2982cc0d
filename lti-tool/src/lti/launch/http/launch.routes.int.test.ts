import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../registrations/domain/registration.js';
import { ROLE, TestPlatform } from '../../testing/test-platform.js';
import { errorCodeOf, hiddenInputs, launchConfigOf, loginAt, registerTestPlatform, startTestTool, TOOL_URL, type TestTool } from '../../testing/test-tool.js';

describe('login and launch over HTTP', () => {
  let tool: TestTool;
  let platform: TestPlatform;
  let registration: Registration;
  const count = (collection: string) => tool.db.connection.db!.collection(collection).countDocuments();

  beforeAll(async () => {
    tool = await startTestTool('launch_routes');
    platform = await TestPlatform.start();
    registration = await registerTestPlatform(tool, platform);
  });
  afterAll(async () => {
    await platform.close();
    await tool.close();
  });

  const tokenFor = async (login: { nonce: string }, overrides: Record<string, unknown> = {}, roles?: string[], reg = registration) =>
    platform.sign(platform.claims({ clientId: reg.clientId, deploymentId: '1', nonce: login.nonce, toolUrl: TOOL_URL, roles }, overrides));

  it('answers the login with a page that keeps the binding secret and goes to the platform, storing nothing', async () => {
    const before = await count('lti_login_states');
    const login = await loginAt(tool.app, registration);
    expect(login.status).toBe(200);
    const form = /<form id="pix-lti-continue" method="get" action="([^"]+)"/.exec(login.html);
    expect(form?.[1]).toBe(`${platform.issuer}/auth`);
    const params = hiddenInputs(login.html);
    expect(params).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: registration.clientId,
      redirect_uri: `${TOOL_URL}/lti/launch`,
      login_hint: '42',
      lti_message_hint: '{"cmid":3,"launchid":"ltilaunch1_123"}',
    });
    expect(login.state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(login.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.cookie).toMatch(/^pix_lti_bind_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]{43}$/);
    expect(login.cookie.split('=')[1]).toBe(login.storedSecret);
    expect(await count('lti_login_states')).toBe(before);
  });

  it('sets a partitioned SameSite=None cookie and a CSP naming the platform', async () => {
    const res = await request(tool.app).get('/lti/login').query({ iss: registration.issuer, login_hint: '42', target_link_uri: `${TOOL_URL}/lti/launch`, client_id: registration.clientId });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Partitioned/);
    expect(res.headers['content-security-policy']).toContain(`frame-ancestors ${platform.issuer}`);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('launches a learner when the binding cookie comes back, and the token opens the API', async () => {
    const login = await loginAt(tool.app, registration);
    const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login), state: login.state });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<script type="module" src="/static/pix-components.js"></script>');
    expect(res.headers['content-security-policy']).toContain(`frame-ancestors ${platform.issuer}`);
    const config = launchConfigOf(res.text);
    expect(config).toMatchObject({
      view: 'learner',
      apiBase: `${TOOL_URL}/api`,
      locale: 'fr',
      activity: { type: 'campaign', id: 'ABCDEF123' },
      context: { id: '7', label: '3E-B', title: '3e B — Numérique' },
      resourceLink: { id: '12', title: 'Évaluation Pix' },
      user: {},
    });
    expect(res.text).toContain('Campagne d’évaluation');
    const me = await request(tool.app).get('/api/lti/session').set('Authorization', `Bearer ${config.token as string}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: { learner: true, instructor: false }, activity: { type: 'campaign', id: 'ABCDEF123' } });
    expect(me.body.user.displayName).toBeUndefined();
    const sessions = JSON.stringify(await tool.db.connection.db!.collection('launch_sessions').find().toArray());
    expect(sessions).not.toContain('Lina');
    expect(sessions).not.toContain('lina.martin@example.org');
  });

  it('without the cookie, binds through the secret the frame kept in sessionStorage', async () => {
    const login = await loginAt(tool.app, registration);
    const first = await request(tool.app).post('/lti/launch').type('form').send({ id_token: await tokenFor(login), state: login.state });
    expect(first.status).toBe(200);
    expect(first.text).toContain('id="pix-lti-bind"');
    expect(first.text).toContain('Continuer dans un nouvel onglet');
    const before = await count('launch_sessions');
    const bound = await request(tool.app).post('/lti/launch/bind').type('form').send({ state: login.state, secret: login.storedSecret });
    expect(bound.status).toBe(200);
    expect(launchConfigOf(bound.text).view).toBe('learner');
    expect(await count('launch_sessions')).toBe(before + 1);
    const ticket = hiddenInputs(first.text).ticket!;
    const late = await request(tool.app).post('/lti/launch/continue').type('form').send({ ticket });
    expect(errorCodeOf(late.text)).toBe('LTI_LAUNCH_TICKET_INVALID');
  });

  it('refuses a binding without the right secret and forgets the parked launch', async () => {
    const login = await loginAt(tool.app, registration);
    await request(tool.app).post('/lti/launch').type('form').send({ id_token: await tokenFor(login), state: login.state });
    const before = await count('launch_sessions');
    const res = await request(tool.app).post('/lti/launch/bind').type('form').send({ state: login.state, secret: '' });
    expect(res.status).toBe(401);
    expect(errorCodeOf(res.text)).toBe('LTI_STATE_MISMATCH');
    expect(res.text).toContain('Identifiant de la requête');
    expect(await count('launch_sessions')).toBe(before);
    const parked = await tool.db.connection.db!.collection('lti_login_states').find({ pending: { $exists: true } }).toArray();
    expect(parked.filter((p) => p.completedAt === undefined)).toHaveLength(0);
    const retry = await request(tool.app).post('/lti/launch/bind').type('form').send({ state: login.state, secret: login.storedSecret });
    expect(errorCodeOf(retry.text)).toBe('LTI_STATE_UNKNOWN');
  });

  it('continues in a new tab with a single-use ticket when storage is blocked too', async () => {
    const login = await loginAt(tool.app, registration);
    const first = await request(tool.app).post('/lti/launch').type('form').send({ id_token: await tokenFor(login), state: login.state });
    const ticket = hiddenInputs(first.text).ticket!;
    const opened = await request(tool.app).post('/lti/launch/continue').type('form').send({ ticket });
    expect(opened.status).toBe(200);
    expect(launchConfigOf(opened.text).view).toBe('learner');
    const again = await request(tool.app).post('/lti/launch/continue').type('form').send({ ticket });
    expect(again.status).toBe(401);
    expect(errorCodeOf(again.text)).toBe('LTI_LAUNCH_TICKET_INVALID');
  });

  it('refuses a replayed id_token, a mismatched cookie and a forged state, storing nothing', async () => {
    const login = await loginAt(tool.app, registration);
    const idToken = await tokenFor(login);
    expect((await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: idToken, state: login.state })).status).toBe(200);
    const before = await count('launch_sessions');
    const replay = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: idToken, state: login.state });
    expect(errorCodeOf(replay.text)).toBe('LTI_ID_TOKEN_REPLAYED');

    const other = await loginAt(tool.app, registration);
    const wrongCookie = `${other.cookie.split('=')[0]}=${login.storedSecret}`;
    const mismatch = await request(tool.app).post('/lti/launch').set('Cookie', wrongCookie).type('form').send({ id_token: await tokenFor(other), state: other.state });
    expect(mismatch.status).toBe(401);
    expect(errorCodeOf(mismatch.text)).toBe('LTI_STATE_MISMATCH');

    const forged = await request(tool.app).post('/lti/launch').type('form').send({ id_token: await tokenFor(other), state: 'forged-state' });
    expect(errorCodeOf(forged.text)).toBe('LTI_STATE_UNKNOWN');
    const reused = await loginAt(tool.app, registration);
    const reusedNonce = await request(tool.app).post('/lti/launch').set('Cookie', reused.cookie).type('form').send({ id_token: idToken, state: reused.state });
    expect(errorCodeOf(reusedNonce.text)).toBe('LTI_NONCE_REUSED');
    expect(await count('launch_sessions')).toBe(before);
  });

  it('keeps names and e-mail only when the registration opted in', async () => {
    const named = await registerTestPlatform(tool, platform, { privacy: { sendNames: true, sendEmail: false } });
    const login = await loginAt(tool.app, named);
    const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login, {}, [ROLE.instructor], named), state: login.state });
    const config = launchConfigOf(res.text);
    expect(config).toMatchObject({ view: 'instructor', user: { displayName: 'Lina Martin' } });
    const me = await request(tool.app).get('/api/lti/session').set('Authorization', `Bearer ${config.token as string}`);
    expect(me.body.roles).toEqual({ learner: false, instructor: true, administrator: false });
    const stored = JSON.stringify(await tool.db.connection.db!.collection('launch_sessions').find({ registrationId: named.id }).toArray());
    expect(stored).toContain('Lina');
    expect(stored).not.toContain('lina.martin@example.org');
  });

  it('fetches the platform JWKS once for many launches', async () => {
    const fresh = await registerTestPlatform(tool, platform);
    const start = platform.jwksFetches;
    for (let i = 0; i < 5; i += 1) {
      const login = await loginAt(tool.app, fresh);
      const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login, {}, undefined, fresh), state: login.state });
      expect(res.status).toBe(200);
    }
    expect(platform.jwksFetches - start).toBe(1);
  });

  it.each([
    ['an unknown platform', { iss: 'https://unknown.example.org' }, 'LTI_PLATFORM_UNKNOWN', 401],
    ['an unknown deployment', { lti_deployment_id: '999' }, 'LTI_DEPLOYMENT_UNKNOWN', 403],
    ['a foreign target_link_uri', { target_link_uri: 'https://evil.example.org/lti/launch' }, 'LTI_TARGET_LINK_URI_FOREIGN', 400],
    ['missing parameters', { login_hint: '' }, 'LTI_LOGIN_INVALID', 400],
  ])('refuses a login from %s without storing a state', async (_label, override, code, status) => {
    const before = await count('lti_login_states');
    const res = await request(tool.app)
      .post('/lti/login')
      .type('form')
      .send({ iss: registration.issuer, login_hint: '42', target_link_uri: `${TOOL_URL}/lti/launch`, client_id: registration.clientId, lti_deployment_id: '1', ...override });
    expect(res.status).toBe(status);
    expect(errorCodeOf(res.text)).toBe(code);
    expect(res.text).toContain('lang="fr"');
    expect(await count('lti_login_states')).toBe(before);
  });

  it('refuses a pending platform at login and at launch', async () => {
    const pending = await registerTestPlatform(tool, platform, { status: 'pending' });
    const res = await loginAt(tool.app, pending);
    expect(res.status).toBe(403);
    expect(errorCodeOf(res.html)).toBe('LTI_PLATFORM_NOT_ACTIVE');
    const active = await registerTestPlatform(tool, platform);
    const login = await loginAt(tool.app, active);
    await tool.lti.registrations.changeStatus(active.id, 'disable');
    const launch = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login, {}, undefined, active), state: login.state });
    expect(errorCodeOf(launch.text)).toBe('LTI_PLATFORM_NOT_ACTIVE');
  });
  it('lets the launch page frame the item bank’s simulators and show its images, from those origins only', async () => {
    const launchCsp = async () => {
      const login = await loginAt(tool.app, registration);
      const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login), state: login.state });
      expect(res.status).toBe(200);
      return Object.fromEntries(String(res.headers['content-security-policy']).split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    };
    try {
      tool.lti.provideMediaOrigins(async () => ({
        frames: ['https://epreuves.example.org'],
        // Not an origin: never reaches the policy (it would allow everything).
        images: ['https://images.example.net', "* 'unsafe-inline'", 'https://cdn.example.com:8443'],
      }));
      const csp = await launchCsp();
      expect(csp['frame-src']).toEqual(['https://epreuves.example.org']);
      expect(csp['img-src']).toEqual(["'self'", 'data:', 'https://images.example.net', 'https://cdn.example.com:8443']);
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['script-src']).toHaveLength(2);

      // A bank without outside media: no frame at all, images from the tool only.
      tool.lti.provideMediaOrigins(async () => ({ frames: [], images: [] }));
      const plain = await launchCsp();
      expect(plain['frame-src']).toBeUndefined();
      expect(plain['img-src']).toEqual(["'self'", 'data:']);

      // The bank unreadable: the page still opens, with nothing from outside.
      tool.lti.provideMediaOrigins(() => Promise.reject(new Error('bank down')));
      expect((await launchCsp())['img-src']).toEqual(["'self'", 'data:']);
    } finally {
      tool.lti.provideMediaOrigins(async () => ({ frames: [], images: [] }));
    }
  });
  it('preloads the bundle’s static chunks on the launch page, and only /static/ scripts', async () => {
    try {
      tool.lti.provideStaticPreloads(() => ['/static/chunks/lit-AbC123.js', '/static/chunks/decorate-x_y.js', '/static/x.js"><script>alert(1)</script>', 'https://cdn.example.com/x.js']);
      const login = await loginAt(tool.app, registration);
      const res = await request(tool.app).post('/lti/launch').set('Cookie', login.cookie).type('form').send({ id_token: await tokenFor(login), state: login.state });
      expect(res.status).toBe(200);
      expect([...res.text.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1])).toEqual(['/static/chunks/lit-AbC123.js', '/static/chunks/decorate-x_y.js']);
      expect(res.text).not.toContain('alert(1)');
    } finally {
      tool.lti.provideStaticPreloads(() => []);
    }
  });
});
