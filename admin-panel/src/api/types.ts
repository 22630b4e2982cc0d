/** The admin API's shapes, as the panel uses them (lti-tool/src/admin, organizations, audit). */
export type AdminRole = 'academy-admin' | 'school-admin' | 'auditor';

export interface Admin {
  id: string;
  email: string;
  displayName: string;
  role: AdminRole;
  academy: string;
  uai: string | null;
}

export interface SessionInfo {
  admin: Admin;
  csrfToken: string;
  expiresAt: string;
}

export interface School {
  uai: string;
  name: string;
  city: string;
  academy: string;
  platformIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SchoolPage {
  schools: School[];
  total: number;
  page: number;
  pageSize: number;
}

export interface KeyInfo {
  kid: string;
  createdAt: string;
  retireAt: string | null;
  published: boolean;
  active: boolean;
}

export interface Keyring {
  activeKid: string;
  keys: KeyInfo[];
  overlap: { defaultSeconds: number; minSeconds: number; maxSeconds: number };
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id?: string; email?: string; role?: string };
  action: string;
  target: { type: string; id: string; label?: string };
  scope: { academy: string; uai?: string };
  outcome: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  changed?: string[];
  requestId?: string;
  ip?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  next?: string;
}

export type RegistrationStatus = 'pending' | 'active' | 'rejected' | 'disabled';

export interface Registration {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  productFamily: string | null;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  authServer: string | null;
  status: RegistrationStatus;
  statusHistory: Array<{ status: RegistrationStatus; at: string; by?: string; reason?: string }>;
  origin: 'manual' | 'dynamic-registration' | 'ltijs-import';
  academy: string | null;
  deploymentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionTest {
  ok: boolean;
  checks: Array<{ step: 'jwks' | 'token'; ok: boolean; code?: string; detail: string }>;
}

// Campaigns (lti-tool/src/campaigns/http/campaign-admin.routes.ts)
export type CampaignType = 'ASSESSMENT' | 'PROFILES_COLLECTION' | 'EXAM';
export type CampaignMethod = 'SMART_RANDOM' | 'FLASH';

export interface Campaign {
  id: string;
  code: string;
  title: string;
  description?: string;
  type: CampaignType;
  method: CampaignMethod;
  flashLength?: number;
  targetTubes: Array<{ tubeId: string; maxLevel: number }>;
  skillCount: number;
  multipleSendings: boolean;
  academy: string;
  uai?: string;
  registrationIds: string[];
  archivedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignPage {
  total: number;
  page: number;
  pageSize: number;
  campaigns: Campaign[];
}

/** The public framework tree (`/api/content/framework`), as the target-profile builder reads it. */
export interface FrameworkTree {
  maxReachableLevel: number;
  areas: Array<{
    id: string;
    code: string;
    name: { fr: string; en?: string };
    competences: Array<{
      id: string;
      code: string;
      name: { fr: string; en?: string };
      tubes: Array<{ id: string; title: { fr: string; en?: string }; levels: number[] }>;
    }>;
  }>;
}

// Item bank (lti-tool/src/content/http/content-admin.routes.ts)
export interface ItemBankSummary {
  activeVersionId: string | null;
  versions: Array<{ id: string; bankId: string; label: string; importedAt: string; challengeCount: number; complete: boolean }>;
  counts: { challenges: number; skills: number; tubes: number; byStatus: Record<string, number> };
  competences: Array<{ id: string; code: string; name: { fr: string; en?: string } }>;
}

export interface ImportIssue {
  code: string;
  message: string;
  file: string;
  section?: string;
  item?: string;
  field?: string;
  line?: number;
}

export interface ImportReport {
  ok: boolean;
  outcome: 'imported' | 'unchanged' | 'reactivated' | 'validated' | 'invalid';
  versionId?: string;
  previousVersionId?: string;
  counts: Record<string, number>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export type ChallengeStatus = 'validated' | 'draft' | 'archived' | 'obsolete';

export interface ChallengeRow {
  id: string;
  type: string;
  status: ChallengeStatus;
  skill: { id: string; name?: string; level?: number };
  competence: { code: string; name: string };
  instruction: string;
}

export interface ChallengePage {
  total: number;
  page: number;
  pageSize: number;
  challenges: ChallengeRow[];
}

// Operations (grading, registry outbox, LTI launch failures)
export type GradeStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'superseded';

export interface AdminGrade {
  id: string;
  learnerId: string;
  status: GradeStatus;
  scoreGiven: number;
  scoreMaximum: number;
  attempts: number;
  failure?: { code: string; reason: string; httpStatus?: number; at: string };
  lastError?: { code: string; reason: string; httpStatus?: number; at: string };
  nextAttemptAt?: string;
  updatedAt: string;
  registrationId: string;
  contextId: string;
}

export interface GradeSummary {
  counts: Record<string, number>;
  oldestWaitingSince: string | null;
}

export interface OutboxEntry {
  id: string;
  academyId: string;
  centreUai: string;
  sessionNumber: number;
  publishedAt: string;
  delivery: { state: string; attempts: number; lastError?: string; lastStatus?: number; nextAttemptAt?: string; deadAt?: string };
}

export interface Outbox {
  counts: Record<string, number>;
  entries: OutboxEntry[];
}

export interface LaunchFailures {
  from: string;
  to: string;
  step: 'hour' | 'day';
  total: number;
  codes: Array<{ code: string; total: number }>;
  series: Array<{ at: string; total: number; counts: Record<string, number> }>;
  platforms: Array<{ registrationId: string | null; name: string | null; total: number }>;
}

// Registry (lti-tool/src/registry/http/registry-admin.routes.ts)
export interface RegistryEndpoint {
  academyId: string;
  url: string;
  auth: { kind: 'bearer'; tokenSet: true } | { kind: 'oauth2'; tokenUrl: string; clientId: string; scope?: string; clientSecretSet: true };
  enabled: boolean;
  includeClearIne: boolean;
  updatedAt: string;
}

export interface TestCredentialResult {
  ok: boolean;
  outcome: 'delivered' | 'refused' | 'unreachable';
  status?: number;
  error?: string;
  credentialId: string;
}
