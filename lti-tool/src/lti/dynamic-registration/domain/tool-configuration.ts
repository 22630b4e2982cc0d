import type { PrivacySettings } from '../../registrations/domain/registration.js';

export const AGS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
];
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/** The claims we ask the platform to send: identifiers only, unless an admin opted in. */
export function requestedClaims(privacy: PrivacySettings): string[] {
  const claims = ['iss', 'sub'];
  if (privacy.sendNames) claims.push('name', 'given_name', 'family_name');
  if (privacy.sendEmail) claims.push('email');
  return claims;
}

/**
 * The tool configuration POSTed to the platform's registration endpoint (LTI Dynamic
 * Registration 1.0 §3.4), shaped for what Moodle checks: `domain` equal to the host of
 * `target_link_uri`, `redirect_uris` with the exact launch URL (Moodle refuses any
 * other at auth time), the deep-linking message, and the AGS + NRPS scopes.
 */
export function toolConfiguration(toolUrl: string, privacy: PrivacySettings) {
  const launchUrl = `${toolUrl}/lti/launch`;
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${toolUrl}/lti/login`,
    redirect_uris: [launchUrl],
    client_name: 'Pix',
    jwks_uri: `${toolUrl}/lti/keys`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [...AGS_SCOPES, NRPS_SCOPE].join(' '),
    [TOOL_CONFIGURATION]: {
      domain: new URL(toolUrl).host,
      target_link_uri: launchUrl,
      description: 'Évaluations des compétences numériques Pix, notées dans le carnet de notes.',
      claims: requestedClaims(privacy),
      messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: launchUrl, label: 'Ajouter une activité Pix' }],
    },
  };
}
