import express, { Router, type Request } from 'express';
import { verifyLikeFirebase } from '../crypto/firebase-jwt.js';
import { newClientId } from '../model/site.js';
import type { ToolType } from '../model/types.js';
import { CLAIM, SCOPE } from '../lti/claims.js';
import type { Platform } from '../platform.js';
import { errorPage } from './html.js';
import { currentSession, param } from './session.js';

class RegistrationError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** openid-configuration.php. */
export function openIdConfiguration(platform: Platform): Record<string, unknown> {
  const root = platform.info.wwwroot;
  return {
    issuer: platform.info.issuer,
    token_endpoint: `${root}/mod/lti/token.php`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: `${root}/mod/lti/certs.php`,
    authorization_endpoint: `${root}/mod/lti/auth.php`,
    registration_endpoint: `${root}/mod/lti/openid-registration.php`,
    scopes_supported: [SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.lineItem, SCOPE.nrps, SCOPE.toolSetting, 'openid'],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
    [CLAIM.platformConfiguration]: {
      product_family_code: 'moodle',
      version: platform.options.moodleRelease,
      messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] }],
      variables: ['basic-lti-launch-request', 'ContentItemSelectionRequest', 'ToolProxyRegistrationRequest', 'Context.id', 'Context.title', 'Context.label', 'Context.sourcedId', 'CourseSection.title', 'CourseSection.label', 'CourseSection.sourcedId', 'ResourceLink.id', 'ResourceLink.title', 'User.id', 'User.username', 'Person.name.full', 'Person.name.given', 'Person.name.family', 'Person.email.primary', 'Person.sourcedId'],
    },
  };
}

/** startltiadvregistration.php: the registration token (RS256, 1 h, scope `reg`) and the URL to open at the tool. */
export async function registrationStart(platform: Platform, toolRegistrationUrl: string): Promise<{ url: string; registrationToken: string; clientId: string }> {
  const clientId = newClientId();
  const now = platform.nowSeconds();
  const registrationToken = await platform.keys.sign({ sub: clientId, scope: 'reg', iat: now, exp: now + 3600 });
  const url = new URL(toolRegistrationUrl);
  url.searchParams.set('openid_configuration', `${platform.info.wwwroot}/mod/lti/openid-configuration.php`);
  url.searchParams.set('registration_token', registrationToken);
  return { url: url.toString(), registrationToken, clientId };
}

export function registrationRoutes(platform: Platform): Router {
  const router = Router();
  router.get('/mod/lti/openid-configuration.php', platform.faults.middleware('registration'), (_req, res) => {
    res.type('application/json; charset=utf-8').send(JSON.stringify(openIdConfiguration(platform), null, 4));
  });
  router.get('/mod/lti/startltiadvregistration.php', (req, res) => {
    const session = currentSession(platform, req);
    const user = session ? platform.site.users.get(session.userId) : undefined;
    if (!user?.siteAdmin) return void res.status(403).type('html').send(errorPage('Accès refusé', 'Réservé aux administrateurs du site.', 'nopermissions'));
    void registrationStart(platform, param(req, 'url')).then(
      ({ url }) => res.redirect(302, url),
      (err: Error) => res.status(400).type('html').send(errorPage('URL non valide', err.message, 'invalidurl')),
    );
  });
  router.post('/mod/lti/openid-registration.php', platform.faults.middleware('registration'), express.text({ type: () => true, limit: '256kb' }), (req, res) => {
    void register(platform, req).then(
      (body) => res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(body)),
      (err: unknown) => {
        const error = err instanceof RegistrationError ? err : new RegistrationError((err as Error).message, 401);
        platform.record('registration-refused', { status: error.status, reason: error.message });
        res.status(error.status).type('text/plain').send(error.message);
      },
    );
  });
  return router;
}

async function register(platform: Platform, req: Request): Promise<Record<string, unknown>> {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) throw new RegistrationError('Unauthorized', 401);
  const token = await verifyLikeFirebase(header.slice(7).trim(), platform.keys.jwks(), platform.nowSeconds());
  if (token.scope !== 'reg') throw new RegistrationError('Incorrect scope', 403);
  const clientId = String(token.sub);
  if (platform.site.toolByClientId(clientId)) throw new RegistrationError('token_already_used', 401);
  let payload: unknown;
  try {
    payload = JSON.parse(typeof req.body === 'string' ? req.body : '');
  } catch {
    throw new RegistrationError('missing required attribute response_types', 400);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new RegistrationError('missing required attribute response_types', 400);
  const tool = platform.site.registerTool({ ...registrationToConfig(payload as Record<string, unknown>), clientId });
  platform.record('registration', { toolId: tool.id, clientId, name: tool.name });
  return configToRegistration(tool);
}

function required(payload: Record<string, unknown>, key: string): unknown {
  const value = payload[key];
  if (value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0)) {
    throw new RegistrationError(`missing required attribute ${key}`, 400);
  }
  return value;
}

/** `lti_get_domain_from_url`: host[:port] without a leading www. */
function domainOf(url: string): string {
  return /(?:https?:\/\/)?(?:www\.)?([^/]+)(?:\/|$)/i.exec(url)?.[1] ?? '';
}

/** registration_helper::registration_to_config, with its error messages. */
function registrationToConfig(payload: Record<string, unknown>): Parameters<Platform['site']['registerTool']>[0] {
  const responseTypes = required(payload, 'response_types');
  const initiateLoginUri = String(required(payload, 'initiate_login_uri'));
  const redirectUris = required(payload, 'redirect_uris');
  const clientName = String(required(payload, 'client_name'));
  const jwksUri = String(required(payload, 'jwks_uri'));
  const authMethod = required(payload, 'token_endpoint_auth_method');
  const applicationType = payload.application_type;
  const config = required(payload, CLAIM.toolConfiguration) as Record<string, unknown>;
  const rawDomain = typeof config.domain === 'string' ? config.domain : '';
  if (!rawDomain) throw new RegistrationError('missing_domain', 400);
  const targetLinkUri = typeof config.target_link_uri === 'string' && config.target_link_uri ? config.target_link_uri : `https://${rawDomain}`;
  const domain = domainOf(rawDomain);
  if (domain !== domainOf(targetLinkUri)) throw new RegistrationError('domain_targetlinkuri_mismatch', 400);
  if (!Array.isArray(responseTypes) || !responseTypes.includes('id_token')) throw new RegistrationError('invalid_response_types', 400);
  if (!Array.isArray(redirectUris)) throw new RegistrationError('invalid_redirect_uris', 400);
  if (authMethod !== 'private_key_jwt') throw new RegistrationError('invalid_token_endpoint_auth_method', 400);
  if (applicationType && applicationType !== 'web') throw new RegistrationError('invalid_application_type', 400);

  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const claims = Array.isArray(config.claims) ? (config.claims as unknown[]) : [];
  const messages = Array.isArray(config.messages) ? (config.messages as Array<Record<string, unknown>>) : [];
  const deepLinking = messages.find((m) => m.type === 'LtiDeepLinkingRequest');
  let gradeSync: 0 | 1 | 2 = 0;
  if ([SCOPE.score, SCOPE.resultReadOnly, SCOPE.lineItemReadOnly].some((s) => scopes.includes(s))) gradeSync = 1;
  if (scopes.includes(SCOPE.lineItem)) gradeSync = 2;
  const custom = config.custom_parameters && typeof config.custom_parameters === 'object' ? (config.custom_parameters as Record<string, unknown>) : {};
  return {
    name: clientName,
    description: typeof config.description === 'string' ? config.description : '',
    state: 'pending',
    toolUrl: targetLinkUri,
    domain,
    deepLinkingUrl: deepLinking && typeof deepLinking.target_link_uri === 'string' ? deepLinking.target_link_uri : '',
    contentItem: deepLinking !== undefined,
    initiateLoginUri,
    redirectUris: (redirectUris as unknown[]).map(String),
    jwksUri,
    customParameters: Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, String(v)])),
    launchContainer: 'embed-no-blocks',
    acceptGrades: gradeSync > 0 ? 'delegate' : 'never',
    gradeSync,
    memberships: scopes.includes(SCOPE.nrps),
    sendName: ['name', 'given_name', 'family_name'].some((c) => claims.includes(c)),
    sendEmail: claims.includes('email'),
    origin: 'dynamic-registration',
  };
}

/** registration_helper::config_to_registration (its `?? 0 == 2` precedence slip included: any grade sync lists the lineitem scope). */
function configToRegistration(tool: ToolType): Record<string, unknown> {
  const scopes: string[] = [];
  if (tool.gradeSync > 0) scopes.push(SCOPE.score, SCOPE.resultReadOnly, SCOPE.lineItemReadOnly, SCOPE.lineItem);
  if (tool.memberships) scopes.push(SCOPE.nrps);
  const claims = ['sub', 'iss', ...(tool.sendName ? ['name', 'family_name', 'given_name'] : []), ...(tool.sendEmail ? ['email'] : [])];
  return {
    client_id: tool.clientId,
    response_types: ['id_token'],
    jwks_uri: tool.jwksUri,
    initiate_login_uri: tool.initiateLoginUri,
    grant_types: ['client_credentials', 'implicit'],
    redirect_uris: tool.redirectUris,
    application_type: 'web',
    token_endpoint_auth_method: 'private_key_jwt',
    client_name: tool.name,
    logo_uri: '',
    scope: scopes.join(' '),
    [CLAIM.toolConfiguration]: {
      version: '1.3.0',
      deployment_id: tool.id,
      target_link_uri: tool.toolUrl,
      domain: tool.domain,
      description: tool.description,
      ...(tool.contentItem ? { messages: [{ type: 'LtiDeepLinkingRequest', ...(tool.deepLinkingUrl ? { target_link_uri: tool.deepLinkingUrl } : {}) }] } : {}),
      ...(Object.keys(tool.customParameters).length ? { custom_parameters: tool.customParameters } : {}),
      claims,
    },
  };
}

