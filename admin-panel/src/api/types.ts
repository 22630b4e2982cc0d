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
