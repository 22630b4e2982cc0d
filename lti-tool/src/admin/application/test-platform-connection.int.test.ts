import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../keys/application/key-store.js';
import { SigningKeysRepository } from '../../keys/infrastructure/signing-keys.repository.js';
import { PlatformHttp } from '../../lti/shared/platform-http.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { testPlatformConnection } from './test-platform-connection.js';

/** A platform on loopback that checks our client assertion against our real JWKS, as Moodle does. */
describe('testing a platform connection over real HTTP', () => {
  let db: TestDatabase;
  let keys: KeyStore;
  let server: http.Server;
  let base: string;
  let tokenMode: 'ok' | 'server-error' = 'ok';
  const httpClient = new PlatformHttp({ allowPrivate: true }, { timeoutMs: 2000 });

  beforeAll(async () => {
    db = await openTestDatabase('platform_connection');
    keys = new KeyStore(new SigningKeysRepository(db), new SecretBox('k'.repeat(40), 'signing-keys'), silentLogger());
    await keys.ensureActiveKey();
    const platformKey = await exportJWK((await generateKeyPair('RS256')).publicKey);
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.get('/jwks', (_req, res) => res.json({ keys: [{ ...platformKey, kid: 'moodle-1', alg: 'RS256', use: 'sig' }] }));
    app.get('/jwks-empty', (_req, res) => res.json({ keys: [] }));
    app.get('/jwks-html', (_req, res) => res.type('html').send('<html>Moodle</html>'));
    app.post('/token', async (req, res) => {
      if (tokenMode === 'server-error') return res.status(503).send('maintenance');
      try {
        const { payload } = await jwtVerify(String(req.body.client_assertion), createLocalJWKSet(await keys.jwks()), { audience: `${base}/token`, issuer: 'pix-client' });
        if (payload.sub !== 'pix-client') throw new Error('sub');
        res.json({ access_token: 'abc', token_type: 'Bearer', expires_in: 3600, scope: req.body.scope });
      } catch {
        res.status(400).json({ error: 'invalid_client', error_description: 'Signature verification failed' });
      }
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    httpClient.close();
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  const deps = () => ({ http: httpClient, sign: (claims: Record<string, unknown>, options: { expiresInSeconds: number }) => keys.sign(claims, options) });

  it('passes both steps when the JWKS answers and the platform accepts our signed assertion', async () => {
    const result = await testPlatformConnection({ clientId: 'pix-client', jwksUrl: `${base}/jwks`, tokenUrl: `${base}/token` }, deps());
    expect(result).toEqual({
      ok: true,
      checks: [
        { step: 'jwks', ok: true, detail: '1 signing key(s): moodle-1' },
        { step: 'token', ok: true, detail: 'access token granted (HTTP 200)' },
      ],
    });
  });

  it('says which step failed and why', async () => {
    const wrongClient = await testPlatformConnection({ clientId: 'someone-else', jwksUrl: `${base}/jwks-empty`, tokenUrl: `${base}/token` }, deps());
    expect(wrongClient.ok).toBe(false);
    expect(wrongClient.checks.map((c) => c.code)).toEqual(['JWKS_NO_KEYS', 'TOKEN_CLIENT_REFUSED']);
    expect(wrongClient.checks[1]!.detail).toBe('invalid_client: Signature verification failed');

    const html = await testPlatformConnection({ clientId: 'pix-client', jwksUrl: `${base}/jwks-html`, tokenUrl: `${base}/token` }, deps());
    expect(html.checks[0]).toMatchObject({ ok: false, code: 'JWKS_NOT_JSON' });

    tokenMode = 'server-error';
    const down = await testPlatformConnection({ clientId: 'pix-client', jwksUrl: `${base}/nowhere`, tokenUrl: `${base}/token` }, deps());
    expect(down.checks.map((c) => c.code)).toEqual(['JWKS_HTTP_ERROR', 'TOKEN_PLATFORM_ERROR']);
    tokenMode = 'ok';

    const closed = await testPlatformConnection({ clientId: 'pix-client', jwksUrl: 'http://127.0.0.1:1/jwks', tokenUrl: 'ftp://example.org/token' }, deps());
    expect(closed.checks.map((c) => c.code)).toEqual(['JWKS_UNREACHABLE', 'TOKEN_URL_REFUSED']);
  });
});
