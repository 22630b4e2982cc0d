import { describe, expect, it } from 'vitest';
import { checkAssertionClaims, type AssertionExpectations } from './assertion-claims.js';
import { EntRefusal } from './ent-refusal.js';

const NOW = new Date('2026-03-12T09:00:00Z');
const T = NOW.getTime() / 1000;
const EXPECT: AssertionExpectations = { issuer: 'https://ent.example.org', audience: 'https://pix-lti.example.org', uais: ['0750654D', '0750699C'], now: NOW };

const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: 'https://ent.example.org',
  aud: 'https://pix-lti.example.org',
  sub: 'a1b2c3d4',
  uai: '0750654D',
  roles: ['learner'],
  iat: T - 10,
  exp: T + 110,
  jti: '6f1c2b1e-1111-4c7e-9d1a-0a1b2c3d4e5f',
  ...overrides,
});

function refusal(overrides: Record<string, unknown>, expect: Partial<AssertionExpectations> = {}): { code: string; check: unknown } {
  try {
    checkAssertionClaims(claims(overrides), { ...EXPECT, ...expect });
  } catch (err) {
    if (err instanceof EntRefusal) return { code: err.code, check: (err.details as { check: unknown }).check };
    throw err;
  }
  throw new Error('accepted');
}

describe('ENT assertion claims', () => {
  it('accepts a learner assertion and keeps only what the session needs', () => {
    const verified = checkAssertionClaims(claims({ context: { id: 'grp-3B', label: ' 3e B ' }, activity: ' bcterd153 ', name: 'Lou Bernard', email: 'lou@ent.example.org' }), EXPECT);
    expect(verified).toEqual({
      sub: 'a1b2c3d4',
      uai: '0750654D',
      roles: { learner: true, instructor: false },
      rawRoles: ['learner'],
      context: { id: 'grp-3B', label: '3e B' },
      activityCode: 'BCTERD153',
      jti: '6f1c2b1e-1111-4c7e-9d1a-0a1b2c3d4e5f',
      expiresAt: new Date((T + 110) * 1000),
    });
  });

  it('accepts an instructor, both roles, a lower-case UAI, and aud as a one-element array', () => {
    expect(checkAssertionClaims(claims({ roles: ['instructor'] }), EXPECT).roles).toEqual({ learner: false, instructor: true });
    expect(checkAssertionClaims(claims({ roles: ['learner', 'instructor', 'learner'] }), EXPECT).rawRoles).toEqual(['learner', 'instructor']);
    expect(checkAssertionClaims(claims({ uai: '0750699c' }), EXPECT).uai).toBe('0750699C');
    expect(checkAssertionClaims(claims({ aud: ['https://pix-lti.example.org/'] }), EXPECT).uai).toBe('0750654D');
  });

  it('tolerates 60 s of clock skew either way', () => {
    expect(() => checkAssertionClaims(claims({ iat: T - 170, exp: T - 50 }), EXPECT)).not.toThrow();
    expect(() => checkAssertionClaims(claims({ iat: T + 50, exp: T + 170 }), EXPECT)).not.toThrow();
  });

  it.each([
    [{ iss: 'https://other.example.org' }, 'ENT_CONNECTOR_UNKNOWN'],
    [{ aud: 'https://evil.example.org' }, 'ENT_ASSERTION_AUDIENCE_MISMATCH'],
    [{ aud: ['https://pix-lti.example.org', 'https://other.example.org'] }, 'ENT_ASSERTION_AUDIENCE_MISMATCH'],
    [{ aud: undefined }, 'ENT_ASSERTION_AUDIENCE_MISMATCH'],
    [{ exp: undefined }, 'ENT_ASSERTION_TIMESTAMPS_INVALID'],
    [{ iat: '1700000000' }, 'ENT_ASSERTION_TIMESTAMPS_INVALID'],
    [{ iat: T - 200, exp: T - 61 }, 'ENT_ASSERTION_EXPIRED'],
    [{ iat: T + 61, exp: T + 200 }, 'ENT_ASSERTION_NOT_YET_VALID'],
    [{ nbf: T + 120 }, 'ENT_ASSERTION_NOT_YET_VALID'],
    [{ iat: T - 10, exp: T + 291 }, 'ENT_ASSERTION_TOO_LONG_LIVED'],
    [{ iat: T, exp: T }, 'ENT_ASSERTION_TIMESTAMPS_INVALID'],
    [{ jti: undefined }, 'ENT_ASSERTION_JTI_MISSING'],
    [{ jti: 'short' }, 'ENT_ASSERTION_JTI_MISSING'],
    [{ sub: undefined }, 'ENT_SUB_INVALID'],
    [{ sub: 'two words' }, 'ENT_SUB_INVALID'],
    [{ sub: 'x'.repeat(256) }, 'ENT_SUB_INVALID'],
    [{ sub: 'lou.bernard@ac-versailles.fr' }, 'ENT_SUB_NOT_PSEUDONYMOUS'],
    [{ sub: 'lbernard@ENT' }, 'ENT_SUB_NOT_PSEUDONYMOUS'],
    [{ uai: undefined }, 'ENT_UAI_INVALID'],
    [{ uai: '0750654E' }, 'ENT_UAI_INVALID'],
    [{ uai: '0780001C' }, 'ENT_UAI_FOREIGN'],
    [{ roles: undefined }, 'ENT_ROLES_INVALID'],
    [{ roles: 'learner' }, 'ENT_ROLES_INVALID'],
    [{ roles: [] }, 'ENT_ROLES_INVALID'],
    [{ roles: ['administrator'] }, 'ENT_ROLES_INVALID'],
    [{ roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] }, 'ENT_ROLES_INVALID'],
    [{ context: 'grp-3B' }, 'ENT_CONTEXT_INVALID'],
    [{ context: { label: '3e B' } }, 'ENT_CONTEXT_INVALID'],
    [{ context: { id: 'grp', label: 'x'.repeat(201) } }, 'ENT_CONTEXT_INVALID'],
    [{ activity: 'BCTERD15' }, 'ENT_ACTIVITY_INVALID'],
    [{ activity: 42 }, 'ENT_ACTIVITY_INVALID'],
  ])('refuses %j with %s', (overrides, code) => {
    expect(refusal(overrides).code).toBe(code);
  });

  it('names the failing check', () => {
    expect(refusal({ iat: T - 10, exp: T + 291 })).toEqual({ code: 'ENT_ASSERTION_TOO_LONG_LIVED', check: 'exp − iat exceeds 300 s' });
    expect(refusal({ aud: ['https://pix-lti.example.org', 'https://other.example.org'] }).check).toBe('aud lists other audiences too');
  });
});
