import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const ROLE = {
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  admin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
};

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * A minimal LTI platform for unit and integration tests of the tool (the full,
 * Moodle-shaped simulator lives in test/lti-platform): its own RS256 keys, a JWKS
 * endpoint on loopback that counts fetches, and Moodle-shaped id_tokens.
 */
export class TestPlatform {
  jwksFetches = 0;
  private keys: SigningKey[] = [];
  private server!: http.Server;
  issuer = '';

  static async start(): Promise<TestPlatform> {
    const platform = new TestPlatform();
    await platform.rotate();
    platform.server = http.createServer((req, res) => {
      if (req.url === '/jwks') {
        platform.jwksFetches += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: platform.keys.map((k) => k.publicJwk) }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => platform.server.listen(0, '127.0.0.1', resolve));
    platform.issuer = `http://127.0.0.1:${(platform.server.address() as AddressInfo).port}`;
    return platform;
  }

  get endpoints() {
    return { authLoginUrl: `${this.issuer}/auth`, tokenUrl: `${this.issuer}/token`, jwksUrl: `${this.issuer}/jwks` };
  }

  get kid(): string {
    return this.keys.at(-1)!.kid;
  }

  /** A new signing key, published next to the old ones. */
  async rotate(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `k-${randomBytes(4).toString('hex')}`;
    this.keys.push({ kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
  }

  /** Moodle-shaped launch claims; `overrides` replace (or, with `undefined`, remove) claims. */
  claims(input: { clientId: string; deploymentId: string; nonce: string; toolUrl: string; roles?: string[]; messageType?: string }, overrides: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: input.clientId,
      sub: '42',
      iat: now,
      exp: now + 60,
      nonce: input.nonce,
      [`${CLAIM}deployment_id`]: input.deploymentId,
      [`${CLAIM}message_type`]: input.messageType ?? 'LtiResourceLinkRequest',
      [`${CLAIM}version`]: '1.3.0',
      [`${CLAIM}target_link_uri`]: `${input.toolUrl}/lti/launch`,
      [`${CLAIM}roles`]: input.roles ?? [ROLE.learner],
      [`${CLAIM}context`]: { id: '7', label: '3E-B', title: '3e B — Numérique', type: ['CourseSection'] },
      [`${CLAIM}resource_link`]: { id: '12', title: 'Évaluation Pix' },
      [`${CLAIM}launch_presentation`]: { locale: 'fr', document_target: 'iframe', return_url: `${this.issuer}/mod/lti/return.php` },
      [`${CLAIM}tool_platform`]: { product_family_code: 'moodle', version: '2024100700' },
      [`${CLAIM}custom`]: { pix_activity: 'campaign:ABCDEF123' },
      given_name: 'Lina',
      family_name: 'Martin',
      name: 'Lina Martin',
      email: 'lina.martin@example.org',
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
        scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
        lineitems: `${this.issuer}/mod/lti/services.php/7/lineitems?type_id=1`,
        lineitem: `${this.issuer}/mod/lti/services.php/7/lineitems/3/lineitem?type_id=1`,
      },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
        context_memberships_url: `${this.issuer}/mod/lti/services.php/CourseSection/7/bindings/1/memberships`,
        service_versions: ['1.0', '2.0'],
      },
    };
    if (input.messageType === 'LtiDeepLinkingRequest') {
      delete claims[`${CLAIM}resource_link`];
      claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
        deep_link_return_url: `${this.issuer}/mod/lti/contentitem_return.php?course=7&id=1&sesskey=abc`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['frame', 'iframe', 'window'],
        accept_multiple: true,
        auto_create: false,
        data: 'opaque-platform-data',
      };
    }
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) delete claims[key];
      else claims[key] = value;
    }
    return claims;
  }

  /** Signs with the current key (or `kid: null` for none, another key…). */
  async sign(claims: Record<string, unknown>, options: { kid?: string | null; key?: CryptoKey } = {}): Promise<string> {
    const key = this.keys.at(-1)!;
    const header: { alg: string; kid?: string; typ: string } = { alg: 'RS256', typ: 'JWT' };
    if (options.kid !== null) header.kid = options.kid ?? key.kid;
    return new SignJWT(claims).setProtectedHeader(header).sign(options.key ?? key.privateKey);
  }

  /** An unsigned (`alg: none`) token. */
  static unsigned(claims: Record<string, unknown>): string {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  }

  static uniqueClientId(): string {
    return `client-${randomUUID().slice(0, 8)}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
