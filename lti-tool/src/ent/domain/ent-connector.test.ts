import { describe, expect, it } from 'vitest';
import { entRegistrationIdOf, normaliseOrigin, parseEntRegistrationId, publicJwksProblem } from './ent-connector.js';

describe('ENT connector rules', () => {
  it.each([
    ['https://ent.example.org', 'https://ent.example.org'],
    ['https://ENT.example.org/', 'https://ent.example.org'],
    ['https://ent.example.org:8443', 'https://ent.example.org:8443'],
  ])('takes %s as the origin %s', (typed, origin) => {
    expect(normaliseOrigin(typed, { allowHttp: false })).toEqual({ ok: true, origin });
  });

  it.each(['https://ent.example.org/mediacentre', 'https://ent.example.org/?a=1', 'https://ent.example.org/#x', 'https://*.example.org', 'http://ent.example.org', 'null', '*', 'https://u:p@ent.example.org'])(
    'refuses %s as a page origin',
    (typed) => {
      expect(normaliseOrigin(typed, { allowHttp: false }).ok).toBe(false);
    },
  );

  it('allows http on loopback hosts in development only', () => {
    expect(normaliseOrigin('http://127.0.0.1:4100', { allowHttp: true })).toEqual({ ok: true, origin: 'http://127.0.0.1:4100' });
    expect(normaliseOrigin('http://127.0.0.1:4100', { allowHttp: false }).ok).toBe(false);
    expect(normaliseOrigin('http://ent.example.org', { allowHttp: true }).ok).toBe(false);
  });

  const rsa = { kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB', alg: 'RS256', use: 'sig' };
  const ec = { kty: 'EC', kid: 'k2', crv: 'P-256', x: 'x', y: 'y' };
  it('accepts public RSA and P-256 keys with a kid each', () => {
    expect(publicJwksProblem([rsa, ec])).toBeUndefined();
  });

  it.each([
    [[], 'no key'],
    [[{ ...rsa, d: 'secret' }], 'private members'],
    [[{ ...rsa, kid: undefined }], 'no kid'],
    [[rsa, { ...ec, kid: 'k1' }], 'repeats kid'],
    [[{ ...rsa, use: 'enc' }], 'not a signing key'],
    [[{ ...rsa, alg: 'HS256' }], 'only RS256 or ES256'],
    [[{ kty: 'oct', kid: 'k', k: 'c2VjcmV0' }], 'private members'],
    [[{ ...ec, crv: 'P-384' }], 'P-256'],
    [[{ kty: 'OKP', kid: 'k', crv: 'Ed25519', x: 'x' }], 'only RSA or EC'],
  ])('refuses keys %j (%s)', (keys, problem) => {
    expect(publicJwksProblem(keys as Record<string, unknown>[])).toContain(problem);
  });

  it('maps a connector and a school to a registration id no LTI registration has, and back', () => {
    const id = 'ent_0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e';
    expect(entRegistrationIdOf(id, '0750654D')).toBe(`${id}:0750654D`);
    expect(parseEntRegistrationId(`${id}:0750654D`)).toEqual({ connectorId: id, uai: '0750654D' });
    expect(parseEntRegistrationId('reg_0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e')).toBeUndefined();
  });
});
