import type { CandidateIdentity } from './candidate-course.js';
import type { CompetenceLevel } from './rules.js';
import type { CertificationStatus, RejectionReason } from './scoring.js';

/**
 * A published certification result: what attestations, the verification page, the pull
 * API and the registry credential are made from. Written once, at publication, and
 * never changed (its registry delivery state lives beside it, see ADR 0020).
 */
export interface CertificationResult {
  /** The certification (course) id, a UUID: also the registry idempotency key. */
  id: string;
  sessionId: string;
  sessionNumber: number;
  academyId: string;
  centre: { uai: string; name: string };
  candidate: CandidateIdentity;
  status: CertificationStatus;
  rejectionReason?: RejectionReason;
  pixScore: number;
  competenceLevels: CompetenceLevel[];
  /** `YYYY-MM-DD`: the session's date, the certification's date. */
  certifiedOn: string;
  publishedAt: Date;
  verificationCode: string;
  framework: string;
  answersCounted: number;
  downgradedBy: number;
}

/** What anyone holding the verification code may see: exactly what the attestation shows. */
export interface PublicCertificate {
  verificationCode: string;
  firstName?: string;
  lastName?: string;
  status: CertificationStatus;
  pixScore: number;
  competenceLevels: CompetenceLevel[];
  certifiedOn: string;
  validUntil: string;
  centre: { uai: string; name: string };
  framework: string;
}

export function validUntil(certifiedOn: string, years: number): string {
  const [y, m, d] = certifiedOn.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export function publicCertificate(result: CertificationResult, validityYears: number): PublicCertificate {
  return {
    verificationCode: result.verificationCode,
    firstName: result.candidate.firstName,
    lastName: result.candidate.lastName,
    status: result.status,
    pixScore: result.pixScore,
    competenceLevels: result.competenceLevels,
    certifiedOn: result.certifiedOn,
    validUntil: validUntil(result.certifiedOn, validityYears),
    centre: result.centre,
    framework: result.framework,
  };
}
