import { AppError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import type { Registrations } from '../../registrations/application/registrations.js';
import { DEFAULT_PRIVACY, normaliseIssuer, type PrivacySettings, type Registration } from '../../registrations/domain/registration.js';
import { PlatformHttpError, type PlatformHttp } from '../../shared/platform-http.js';
import { issuerMatchesConfigurationUrl, platformConfigurationSchema, productFamilyOf, registrationResponseSchema } from '../domain/platform-configuration.js';
import { toolConfiguration } from '../domain/tool-configuration.js';

export interface DynamicRegistrationInput {
  openidConfigurationUrl?: string;
  registrationToken?: string;
  /** What a Pix admin decided ahead through a registration link (none: identifiers only, no academy). */
  terms?: { academy?: string; privacy: PrivacySettings };
}

export interface DynamicRegistrationDeps {
  registrations: Registrations;
  http: PlatformHttp;
  toolUrl: string;
  autoApproveIssuers: readonly string[];
  log: Logger;
}

const fail = (code: string, message: string, status = 400, details?: Record<string, unknown>) => new AppError(code, message, { status, details });

/**
 * LTI Dynamic Registration as Moodle drives it: fetch and check the platform's openid
 * configuration, POST our tool configuration with the registration token, store the
 * client_id and deployment_id it returns. The registration stays pending until an admin
 * approves it, unless the issuer is on LTI_AUTO_APPROVE_ISSUERS.
 */
export async function registerDynamically(input: DynamicRegistrationInput, deps: DynamicRegistrationDeps): Promise<Registration> {
  const configurationUrl = input.openidConfigurationUrl;
  if (!configurationUrl) throw fail('DYNREG_CONFIGURATION_MISSING', 'The openid_configuration parameter is required.');
  const configuration = await fetchConfiguration(configurationUrl, deps);
  const issuer = normaliseIssuer(configuration.issuer);
  if (!issuerMatchesConfigurationUrl(issuer, configurationUrl)) {
    throw fail('DYNREG_ISSUER_MISMATCH', 'The issuer of the configuration is not on the host it was fetched from.', 400, { issuer });
  }
  if (configuration.id_token_signing_alg_values_supported && !configuration.id_token_signing_alg_values_supported.includes('RS256')) {
    throw fail('DYNREG_CONFIGURATION_INVALID', 'The platform does not sign id_tokens with RS256.');
  }
  const privacy = input.terms?.privacy ?? DEFAULT_PRIVACY;
  let answer;
  try {
    answer = await deps.http.request(configuration.registration_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(input.registrationToken ? { authorization: `Bearer ${input.registrationToken}` } : {}),
      },
      body: JSON.stringify(toolConfiguration(deps.toolUrl, privacy)),
    });
  } catch (err) {
    throw unreachable(err, 'registration endpoint');
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw fail('DYNREG_REGISTRATION_REFUSED', `The platform refused the registration (HTTP ${answer.status}).`, 502, { status: answer.status, body: answer.body.slice(0, 300) });
  }
  const parsed = registrationResponseSchema.safeParse(safeJson(answer.body));
  if (!parsed.success) throw fail('DYNREG_RESPONSE_INVALID', 'The platform answered without a client_id.', 502);
  const deploymentId = parsed.data['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  const autoApprove = deps.autoApproveIssuers.includes(issuer);
  const host = new URL(issuer).host;
  return deps.registrations.register({
    issuer,
    clientId: parsed.data.client_id,
    name: host,
    productFamily: productFamilyOf(configuration),
    authLoginUrl: configuration.authorization_endpoint,
    tokenUrl: configuration.token_endpoint,
    jwksUrl: configuration.jwks_uri,
    authServer: configuration.authorization_server,
    privacy,
    academy: input.terms?.academy,
    deploymentIds: deploymentId !== undefined ? [String(deploymentId)] : [],
    status: autoApprove ? 'active' : 'pending',
    origin: 'dynamic-registration',
    by: autoApprove ? 'LTI_AUTO_APPROVE_ISSUERS' : undefined,
  });
}

async function fetchConfiguration(url: string, deps: DynamicRegistrationDeps) {
  let answer;
  try {
    answer = await deps.http.request(url, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw unreachable(err, 'openid configuration');
  }
  if (answer.status !== 200) throw fail('DYNREG_CONFIGURATION_UNAVAILABLE', `The openid configuration answered HTTP ${answer.status}.`, 502);
  const parsed = platformConfigurationSchema.safeParse(safeJson(answer.body));
  if (!parsed.success) {
    throw fail('DYNREG_CONFIGURATION_INVALID', 'The openid configuration lacks required fields.', 502, {
      fields: parsed.error.issues.map((i) => i.path.join('.')),
    });
  }
  return parsed.data;
}

function unreachable(err: unknown, what: string): AppError {
  if (err instanceof PlatformHttpError && err.kind === 'refused-url') return fail('DYNREG_URL_REFUSED', `The ${what} URL is refused: ${err.message}.`, 400);
  if (err instanceof Error && /not allowed|private IP|meta IP/i.test(err.message)) return fail('DYNREG_URL_REFUSED', `The ${what} resolves to a private address.`, 400);
  return fail('DYNREG_CONFIGURATION_UNAVAILABLE', `The ${what} cannot be reached.`, 502);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
