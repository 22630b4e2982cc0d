import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface FakeToolOptions {
  /** Where the platform's JWKS, auth endpoint and issuer are. */
  platform: { issuer: string; authorizationEndpoint: string; jwksUri: string };
  clientId?: string;
  /** Keep the login state in a cookie (true, like ltijs) or pass it in the redirect only (false). */
  stateCookie?: boolean;
  /** Overrides the redirect_uri the tool asks for (to test the platform's exactness check). */
  redirectUriOverride?: string;
  /** Extra/overriding auth-request parameters. */
  authParams?: Record<string, string>;
}

export interface FakeToolLaunch {
  claims: JWTPayload;
  header: Record<string, unknown>;
}

/**
 * A bare LTI 1.3 tool used only by the simulator's own tests: OIDC login, launch verification
 * against the platform JWKS, a JWKS of its own, client assertions and deep-linking responses.
 */
export class FakeTool {
  url = '';
  clientId: string;
  readonly launches: FakeToolLaunch[] = [];
  readonly failures: string[] = [];
  private keys: Array<{ kid: string; privateKey: CryptoKey; publicJwk: JWK }> = [];
  private readonly pending = new Map<string, { nonce: string }>();
  private server?: http.Server;
  private platformKeys: ReturnType<typeof createRemoteJWKSet>;

  constructor(readonly options: FakeToolOptions) {
    this.clientId = options.clientId ?? 'client-to-be-set';
    this.platformKeys = createRemoteJWKSet(new URL(options.platform.jwksUri), { cooldownDuration: 0 });
  }

  get loginUrl(): string {
    return `${this.url}/login`;
  }
  get launchUrl(): string {
    return `${this.url}/launch`;
  }
  get jwksUrl(): string {
    return `${this.url}/keys`;
  }

  async start(): Promise<this> {
    await this.rotateKey();
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.all('/login', (req, res) => {
      const p = { ...(req.query as Record<string, string>), ...((req.body ?? {}) as Record<string, string>) };
      const state = randomBytes(12).toString('hex');
      const nonce = randomBytes(12).toString('hex');
      this.pending.set(state, { nonce });
      if (this.options.stateCookie ?? true) res.cookie('lti-state', state, { httpOnly: true, sameSite: 'none', secure: true });
      const auth = new URL(this.options.platform.authorizationEndpoint);
      const params: Record<string, string> = {
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: p.client_id ?? this.clientId,
        redirect_uri: this.options.redirectUriOverride ?? this.launchUrl,
        login_hint: p.login_hint ?? '',
        state,
        nonce,
        ...(p.lti_message_hint ? { lti_message_hint: p.lti_message_hint } : {}),
        ...this.options.authParams,
      };
      for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
      res.redirect(302, auth.toString());
    });
    app.post('/launch', (req, res) => {
      void this.verifyLaunch(req.body as Record<string, string>, req.headers.cookie ?? '').then(
        (launch) => {
          this.launches.push(launch);
          res.type('html').send(`<!DOCTYPE html><html><body><h1>Lancé</h1><pre id="claims">${JSON.stringify(launch.claims).replace(/</g, '\\u003c')}</pre></body></html>`);
        },
        (err: Error) => {
          this.failures.push(err.message);
          res.status(401).type('html').send(`<!DOCTYPE html><html><body><h1>Refusé</h1><p id="error">${err.message}</p></body></html>`);
        },
      );
    });
    // Dynamic registration: read the platform's configuration, post ours with the registration token.
    app.get('/register', (req, res) => {
      const q = req.query as Record<string, string>;
      void (async () => {
        const config = (await (await fetch(q.openid_configuration!)).json()) as { registration_endpoint: string };
        const response = await fetch(config.registration_endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${q.registration_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            application_type: 'web',
            response_types: ['id_token'],
            grant_types: ['implicit', 'client_credentials'],
            initiate_login_uri: this.loginUrl,
            redirect_uris: [this.launchUrl],
            client_name: 'Outil de test',
            jwks_uri: this.jwksUrl,
            token_endpoint_auth_method: 'private_key_jwt',
            scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
            'https://purl.imsglobal.org/spec/lti-tool-configuration': { domain: new URL(this.url).host, target_link_uri: this.launchUrl, claims: ['iss', 'sub'] },
          }),
        });
        const body = (await response.json()) as { client_id: string };
        this.clientId = body.client_id;
        res.type('html').send(`<!DOCTYPE html><html><body><p>Inscrit</p><script>(window.opener||window.parent).postMessage({subject:'org.imsglobal.lti.close'},'*');</script></body></html>`);
      })().catch((err: Error) => res.status(500).send(err.message));
    });
    app.get('/keys', (_req, res) => {
      res.json({ keys: this.keys.map((k) => k.publicJwk) });
    });
    this.server = http.createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** A new signing key; the old ones stay published unless `dropOld`. */
  async rotateKey(dropOld = false): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = `tool-${randomBytes(4).toString('hex')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    this.keys = dropOld ? [{ kid, privateKey, publicJwk }] : [...this.keys, { kid, privateKey, publicJwk }];
    return kid;
  }

  /** Signs claims with the tool's newest key (or an unpublished one). */
  async sign(claims: JWTPayload, options: { unpublishedKey?: boolean; header?: Record<string, unknown> } = {}): Promise<string> {
    if (options.unpublishedKey) {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: this.keys.at(-1)!.kid, ...options.header }).sign(privateKey);
    }
    const key = this.keys.at(-1)!;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...options.header }).sign(key.privateKey);
  }

  clientAssertion(tokenUrl: string, overrides: JWTPayload = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign({ iss: this.clientId, sub: this.clientId, aud: tokenUrl, iat: now, exp: now + 60, jti: randomBytes(8).toString('hex'), ...overrides });
  }

  /** POSTs to the token endpoint; returns status and JSON body. */
  async requestToken(tokenUrl: string, scopes: string[], assertion?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion ?? (await this.clientAssertion(tokenUrl)),
        scope: scopes.join(' '),
      }),
    });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  }

  private async verifyLaunch(body: Record<string, string>, cookieHeader: string): Promise<FakeToolLaunch> {
    if (body.error) throw new Error(`platform error: ${body.error} ${body.error_description ?? ''}`.trim());
    const state = body.state ?? '';
    if (this.options.stateCookie ?? true) {
      const cookieState = /(?:^|;\s*)lti-state=([^;]+)/.exec(cookieHeader)?.[1];
      if (cookieState !== state) throw new Error('state cookie missing or different');
    }
    const login = this.pending.get(state);
    if (!login) throw new Error('unknown state');
    this.pending.delete(state);
    const { payload, protectedHeader } = await jwtVerify(body.id_token ?? '', this.platformKeys, {
      issuer: this.options.platform.issuer,
      audience: this.clientId,
      algorithms: ['RS256'],
    });
    if (payload.nonce !== login.nonce) throw new Error('nonce mismatch');
    return { claims: payload, header: protectedHeader as Record<string, unknown> };
  }
}
