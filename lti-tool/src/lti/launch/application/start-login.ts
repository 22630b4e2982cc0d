import type { Registrations } from '../../registrations/application/registrations.js';
import type { Registration } from '../../registrations/domain/registration.js';
import { randomSecret, sha256 } from '../../shared/secrets.js';
import { LaunchRefusal } from '../domain/launch-refusal.js';
import type { LoginStateCodec } from '../infrastructure/login-state-codec.js';

/** OIDC third-party login initiation parameters (LTI 1.3 core §4.1), GET query or POST form. */
export interface LoginParams {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

export interface LoginRedirect {
  registration: Registration;
  /** The platform's authorization endpoint and the parameters of the authentication request. */
  authUrl: string;
  authParams: Record<string, string>;
  state: string;
  /** The browser-binding secret: a partitioned cookie and the frame's sessionStorage keep it. */
  bindingSecret: string;
}

/** A login waits at most this long for its launch (Moodle answers within a second or two). */
export const LOGIN_STATE_TTL_SECONDS = 600;

export interface StartLoginDeps {
  registrations: Registrations;
  stateCodec: LoginStateCodec;
  toolUrl: string;
  clock: () => Date;
}

/**
 * Step 1 of a launch: checks the platform may launch at all, creates the nonce, the
 * browser-binding secret and the signed state that binds them to this registration, and
 * returns the authentication request to send the browser to. A login stores nothing.
 */
export async function startLogin(params: LoginParams, deps: StartLoginDeps): Promise<LoginRedirect> {
  const { iss, login_hint: loginHint, target_link_uri: targetLinkUri } = params;
  if (!iss || !loginHint || !targetLinkUri) {
    throw new LaunchRefusal('LTI_LOGIN_INVALID', 'iss, login_hint and target_link_uri are required', {
      missing: Object.entries({ iss, login_hint: loginHint, target_link_uri: targetLinkUri })
        .filter(([, v]) => !v)
        .map(([k]) => k),
    });
  }
  const registration = await deps.registrations.findForLogin(iss, params.client_id);
  if (!registration) throw new LaunchRefusal('LTI_PLATFORM_UNKNOWN', 'no registration for (iss, client_id)', { iss, clientId: params.client_id });
  if (registration.status !== 'active') {
    throw new LaunchRefusal('LTI_PLATFORM_NOT_ACTIVE', `registration is ${registration.status}`, { registrationId: registration.id });
  }
  if (params.lti_deployment_id !== undefined && !registration.deploymentIds.includes(params.lti_deployment_id)) {
    throw new LaunchRefusal('LTI_DEPLOYMENT_UNKNOWN', 'lti_deployment_id not registered', { registrationId: registration.id, deploymentId: params.lti_deployment_id });
  }
  if (!isUnder(targetLinkUri, deps.toolUrl)) throw new LaunchRefusal('LTI_TARGET_LINK_URI_FOREIGN', 'target_link_uri is not under the tool URL');

  const nonce = randomSecret();
  const bindingSecret = randomSecret();
  const now = deps.clock();
  const state = await deps.stateCodec.encode({
    registrationId: registration.id,
    nonce,
    bindingHash: sha256(bindingSecret),
    expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_SECONDS * 1000),
  });
  const authParams: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: registration.clientId,
    // Moodle refuses anything but an exact registered redirect URI.
    redirect_uri: `${deps.toolUrl}/lti/launch`,
    login_hint: loginHint,
    state,
    nonce,
  };
  if (params.lti_message_hint !== undefined) authParams.lti_message_hint = params.lti_message_hint;
  return { registration, authUrl: registration.authLoginUrl, authParams, state, bindingSecret };
}

function isUnder(target: string, toolUrl: string): boolean {
  try {
    const t = new URL(target);
    const tool = new URL(toolUrl);
    return t.origin === tool.origin && t.pathname.startsWith(tool.pathname.replace(/\/?$/, '/'));
  } catch {
    return false;
  }
}
