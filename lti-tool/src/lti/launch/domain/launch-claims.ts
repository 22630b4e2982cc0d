import { LaunchRefusal } from './launch-refusal.js';

/**
 * The claim checks of the LTI 1.3 core spec (§5.1.3) and the 1EdTech Security
 * Framework (§5.1.3 "Authentication Response Validation"), applied to the payload of an
 * id_token whose RS256 signature has already been verified with the platform's key.
 * Pure: the clock and what we expect come in, a typed launch or a named refusal comes out.
 */
export const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

/** Moodle's tokens live 60 s; clocks of school servers drift. The spec allows "a few minutes"; we allow 60 s. */
export const CLOCK_SKEW_SECONDS = 60;

export type LtiMessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';

export interface LaunchExpectations {
  issuer: string;
  clientId: string;
  deploymentIds: readonly string[];
  /** The nonce we sent with this login's state. */
  nonce: string;
  /** Whether an accepted launch already carried this nonce (looked up before the claims are checked). */
  isNonceUsed: (nonce: string) => boolean;
  /** Our public URL: target_link_uri must point under it. */
  toolUrl: string;
  now: Date;
}

export interface DeepLinkingSettings {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMultiple: boolean;
  acceptLineItem?: boolean;
  autoCreate?: boolean;
  title?: string;
  text?: string;
  data?: string;
}

export interface VerifiedLaunch {
  issuer: string;
  clientId: string;
  deploymentId: string;
  sub: string;
  messageType: LtiMessageType;
  roles: string[];
  nonce: string;
  issuedAt: number;
  expiresAt: number;
  targetLinkUri: string;
  context?: { id: string; label?: string; title?: string };
  resourceLink?: { id: string; title?: string };
  custom: Record<string, string>;
  locale?: string;
  returnUrl?: string;
  ags?: { scopes: string[]; lineItemsUrl?: string; lineItemUrl?: string };
  nrps?: { membershipsUrl: string };
  deepLinking?: DeepLinkingSettings;
  person: { givenName?: string; familyName?: string; name?: string; email?: string };
  productFamily?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 2048): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
const httpUrl = (v: unknown): string | undefined => {
  const s = str(v);
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? s : undefined;
  } catch {
    return undefined;
  }
};

export function checkLaunchClaims(payload: Json, expect: LaunchExpectations): VerifiedLaunch {
  if (!Object.keys(payload).some((k) => k.startsWith('https://purl.imsglobal.org/spec/lti'))) {
    throw new LaunchRefusal('LTI_ID_TOKEN_NOT_LTI', 'no LTI claim in the JWT');
  }
  checkIssuerAndAudience(payload, expect);
  const { issuedAt, expiresAt } = checkTimestamps(payload, expect.now);

  const nonce = str(payload.nonce, 512);
  if (!nonce) throw new LaunchRefusal('LTI_NONCE_MISSING', 'nonce missing');
  if (nonce !== expect.nonce) {
    // A nonce seen before is a replay (LTI_NONCE_REUSED), told apart from a foreign one. The
    // state's own nonce cannot have been used: its state is single-use and its record unique.
    if (expect.isNonceUsed(nonce)) throw new LaunchRefusal('LTI_NONCE_REUSED', 'nonce already used');
    throw new LaunchRefusal('LTI_NONCE_MISMATCH', 'nonce differs from the one sent with this state');
  }

  if (payload[`${CLAIM}version`] !== '1.3.0') {
    throw new LaunchRefusal('LTI_VERSION_INVALID', payload[`${CLAIM}version`] === undefined ? 'version missing' : 'version is not 1.3.0');
  }
  const messageType = payload[`${CLAIM}message_type`];
  if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest') {
    throw new LaunchRefusal('LTI_MESSAGE_TYPE_INVALID', messageType === undefined ? 'message_type missing' : 'message_type not supported', {
      messageType: typeof messageType === 'string' ? messageType.slice(0, 64) : undefined,
    });
  }
  const deploymentId = str(payload[`${CLAIM}deployment_id`], 255);
  if (!deploymentId) throw missing('deployment_id');
  if (!expect.deploymentIds.includes(deploymentId)) throw new LaunchRefusal('LTI_DEPLOYMENT_UNKNOWN', 'deployment_id not registered', { deploymentId });
  const sub = str(payload.sub, 255);
  if (!sub) throw missing('sub');
  const roles = strings(payload[`${CLAIM}roles`]);
  if (!roles) throw missing('roles');
  const targetLinkUri = str(payload[`${CLAIM}target_link_uri`]);
  if (!targetLinkUri) throw missing('target_link_uri');
  if (!isOurs(targetLinkUri, expect.toolUrl)) throw new LaunchRefusal('LTI_TARGET_LINK_URI_FOREIGN', 'target_link_uri is not under the tool URL');

  const launch: VerifiedLaunch = {
    issuer: expect.issuer,
    clientId: expect.clientId,
    deploymentId,
    sub,
    messageType,
    roles,
    nonce,
    issuedAt,
    expiresAt,
    targetLinkUri,
    custom: customParameters(payload[`${CLAIM}custom`]),
    person: {
      givenName: str(payload.given_name, 200),
      familyName: str(payload.family_name, 200),
      name: str(payload.name, 400),
      email: str(payload.email, 320),
    },
  };
  const context = payload[`${CLAIM}context`];
  if (context !== undefined) {
    if (!isObject(context) || !str(context.id, 255)) throw missing('context.id');
    launch.context = { id: context.id as string, label: str(context.label, 255), title: str(context.title, 500) };
  }
  const link = payload[`${CLAIM}resource_link`];
  if (messageType === 'LtiResourceLinkRequest') {
    if (!isObject(link) || !str(link.id, 255)) throw missing('resource_link.id');
    launch.resourceLink = { id: link.id as string, title: str(link.title, 500) };
  } else {
    launch.deepLinking = deepLinkingSettings(payload[`${DL_CLAIM}deep_linking_settings`]);
  }
  const presentation = payload[`${CLAIM}launch_presentation`];
  if (isObject(presentation)) {
    launch.locale = str(presentation.locale, 35);
    launch.returnUrl = httpUrl(presentation.return_url);
  }
  launch.ags = agsEndpoint(payload[AGS_CLAIM]);
  const nrps = payload[NRPS_CLAIM];
  if (isObject(nrps) && httpUrl(nrps.context_memberships_url)) launch.nrps = { membershipsUrl: nrps.context_memberships_url as string };
  const platform = payload[`${CLAIM}tool_platform`];
  // The spec names it product_family_code; Moodle sends family_code.
  if (isObject(platform)) launch.productFamily = str(platform.product_family_code, 100) ?? str(platform.family_code, 100);
  return launch;
}

function checkIssuerAndAudience(payload: Json, expect: LaunchExpectations): void {
  if (payload.iss === undefined) throw new LaunchRefusal('LTI_ID_TOKEN_ISSUER_MISMATCH', 'iss missing');
  if (payload.iss !== expect.issuer) throw new LaunchRefusal('LTI_ID_TOKEN_ISSUER_MISMATCH', 'iss differs from the registered issuer');
  const aud = typeof payload.aud === 'string' ? [payload.aud] : strings(payload.aud);
  if (!aud || aud.length === 0) throw new LaunchRefusal('LTI_ID_TOKEN_AUDIENCE_MISMATCH', 'aud missing');
  if (!aud.includes(expect.clientId)) throw new LaunchRefusal('LTI_ID_TOKEN_AUDIENCE_MISMATCH', 'aud does not contain our client_id');
  if (aud.length > 1 && payload.azp === undefined) throw new LaunchRefusal('LTI_ID_TOKEN_AZP_MISMATCH', 'several audiences and no azp');
  if (payload.azp !== undefined && payload.azp !== expect.clientId) throw new LaunchRefusal('LTI_ID_TOKEN_AZP_MISMATCH', 'azp is not our client_id');
}

function checkTimestamps(payload: Json, now: Date): { issuedAt: number; expiresAt: number } {
  const t = now.getTime() / 1000;
  const { exp, iat, nbf } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new LaunchRefusal('LTI_ID_TOKEN_TIMESTAMPS_INVALID', 'exp missing or not a number');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new LaunchRefusal('LTI_ID_TOKEN_TIMESTAMPS_INVALID', 'iat missing or not a number');
  if (exp + CLOCK_SKEW_SECONDS <= t) throw new LaunchRefusal('LTI_ID_TOKEN_EXPIRED', 'exp is past', { secondsLate: Math.round(t - exp) });
  if (iat - CLOCK_SKEW_SECONDS > t) throw new LaunchRefusal('LTI_ID_TOKEN_NOT_YET_VALID', 'iat is in the future', { secondsEarly: Math.round(iat - t) });
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) throw new LaunchRefusal('LTI_ID_TOKEN_TIMESTAMPS_INVALID', 'nbf not a number');
    if (nbf - CLOCK_SKEW_SECONDS > t) throw new LaunchRefusal('LTI_ID_TOKEN_NOT_YET_VALID', 'nbf is in the future', { secondsEarly: Math.round(nbf - t) });
  }
  if (exp < iat) throw new LaunchRefusal('LTI_ID_TOKEN_TIMESTAMPS_INVALID', 'exp before iat');
  return { issuedAt: iat, expiresAt: exp };
}

function deepLinkingSettings(value: unknown): DeepLinkingSettings {
  if (!isObject(value)) throw missing('deep_linking_settings');
  const returnUrl = httpUrl(value.deep_link_return_url);
  if (!returnUrl) throw missing('deep_linking_settings.deep_link_return_url');
  const acceptTypes = strings(value.accept_types);
  if (!acceptTypes) throw missing('deep_linking_settings.accept_types');
  const targets = strings(value.accept_presentation_document_targets) ?? [];
  return {
    returnUrl,
    acceptTypes,
    acceptPresentationDocumentTargets: targets,
    // Spec default when absent: the platform accepts several items.
    acceptMultiple: value.accept_multiple !== false,
    acceptLineItem: typeof value.accept_lineitem === 'boolean' ? value.accept_lineitem : undefined,
    autoCreate: typeof value.auto_create === 'boolean' ? value.auto_create : undefined,
    title: str(value.title, 500),
    text: str(value.text, 2000),
    data: typeof value.data === 'string' ? value.data : undefined,
  };
}

function agsEndpoint(value: unknown): VerifiedLaunch['ags'] {
  if (!isObject(value)) return undefined;
  const scopes = strings(value.scope) ?? [];
  const lineItemsUrl = httpUrl(value.lineitems);
  const lineItemUrl = httpUrl(value.lineitem);
  if (!lineItemsUrl && !lineItemUrl) return undefined;
  return { scopes, lineItemsUrl, lineItemUrl };
}

/** Custom parameters are configuration (which activity), never authority: strings only. */
function customParameters(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value).slice(0, 50)) {
    if (typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(key)) out[key] = v.slice(0, 1000);
  }
  return out;
}

function isOurs(target: string, toolUrl: string): boolean {
  try {
    const t = new URL(target);
    const tool = new URL(toolUrl);
    return t.origin === tool.origin && t.pathname.startsWith(tool.pathname.replace(/\/?$/, '/'));
  } catch {
    return false;
  }
}

const missing = (claim: string) => new LaunchRefusal('LTI_CLAIM_MISSING', `${claim} missing or malformed`, { claim });
