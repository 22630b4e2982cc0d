import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LaunchRefusal } from '../domain/launch-refusal.js';
import { verifyIdToken } from './verify-id-token.js';

const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
const ISS = 'https://elea.ac-test.fr';
const TOOL = 'https://pix-lti.example.org';
const NONCE = 'nonce-of-this-state';

let key: CryptoKey;
let otherKey: CryptoKey;
let jwks: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createLocalJWKSet({ keys: [jwk] });
});

function claims(overrides: Record<string, unknown> = {}, now = Math.floor(Date.now() / 1000)) {
  const base: Record<string, unknown> = {
    iss: ISS,
    aud: 'client-1',
    sub: '42',
    iat: now,
    exp: now + 60,
    nonce: NONCE,
    [`${CLAIM}deployment_id`]: '1',
    [`${CLAIM}message_type`]: 'LtiResourceLinkRequest',
    [`${CLAIM}version`]: '1.3.0',
    [`${CLAIM}target_link_uri`]: `${TOOL}/lti/launch`,
    [`${CLAIM}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [`${CLAIM}resource_link`]: { id: '12' },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }, signingKey = key) =>
  new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(signingKey);

const verify = (token: string, used = false) =>
  verifyIdToken(token, jwks, { issuer: ISS, clientId: 'client-1', deploymentIds: ['1'], nonce: NONCE, toolUrl: TOOL, now: new Date(), isNonceUsed: async () => used });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; check: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LaunchRefusal) return { code: err.code, check: (err.details as { check: string }).check };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('verifyIdToken: the 1EdTech certification bad payloads', () => {
  it.each([
    ['no kid', () => sign(claims(), { alg: 'RS256' }), 'LTI_ID_TOKEN_KID_MISSING'],
    ['an unknown kid', () => sign(claims(), { alg: 'RS256', kid: 'other' }), 'LTI_ID_TOKEN_KID_UNKNOWN'],
    ['a wrong version', () => sign(claims({ [`${CLAIM}version`]: '1.2.0' })), 'LTI_VERSION_INVALID'],
    ['no version', () => sign(claims({ [`${CLAIM}version`]: undefined })), 'LTI_VERSION_INVALID'],
    ['a non-LTI JWT', () => sign({ iss: ISS, aud: 'client-1', sub: '42', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, nonce: NONCE }), 'LTI_ID_TOKEN_NOT_LTI'],
    ['no aud', () => sign(claims({ aud: undefined })), 'LTI_ID_TOKEN_AUDIENCE_MISMATCH'],
    ['no iss', () => sign(claims({ iss: undefined })), 'LTI_ID_TOKEN_ISSUER_MISMATCH'],
    ['no sub', () => sign(claims({ sub: undefined })), 'LTI_CLAIM_MISSING'],
    ['no deployment_id', () => sign(claims({ [`${CLAIM}deployment_id`]: undefined })), 'LTI_CLAIM_MISSING'],
    ['no roles', () => sign(claims({ [`${CLAIM}roles`]: undefined })), 'LTI_CLAIM_MISSING'],
    ['no message_type', () => sign(claims({ [`${CLAIM}message_type`]: undefined })), 'LTI_MESSAGE_TYPE_INVALID'],
    ['no resource_link', () => sign(claims({ [`${CLAIM}resource_link`]: undefined })), 'LTI_CLAIM_MISSING'],
    ['a bad iat (in an hour)', () => sign(claims({ iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 3660 })), 'LTI_ID_TOKEN_NOT_YET_VALID'],
    ['a bad exp (an hour ago)', () => sign(claims({ iat: Math.floor(Date.now() / 1000) - 3660, exp: Math.floor(Date.now() / 1000) - 3600 })), 'LTI_ID_TOKEN_EXPIRED'],
  ])('refuses %s', async (_label, make, code) => {
    expect((await refusal(verify(await make()))).code).toBe(code);
  });
});

describe('verifyIdToken: the security framework checks', () => {
  it('accepts a well-formed Moodle launch', async () => {
    const launch = await verify(await sign(claims()));
    expect(launch).toMatchObject({ issuer: ISS, clientId: 'client-1', deploymentId: '1', sub: '42', messageType: 'LtiResourceLinkRequest', resourceLink: { id: '12' } });
  });

  it('refuses alg none and HS256 before any key lookup', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect((await refusal(verify(`${b64({ alg: 'none', kid: 'k1' })}.${b64(claims())}.`))).code).toBe('LTI_ID_TOKEN_ALG_NOT_ALLOWED');
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!!'));
    expect((await refusal(verify(hs))).code).toBe('LTI_ID_TOKEN_ALG_NOT_ALLOWED');
  });

  it('refuses a token signed by another key under our kid', async () => {
    expect((await refusal(verify(await sign(claims(), undefined, otherKey)))).code).toBe('LTI_ID_TOKEN_SIGNATURE_INVALID');
  });

  it('refuses garbage', async () => {
    expect((await refusal(verify('not-a-jwt'))).code).toBe('LTI_ID_TOKEN_MALFORMED');
  });

  it.each([
    ['a wrong aud', { aud: 'client-2' }, 'LTI_ID_TOKEN_AUDIENCE_MISMATCH'],
    ['several audiences without azp', { aud: ['client-1', 'client-2'] }, 'LTI_ID_TOKEN_AZP_MISMATCH'],
    ['an azp that is not us', { aud: ['client-1', 'client-2'], azp: 'client-2' }, 'LTI_ID_TOKEN_AZP_MISMATCH'],
    ['another issuer', { iss: 'https://evil.example.org' }, 'LTI_ID_TOKEN_ISSUER_MISMATCH'],
    ['an issuer with a trailing slash', { iss: `${ISS}/` }, 'LTI_ID_TOKEN_ISSUER_MISMATCH'],
    ['an unknown deployment', { [`${CLAIM}deployment_id`]: '2' }, 'LTI_DEPLOYMENT_UNKNOWN'],
    ['a missing nonce', { nonce: undefined }, 'LTI_NONCE_MISSING'],
    ['a nonce of another login', { nonce: 'another' }, 'LTI_NONCE_MISMATCH'],
    ['a submission review message', { [`${CLAIM}message_type`]: 'LtiSubmissionReviewRequest' }, 'LTI_MESSAGE_TYPE_INVALID'],
    ['a target_link_uri elsewhere', { [`${CLAIM}target_link_uri`]: 'https://evil.example.org/lti/launch' }, 'LTI_TARGET_LINK_URI_FOREIGN'],
    ['roles that are not an array', { [`${CLAIM}roles`]: 'Instructor' }, 'LTI_CLAIM_MISSING'],
    ['a missing exp', { exp: undefined }, 'LTI_ID_TOKEN_TIMESTAMPS_INVALID'],
    ['an nbf in two minutes', { nbf: Math.floor(Date.now() / 1000) + 120 }, 'LTI_ID_TOKEN_NOT_YET_VALID'],
  ])('refuses %s', async (_label, overrides, code) => {
    expect((await refusal(verify(await sign(claims(overrides))))).code).toBe(code);
  });

  it('accepts several audiences when azp is our client id', async () => {
    await expect(verify(await sign(claims({ aud: ['client-1', 'client-2'], azp: 'client-1' })))).resolves.toBeDefined();
  });

  it('refuses a nonce already used under another state, as a replay', async () => {
    expect((await refusal(verify(await sign(claims({ nonce: 'the-nonce-of-an-earlier-launch' })), true))).code).toBe('LTI_NONCE_REUSED');
  });

  describe('clock skew', () => {
    const now = () => Math.floor(Date.now() / 1000);
    it.each([
      ['issued 50 s in the future', { iat: now() + 50, exp: now() + 110 }],
      ['expired 50 s ago', { iat: now() - 110, exp: now() - 50 }],
      ['not before 50 s from now', { nbf: now() + 50 }],
    ])('accepts a token %s', async (_label, overrides) => {
      await expect(verify(await sign(claims(overrides)))).resolves.toBeDefined();
    });
    it.each([
      ['issued 70 s in the future', { iat: now() + 70, exp: now() + 130 }, 'LTI_ID_TOKEN_NOT_YET_VALID'],
      ['expired 70 s ago', { iat: now() - 130, exp: now() - 70 }, 'LTI_ID_TOKEN_EXPIRED'],
    ])('refuses a token %s', async (_label, overrides, code) => {
      expect((await refusal(verify(await sign(claims(overrides))))).code).toBe(code);
    });
  });

  it('reads the optional claims Moodle sends and ignores custom parameters for authority', async () => {
    const launch = await verify(
      await sign(
        claims({
          [`${CLAIM}custom`]: { pix_activity: 'campaign:ABC', role: 'Administrator', 'bad.key': 'x', nested: { a: 1 } },
          [`${CLAIM}context`]: { id: '7', title: '3e B' },
          'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: ['s'], lineitems: 'https://elea.ac-test.fr/lineitems' },
        }),
      ),
    );
    expect(launch.custom).toEqual({ pix_activity: 'campaign:ABC', role: 'Administrator' });
    expect(launch.roles).toEqual(['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner']);
    expect(launch.context).toEqual({ id: '7', title: '3e B', label: undefined });
    expect(launch.ags).toEqual({ scopes: ['s'], lineItemsUrl: 'https://elea.ac-test.fr/lineitems', lineItemUrl: undefined });
  });
});
