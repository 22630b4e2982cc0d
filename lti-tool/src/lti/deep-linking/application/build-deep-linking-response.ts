import { randomSecret } from '../../shared/secrets.js';
import { AppError, badRequest, forbidden, notFound } from '../../../platform/errors.js';
import type { KeyStore } from '../../../keys/application/key-store.js';
import { formatActivityParam, ACTIVITY_PARAM } from '../../launch/domain/activity-param.js';
import type { ActivityRef, LaunchSession } from '../../session/launch-session.js';
import type { ActivityCatalog, CatalogTenant } from '../activity-catalog.js';

const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
/** Lifetime of the response JWT; Moodle verifies exp without leeway, the teacher's click follows at once. */
export const DEEP_LINKING_RESPONSE_TTL_SECONDS = 300;

export interface DeepLinkingResponse {
  /** Always the verified `deep_link_return_url` of the session, never a URL from the request. */
  returnUrl: string;
  jwt: string;
}

export function catalogTenantOf(session: LaunchSession): CatalogTenant {
  return { tenantId: session.tenantId, tenant: session.tenant, registrationId: session.registrationId, ...(session.context ? { contextId: session.context.id } : {}) };
}

/** The deep-linking settings of a session, or a 403 when the session is not a deep-linking launch. */
export function deepLinkingOf(session: LaunchSession): NonNullable<LaunchSession['deepLinking']> {
  if (session.messageType !== 'LtiDeepLinkingRequest' || !session.deepLinking) {
    throw forbidden('DEEP_LINKING_SESSION_REQUIRED', 'This action needs a deep-linking launch: open "Add an activity" from the course.');
  }
  return session.deepLinking;
}

/**
 * The LtiDeepLinkingResponse for the activities a teacher picked (LTI Deep Linking 2.0
 * §4): `ltiResourceLink` items whose custom parameter names the activity and whose
 * `lineItem` makes Moodle create the gradebook column, signed with the tool's key
 * (`iss` = client_id, `aud` = platform issuer), `data` echoed unchanged.
 */
export async function buildDeepLinkingResponse(input: {
  session: LaunchSession;
  refs: ActivityRef[];
  /** A return URL the client claims; refused unless it is the verified one. */
  claimedReturnUrl?: string;
  catalog: ActivityCatalog | undefined;
  keys: Pick<KeyStore, 'sign'>;
  toolUrl: string;
}): Promise<DeepLinkingResponse> {
  const { session, refs } = input;
  const settings = deepLinkingOf(session);
  if (input.claimedReturnUrl !== undefined && input.claimedReturnUrl !== settings.returnUrl) {
    throw badRequest('DEEP_LINKING_RETURN_URL_FOREIGN', 'A deep-linking response goes only to the return URL of the verified request.');
  }
  if (refs.length > 1 && !settings.acceptMultiple) {
    throw badRequest('DEEP_LINKING_SINGLE_ITEM', 'The platform accepts a single activity here: pick one.', { acceptMultiple: false });
  }
  if (refs.length > 0 && !settings.acceptTypes.includes('ltiResourceLink')) {
    throw badRequest('DEEP_LINKING_TYPE_NOT_ACCEPTED', 'The platform does not accept LTI resource links in this place.', { acceptTypes: settings.acceptTypes });
  }
  const tenant = catalogTenantOf(session);
  const items = [];
  for (const ref of dedupe(refs)) {
    const item = input.catalog ? await input.catalog.get(tenant, ref) : undefined;
    if (!item) throw notFound('DEEP_LINKING_ITEM_NOT_FOUND', `No activity ${formatActivityParam(ref)} can be added here.`, { ref });
    const param = formatActivityParam(item.ref);
    items.push({
      type: 'ltiResourceLink',
      title: item.title,
      ...(item.text ? { text: item.text } : {}),
      url: `${input.toolUrl}/lti/launch`,
      custom: { [ACTIVITY_PARAM]: param },
      // No gradebook column for an activity that sends no grade (scoreMaximum 0: certification).
      ...(settings.acceptLineItem === false || item.scoreMaximum <= 0 ? {} : { lineItem: { label: item.title, scoreMaximum: item.scoreMaximum, resourceId: param, tag: 'pix' } }),
    });
  }
  const claims: Record<string, unknown> = {
    iss: session.tenant.clientId,
    aud: session.tenant.issuer,
    nonce: randomSecret(16),
    [`${CLAIM}deployment_id`]: session.tenant.deploymentId,
    [`${CLAIM}message_type`]: 'LtiDeepLinkingResponse',
    [`${CLAIM}version`]: '1.3.0',
    [`${DL_CLAIM}content_items`]: items,
  };
  if (settings.data !== undefined) claims[`${DL_CLAIM}data`] = settings.data;
  if (items.length === 0) claims[`${DL_CLAIM}msg`] = 'Aucune activité ajoutée.';
  try {
    return { returnUrl: settings.returnUrl, jwt: await input.keys.sign(claims, { expiresInSeconds: DEEP_LINKING_RESPONSE_TTL_SECONDS }) };
  } catch (err) {
    throw new AppError('DEEP_LINKING_SIGNING_FAILED', 'The response could not be signed.', { status: 500, cause: err });
  }
}

function dedupe(refs: ActivityRef[]): ActivityRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = formatActivityParam(r);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
