/**
 * What the tool knows about a person after a verified LTI launch, and all that other
 * modules may rely on. Built only from the verified id_token: roles come from the signed
 * roles claim, never from custom parameters; names and e-mail are present only when the
 * registration opted in (students are minors: least personal data).
 */
export interface Tenant {
  issuer: string;
  clientId: string;
  deploymentId: string;
}

export interface LtiRoles {
  /** Context role Learner (or Student), the only role that takes tests and receives grades. */
  learner: boolean;
  /** Context role Instructor (or TeachingAssistant/ContentDeveloper/Mentor): follows the class, adds activities. */
  instructor: boolean;
  /** Institution or system administrator. */
  administrator: boolean;
  /** The signed role URIs as received, for audit. */
  raw: string[];
}

/** The Pix activity a resource link points to, as written into its custom parameters at deep linking. */
export interface ActivityRef {
  type: 'campaign' | 'competence-evaluation' | 'certification';
  id: string;
}

export interface LaunchSession {
  id: string;
  /** Stable id of the tenant (issuer, client_id, deployment_id). */
  tenantId: string;
  tenant: Tenant;
  registrationId: string;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  user: {
    /** Our pseudonymous id for (tenant, sub): use it as the learner's key everywhere. */
    id: string;
    /** The platform's user id, needed only to talk back to the platform (AGS, NRPS). */
    sub: string;
    givenName?: string;
    familyName?: string;
    name?: string;
    email?: string;
  };
  roles: LtiRoles;
  context?: { id: string; label?: string; title?: string };
  resourceLink?: { id: string; title?: string };
  activity?: ActivityRef;
  ags?: { lineItemUrl?: string; lineItemsUrl?: string; scopes: string[] };
  nrps?: { membershipsUrl: string };
  deepLinking?: {
    /** The verified `deep_link_return_url`: the only place a deep-linking response is posted to. */
    returnUrl: string;
    /** Opaque platform data, echoed unchanged in the response. */
    data?: string;
    acceptMultiple: boolean;
    acceptTypes: string[];
    acceptPresentationDocumentTargets: string[];
    /** `accept_lineitem`: false when the platform does not want line items in the response. */
    acceptLineItem?: boolean;
  };
  /** BCP 47 tag from launch_presentation.locale, e.g. `fr-FR`. */
  locale?: string;
  returnUrl?: string;
  createdAt: Date;
  expiresAt: Date;
}

export type NewLaunchSession = Omit<LaunchSession, 'id' | 'tenantId' | 'createdAt' | 'expiresAt' | 'user'> & {
  user: Omit<LaunchSession['user'], 'id'>;
};
