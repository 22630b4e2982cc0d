import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { LtiBrowser } from './browser/lti-browser.js';
import { launchAs } from './browser/lti-flows.js';
import { SCOPE } from './lti/claims.js';
import { startFixture, type Fixture } from './testing/fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.stop();
  fx = undefined;
});

const ALL = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps];

describe('token.php', () => {
  it('issues a 3600 s bearer token with the requested scopes the tool is permitted', async () => {
    fx = await startFixture({ registration: { gradeSync: 1, memberships: false } });
    const { status, body } = await fx.tool.requestToken(fx.sim.endpoints.token, [...ALL, 'https://example.org/not-a-scope']);
    expect(status).toBe(200);
    expect(body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{32}$/), token_type: 'Bearer', expires_in: 3600, scope: [SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score].join(' ') });
  });

  it('refuses anything but a form-urlencoded client_credentials + jwt-bearer request', async () => {
    fx = await startFixture();
    const assertion = await fx.tool.clientAssertion(fx.sim.endpoints.token);
    const json = await fetch(fx.sim.endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_assertion: assertion }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
    const form = (fields: Record<string, string>) =>
      fetch(fx!.sim.endpoints.token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const wrongGrant = await form({ grant_type: 'password', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope: SCOPE.score });
    expect(await wrongGrant.json()).toEqual({ error: 'unsupported_grant_type' });
    const noScope = await form({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
    expect(await noScope.json()).toEqual({ error: 'invalid_request' });
  });

  it('names the tool by the assertion’s sub and verifies it with the tool’s JWKS', async () => {
    fx = await startFixture();
    const unknown = await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], await fx.tool.clientAssertion(fx.sim.endpoints.token, { sub: 'nobody' }));
    expect(unknown).toEqual({ status: 400, body: { error: 'invalid_client' } });
    const forged = await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], await fx.tool.sign({ sub: fx.tool.clientId, iss: fx.tool.clientId }, { unpublishedKey: true }));
    expect(forged).toEqual({ status: 400, body: { error: 'Signature verification failed' } });
    const now = Math.floor(Date.now() / 1000);
    const expired = await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], await fx.tool.clientAssertion(fx.sim.endpoints.token, { iat: now - 120, exp: now - 60 }));
    expect(expired.body).toEqual({ error: 'Expired token' });
    const noKid = await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], await fx.tool.sign({ sub: fx.tool.clientId }, { header: { kid: undefined } }));
    expect(noKid.body).toEqual({ error: '"kid" empty, unable to lookup correct key' });
  });

  it('caches the tool’s JWKS and downloads it again when the tool rotates its key', async () => {
    fx = await startFixture();
    const clientId = fx.tool.clientId;
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).status).toBe(200);
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).status).toBe(200);
    expect(fx.sim.platform.toolKeysets.fetchCount(clientId)).toBe(1);
    await fx.tool.rotateKey(true);
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).status).toBe(200);
    expect(fx.sim.platform.toolKeysets.fetchCount(clientId)).toBe(2);
  });

  it('answers invalid_scope when no requested scope is permitted', async () => {
    fx = await startFixture({ registration: { gradeSync: 0 } });
    expect(await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).toEqual({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('in strict mode also checks aud, exp and single-use jti', async () => {
    fx = await startFixture({ simulator: { clientAssertionChecks: 'strict' } });
    const assertion = await fx.tool.clientAssertion(fx.sim.endpoints.token);
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], assertion)).status).toBe(200);
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], assertion)).body).toEqual({ error: 'invalid_client' });
    const wrongAud = await fx.tool.clientAssertion(fx.sim.endpoints.token, { aud: 'https://elsewhere.example/token' });
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score], wrongAud)).body).toEqual({ error: 'invalid_client' });
  });
});

describe('certs.php and key rotation', () => {
  it('publishes the new key and keeps the previous one for a while; launches are signed with the new kid', async () => {
    fx = await startFixture();
    const before = fx.sim.jwks().keys.map((k) => k.kid);
    const { kid, previousKid } = await fx.sim.rotateKey({ keepPreviousForMs: 60_000 });
    expect(before).toEqual([previousKid]);
    const published = (await (await fetch(fx.sim.endpoints.jwks)).json()) as { keys: Array<{ kid: string; alg: string; use: string; kty: string }> };
    expect(published.keys.map((k) => k.kid)).toEqual([previousKid, kid]);
    expect(published.keys[1]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const flow = await launchAs(new LtiBrowser(), fx.sim, { userId: fx.students[0]!.id, activityId: fx.activity.id });
    expect(decodeProtectedHeader(flow.idToken!).kid).toBe(kid);
    fx.sim.platform.keys.dropRetiredKeys();
    expect(fx.sim.jwks().keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('signs attack tokens: alg none, HS256 with the public key, an unknown key', async () => {
    fx = await startFixture();
    const none = await fx.sim.signToken({ sub: '1' }, { signWith: 'none' });
    expect(none.endsWith('.')).toBe(true);
    expect(decodeProtectedHeader(none).alg).toBe('none');
    expect(decodeProtectedHeader(await fx.sim.signToken({ sub: '1' }, { signWith: { hs256Secret: 'platform-public-key' } })).alg).toBe('HS256');
    expect(decodeProtectedHeader(await fx.sim.signToken({ sub: '1' }, { signWith: 'unknown-key' })).kid).toBe('unknown-key-1');
    expect(decodeProtectedHeader(await fx.sim.signToken({ sub: '1' }, { header: { kid: undefined } }))).toEqual({ alg: 'RS256' });
  });
});
