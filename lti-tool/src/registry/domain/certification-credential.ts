import { validUntil, type CertificationResult } from '../../certification/domain/certification-result.js';
import { CERTIFICATION_RULES, COMPETENCES } from '../../certification/domain/rules.js';
import { identityHash, subjectPseudonym } from './identity-hash.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** `ext:` identifier types (OB 3.0 IdentifierTypeEnum extension syntax). */
export const INE_IDENTITY_TYPE = 'ext:INE';
export const UAI_IDENTIFIER_TYPE = 'ext:UAI';

export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
}

export interface ResultEntry {
  type: ['Result'];
  resultDescription: string;
  value?: string;
  status?: 'Completed' | 'Failed';
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  allowedValue?: string[];
}

export interface CertificationCredential {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  validUntil: string;
  awardedDate: string;
  name: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    activityEndDate: string;
    source: { id: string; type: ['Profile']; name: string; otherIdentifier: Array<{ type: 'IdentifierEntry'; identifier: string; identifierType: string }> };
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Certification';
      name: string;
      description: string;
      humanCode: string;
      criteria: { narrative: string };
      resultDescription: ResultDescription[];
    };
    result: ResultEntry[];
  };
}

export interface CredentialContext {
  /** The tool's public URL: issuer, achievement and verification links start with it. */
  publicUrl: string;
  issuerName: string;
  /** The academy's identity salt (OB IdentityObject salt), published in the credential. */
  identitySalt: string;
  /** Secret that keys the subject pseudonym (never published). */
  pseudonymSecret: string;
  /** Also carry the INE in clear (an academy setting, off by default: least data). */
  includeClearIne: boolean;
}

export const credentialIdOf = (certificationId: string) => `urn:uuid:${certificationId}`;
export const issuerIdOf = (publicUrl: string) => `${publicUrl}/api/registry/issuer`;
export const achievementIdOf = (publicUrl: string, framework: string) => `${publicUrl}/api/registry/achievements/pix-certification-${framework.toLowerCase()}`;

/**
 * The Open Badges 3.0 credential (W3C VC data model 2.0) for one published result.
 * The pupil appears only as a keyed pseudonym and a salted hash of their INE (or of
 * our learner id when the INE is unknown); names and birthdate never leave the tool
 * this way. Everything the livret scolaire needs is a `Result` described by the
 * achievement's `resultDescription`s: status, pix score, verification code, and a level
 * per competence; the centre's UAI is the subject's `source`.
 */
export function buildCertificationCredential(result: CertificationResult, ctx: CredentialContext): CertificationCredential {
  const achievementId = achievementIdOf(ctx.publicUrl, result.framework);
  const describe = (suffix: string) => `${achievementId}#${suffix}`;
  const learnerKey = result.candidate.nationalStudentId ? `ine:${result.candidate.nationalStudentId}` : result.candidate.learnerId ? `learner:${result.candidate.learnerId}` : `certification:${result.id}`;

  const identifier: IdentityObject[] = [];
  if (result.candidate.nationalStudentId) {
    identifier.push({ type: 'IdentityObject', hashed: true, identityHash: identityHash(result.candidate.nationalStudentId, ctx.identitySalt), identityType: INE_IDENTITY_TYPE, salt: ctx.identitySalt });
    if (ctx.includeClearIne) identifier.push({ type: 'IdentityObject', hashed: false, identityHash: result.candidate.nationalStudentId, identityType: INE_IDENTITY_TYPE });
  }
  if (result.candidate.learnerId) {
    identifier.push({ type: 'IdentityObject', hashed: true, identityHash: identityHash(result.candidate.learnerId, ctx.identitySalt), identityType: 'identifier', salt: ctx.identitySalt });
  }

  const resultDescription: ResultDescription[] = [
    { id: describe('status'), type: ['ResultDescription'], name: 'Statut', resultType: 'Status', allowedValue: ['validated', 'rejected'] },
    { id: describe('pix-score'), type: ['ResultDescription'], name: 'Score Pix', resultType: 'ScaledScore', valueMin: '0', valueMax: '895' },
    { id: describe('verification-code'), type: ['ResultDescription'], name: 'Code de vérification', resultType: 'ext:VerificationCode' },
    ...COMPETENCES.map((c) => ({
      id: describe(`competence-${c.id}`),
      type: ['ResultDescription'] as ['ResultDescription'],
      name: `${c.id} ${c.name}`,
      resultType: 'PerformanceLevel',
      valueMin: '0',
      valueMax: '7',
    })),
  ];
  const validated = result.status === 'validated';
  const results: ResultEntry[] = [
    { type: ['Result'], resultDescription: describe('status'), value: result.status, status: validated ? 'Completed' : 'Failed' },
    { type: ['Result'], resultDescription: describe('pix-score'), value: String(result.pixScore) },
    { type: ['Result'], resultDescription: describe('verification-code'), value: result.verificationCode },
    ...result.competenceLevels.map((c) => ({ type: ['Result'] as ['Result'], resultDescription: describe(`competence-${c.competenceId}`), value: String(c.level) })),
  ];

  const validFrom = toSeconds(result.publishedAt);
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialIdOf(result.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerIdOf(ctx.publicUrl), type: ['Profile'], name: ctx.issuerName, url: ctx.publicUrl },
    validFrom,
    validUntil: `${validUntil(result.certifiedOn, CERTIFICATION_RULES.validityYears)}T23:59:59Z`,
    awardedDate: validFrom,
    name: validated ? `Certification Pix : ${result.pixScore} pix` : 'Certification Pix : non validée',
    credentialSubject: {
      id: subjectPseudonym(ctx.pseudonymSecret, result.academyId, learnerKey),
      type: ['AchievementSubject'],
      identifier,
      activityEndDate: `${result.certifiedOn}T00:00:00Z`,
      source: {
        id: `urn:uai:${result.centre.uai}`,
        type: ['Profile'],
        name: result.centre.name,
        otherIdentifier: [{ type: 'IdentifierEntry', identifier: result.centre.uai, identifierType: UAI_IDENTIFIER_TYPE }],
      },
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: 'Certification Pix',
        description: 'Certification des compétences numériques (cadre de référence CRCN, 16 compétences, niveaux 1 à 7).',
        humanCode: `PIX-${result.framework}`,
        criteria: {
          narrative: `Test adaptatif surveillé de ${CERTIFICATION_RULES.maximumAnswers} questions sur les 16 compétences, en ${CERTIFICATION_RULES.durationMinutes} minutes (plus le temps majoré accordé). Au moins ${CERTIFICATION_RULES.minimumAnswersToValidate} réponses sont nécessaires pour valider. Vérifiable avec le code de vérification sur ${ctx.publicUrl}/certifications/verification.`,
        },
        resultDescription,
      },
      result: results,
    },
  };
}

/** ISO 8601 without milliseconds (VC `dateTimeStamp`), matching the JWT's whole-second `nbf`. */
export function toSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * JWT claims of the VC-JWT: the credential itself as the payload (VC 2.0 JOSE), the
 * Open Badges 3.0 `vc` claim, and the registered claims OB maps from it.
 */
export function vcJwtClaims(credential: CertificationCredential): Record<string, unknown> {
  return {
    ...credential,
    vc: credential,
    iss: credential.issuer.id,
    sub: credential.credentialSubject.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    exp: Math.floor(Date.parse(credential.validUntil) / 1000),
  };
}
