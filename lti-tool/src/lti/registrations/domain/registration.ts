/**
 * A registration is one LTI platform client: the (issuer, client_id) pair a platform
 * gave us, its endpoints, and the deployments under it. A tenant is one of those
 * deployments: (issuer, client_id, deployment_id). A platform may launch only while its
 * registration is `active` and only through a deployment registered here (ltijs never
 * checked the deployment, see docs/adr/0004-ltijs.md).
 */
export type RegistrationStatus = 'pending' | 'active' | 'rejected' | 'disabled';

/** How the registration came to exist. */
export type RegistrationOrigin = 'manual' | 'dynamic-registration' | 'ltijs-import';

export interface PrivacySettings {
  /** Keep given_name/family_name/name from launches (off by default: students are minors). */
  sendNames: boolean;
  /** Keep email from launches (off by default). */
  sendEmail: boolean;
}

export const DEFAULT_PRIVACY: PrivacySettings = { sendNames: false, sendEmail: false };

export interface StatusChange {
  status: RegistrationStatus;
  at: Date;
  by?: string;
  reason?: string;
}

export interface Registration {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  /** `tool_platform.product_family_code` or the openid configuration's, e.g. `moodle`. */
  productFamily?: string;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** `aud` of our client assertions when the platform names one (default: the token URL). */
  authServer?: string;
  privacy: PrivacySettings;
  status: RegistrationStatus;
  statusHistory: StatusChange[];
  origin: RegistrationOrigin;
  /** The academy (or other organisation) it belongs to; a free code until admin links academies. */
  academy?: string;
  deploymentIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** What lti-services needs to talk to a platform (access tokens, AGS, NRPS). */
export interface PlatformEndpoints {
  issuer: string;
  clientId: string;
  tokenUrl: string;
  jwksUrl: string;
  authLoginUrl: string;
  status: RegistrationStatus;
}

export type StatusAction = 'approve' | 'reject' | 'disable';

const TRANSITIONS: Record<StatusAction, { from: RegistrationStatus[]; to: RegistrationStatus }> = {
  // Approving also re-enables a disabled registration, and lets an admin revise a rejection.
  approve: { from: ['pending', 'disabled', 'rejected'], to: 'active' },
  reject: { from: ['pending'], to: 'rejected' },
  disable: { from: ['pending', 'active'], to: 'disabled' },
};

/** The status after `action`, or undefined when the action makes no sense from `current`. */
export function nextStatus(current: RegistrationStatus, action: StatusAction): RegistrationStatus | undefined {
  const rule = TRANSITIONS[action];
  return rule.from.includes(current) ? rule.to : undefined;
}

/** An issuer as registered and compared: exact string, minus a trailing slash some admins paste. */
export function normaliseIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, '');
}

/** Deployment ids are opaque strings chosen by the platform (Moodle: the tool type id). */
export function isValidDeploymentId(id: string): boolean {
  return id.length >= 1 && id.length <= 255 && [...id].every((c) => c.charCodeAt(0) >= 0x20);
}

export function endpointsOf(r: Registration): PlatformEndpoints {
  return { issuer: r.issuer, clientId: r.clientId, tokenUrl: r.tokenUrl, jwksUrl: r.jwksUrl, authLoginUrl: r.authLoginUrl, status: r.status };
}

/** The origins a registered platform frames us from and posts to (CSP frame-ancestors, form-action). */
export function platformOrigins(r: Pick<Registration, 'issuer' | 'authLoginUrl'>): string[] {
  const origins = new Set<string>();
  for (const url of [r.issuer, r.authLoginUrl]) {
    try {
      origins.add(new URL(url).origin);
    } catch {
      // An issuer need not be a URL in general; Moodle's always is.
    }
  }
  return [...origins];
}
