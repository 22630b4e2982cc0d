import { describe, expect, it } from 'vitest';
import type { CertificationResult } from '../../certification/domain/certification-result.js';
import { COMPETENCE_IDS } from '../../certification/domain/rules.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, buildCertificationCredential, vcJwtClaims } from './certification-credential.js';
import { identityHash } from './identity-hash.js';

const result: CertificationResult = {
  id: '0b6f3a52-6f0e-4c1e-9d44-3f1f0f5f2a10',
  sessionId: 's1',
  sessionNumber: 1234,
  academyId: 'versailles',
  centre: { uai: '0781234A', name: 'Collège Jean Moulin' },
  candidate: { learnerId: 'lrn_42', firstName: 'Léa', lastName: 'Martin', birthdate: '2011-05-04', nationalStudentId: '123456789AB' },
  status: 'validated',
  pixScore: 412,
  competenceLevels: COMPETENCE_IDS.map((competenceId, i) => ({ competenceId, level: i % 6 })),
  certifiedOn: '2026-03-10',
  publishedAt: new Date('2026-03-20T09:15:42.123Z'),
  verificationCode: 'P-7KD3XBQ9',
  framework: 'CORE',
  answersCounted: 32,
  downgradedBy: 0,
};
const ctx = { publicUrl: 'https://pix-lti.example.org', issuerName: 'Pix LTI', identitySalt: 'salt-versailles', pseudonymSecret: 'secret', includeClearIne: false };

describe('the Open Badges 3.0 credential of a certification', () => {
  const credential = buildCertificationCredential(result, ctx);

  it('has the VC 2.0 and OB 3.0 shape', () => {
    expect(credential['@context']).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe(`urn:uuid:${result.id}`);
    expect(credential.issuer).toMatchObject({ id: 'https://pix-lti.example.org/api/registry/issuer', type: ['Profile'] });
    expect(credential.validFrom).toBe('2026-03-20T09:15:42Z');
    expect(credential.validUntil).toBe('2029-03-10T23:59:59Z');
    expect(credential.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(credential.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], achievementType: 'Certification', criteria: { narrative: expect.any(String) } });
  });

  it('never carries the pupil’s name, birthdate or (by default) INE in clear', () => {
    const text = JSON.stringify(credential);
    for (const secret of ['Léa', 'Martin', '2011-05-04', '123456789AB', 'lrn_42']) expect(text).not.toContain(secret);
  });

  it('identifies the pupil by the salted hash of their INE, recomputable by the registry', () => {
    const ine = credential.credentialSubject.identifier.find((i) => i.identityType === 'ext:INE');
    expect(ine).toEqual({ type: 'IdentityObject', hashed: true, identityHash: identityHash('123456789AB', 'salt-versailles'), identityType: 'ext:INE', salt: 'salt-versailles' });
    expect(ine!.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
  });

  it('gives the same subject id for the same pupil and academy, another in another academy', () => {
    const again = buildCertificationCredential({ ...result, id: 'other' }, ctx);
    const elsewhere = buildCertificationCredential({ ...result, academyId: 'creteil' }, ctx);
    expect(again.credentialSubject.id).toBe(credential.credentialSubject.id);
    expect(elsewhere.credentialSubject.id).not.toBe(credential.credentialSubject.id);
    expect(credential.credentialSubject.id).toMatch(/^urn:pix-lti:learner:[0-9a-f]{40}$/);
  });

  it('carries the INE in clear only when the academy asks for it', () => {
    const clear = buildCertificationCredential(result, { ...ctx, includeClearIne: true });
    expect(clear.credentialSubject.identifier).toContainEqual({ type: 'IdentityObject', hashed: false, identityHash: '123456789AB', identityType: 'ext:INE' });
  });

  it('holds what the livret scolaire needs as results: status, score, code, 16 levels, and the UAI', () => {
    const byDescription = Object.fromEntries(credential.credentialSubject.result.map((r) => [r.resultDescription.split('#')[1], r.value]));
    expect(byDescription['status']).toBe('validated');
    expect(byDescription['pix-score']).toBe('412');
    expect(byDescription['verification-code']).toBe('P-7KD3XBQ9');
    expect(byDescription['competence-1.2']).toBe('1');
    expect(credential.credentialSubject.result).toHaveLength(3 + 16);
    const described = new Set(credential.credentialSubject.achievement.resultDescription.map((d) => d.id));
    for (const r of credential.credentialSubject.result) expect(described.has(r.resultDescription)).toBe(true);
    expect(credential.credentialSubject.source.otherIdentifier[0]).toEqual({ type: 'IdentifierEntry', identifier: '0781234A', identifierType: 'ext:UAI' });
  });

  it('marks a rejected certification as Failed with no levels', () => {
    const rejected = buildCertificationCredential({ ...result, status: 'rejected', pixScore: 0, competenceLevels: [] }, ctx);
    expect(rejected.credentialSubject.result[0]).toMatchObject({ value: 'rejected', status: 'Failed' });
    expect(rejected.credentialSubject.result).toHaveLength(3);
  });

  it('maps to the VC-JWT claims OB 3.0 requires', () => {
    const claims = vcJwtClaims(credential);
    expect(claims).toMatchObject({
      iss: credential.issuer.id,
      sub: credential.credentialSubject.id,
      jti: credential.id,
      nbf: Date.parse('2026-03-20T09:15:42Z') / 1000,
      exp: Date.parse('2029-03-10T23:59:59Z') / 1000,
      vc: credential,
    });
  });
});
