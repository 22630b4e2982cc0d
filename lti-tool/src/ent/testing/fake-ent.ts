import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface AssertionOptions {
  alg?: string;
  /** Sign with this key instead of the newest one (e.g. an unpublished or retired key). */
  key?: SigningKey;
  /** Header kid; `null` leaves it out. */
  kid?: string | null;
  /** Lifetime in seconds (default 120), from `iat`. */
  lifetime?: number;
  /** Shifts iat (and so exp) by this many seconds. */
  skew?: number;
}

/**
 * A fake ENT server for tests: its own signing keys (RS256 or ES256), a JWKS on loopback
 * that counts fetches, and the assertions its server would post to `POST /api/ent/sessions`.
 */
export class FakeEnt {
  jwksFetches = 0;
  keys: SigningKey[] = [];
  private server!: http.Server;
  issuer = '';

  static async start(options: { alg?: 'RS256' | 'ES256' } = {}): Promise<FakeEnt> {
    const ent = new FakeEnt();
    await ent.rotate(options.alg);
    ent.server = http.createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') {
        ent.jwksFetches += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: ent.keys.map((k) => k.publicJwk) }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => ent.server.listen(0, '127.0.0.1', resolve));
    ent.issuer = `http://127.0.0.1:${(ent.server.address() as AddressInfo).port}`;
    return ent;
  }

  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  get publicJwks(): JWK[] {
    return this.keys.map((k) => k.publicJwk);
  }

  /** A key pair that is not (yet) published. */
  static async newKey(alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `ent-${randomBytes(4).toString('hex')}`;
    return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
  }

  /** A new signing key, published next to the old ones (or alone with `retireOld`). */
  async rotate(alg: 'RS256' | 'ES256' = 'RS256', options: { retireOld?: boolean } = {}): Promise<SigningKey> {
    const key = await FakeEnt.newKey(alg);
    this.keys = options.retireOld ? [key] : [...this.keys, key];
    return key;
  }

  /** A signed assertion for `aud`, a learner of `uai` unless `claims` say otherwise (null removes a claim). */
  async assertion(aud: string, claims: Record<string, unknown> = {}, options: AssertionOptions = {}): Promise<string> {
    const key = options.key ?? this.keys.at(-1)!;
    const iat = Math.floor(Date.now() / 1000) + (options.skew ?? 0);
    const payload: Record<string, unknown> = {
      iss: this.issuer,
      aud,
      sub: `ent-user-${randomBytes(3).toString('hex')}`,
      uai: '0750654D',
      roles: ['learner'],
      iat,
      exp: iat + (options.lifetime ?? 120),
      jti: randomUUID(),
      ...claims,
    };
    for (const [name, value] of Object.entries(payload)) if (value === null) delete payload[name];
    const header: { alg: string; kid?: string; typ: string } = { alg: options.alg ?? key.alg, typ: 'JWT' };
    if (options.kid !== null) header.kid = options.kid ?? key.kid;
    return new SignJWT(payload as JWTPayload).setProtectedHeader(header).sign(key.privateKey);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
