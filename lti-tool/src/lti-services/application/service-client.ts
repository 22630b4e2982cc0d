import type { Logger } from '../../platform/logger.js';
import { isActiveRegistration, type PlatformEndpoints, type RegistrationDirectory } from '../domain/platform-endpoints.js';
import { LtiServiceError, reasonFromBody, retryAfterMs } from '../domain/service-error.js';
import { checkServiceUrl } from '../domain/service-urls.js';
import type { AccessTokens } from './access-tokens.js';
import { transportError, type PlatformTransport } from './platform-transport.js';

export interface ServiceRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** The call needs one of these scopes (e.g. lineitem or lineitem.readonly). */
  scopes: readonly string[];
  accept: string;
  contentType?: string;
  body?: unknown;
}

export interface ServiceResponse {
  status: number;
  /** The reason phrase: Moodle puts its error there ("Incorrect score received") with an empty body. */
  statusText: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  /** The URL called, after the platform checks (for resolving relative links). */
  url: string;
}

export interface LtiServiceClientDeps {
  registrations: RegistrationDirectory;
  tokens: AccessTokens;
  http: PlatformTransport;
  timeoutMs: number;
  log: Logger;
  clock?: () => Date;
}

/**
 * Calls an LTI Advantage service of a registration's platform with its access token.
 * Refuses a URL off the platform's origins (the token would leak to a third party),
 * renews the token once on a 401, turns timeouts, network errors, 5xx and 429 into
 * transient `LtiServiceError`s, and hands every other answer back for the caller to read.
 */
export class LtiServiceClient {
  private readonly clock: () => Date;

  constructor(private readonly deps: LtiServiceClientDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The registration's endpoints, refusing an unknown or inactive registration. */
  async endpoints(registrationId: string): Promise<PlatformEndpoints> {
    const endpoints = await this.deps.registrations.platformEndpoints(registrationId);
    if (!endpoints) throw new LtiServiceError('REGISTRATION_UNKNOWN', 'permanent', `no platform registration ${registrationId}`);
    if (!isActiveRegistration(endpoints)) {
      throw new LtiServiceError('REGISTRATION_INACTIVE', 'transient', `the platform registration is ${endpoints.status}; an administrator must approve it`);
    }
    return endpoints;
  }

  /** Throws LTI_SERVICE_URL_FOREIGN unless `url` is on the registration's platform. */
  async assertPlatformUrl(registrationId: string, url: string): Promise<void> {
    const endpoints = await this.endpoints(registrationId);
    const check = checkServiceUrl(url, endpoints);
    if (!check.ok) throw new LtiServiceError('LTI_SERVICE_URL_FOREIGN', 'permanent', `refused to call ${redactQuery(url)}: ${check.reason}`);
  }

  async call(registrationId: string, request: ServiceRequest): Promise<ServiceResponse> {
    await this.assertPlatformUrl(registrationId, request.url);
    let token = await this.deps.tokens.get(registrationId, request.scopes);
    let response = await this.send(request, token.value);
    if (response.status === 401) {
      // The platform forgot or revoked the token (restart, rotation): one fresh token, one more try.
      await this.deps.tokens.invalidate(registrationId, token.value);
      token = await this.deps.tokens.get(registrationId, request.scopes);
      response = await this.send(request, token.value);
      if (response.status === 401) {
        throw new LtiServiceError('LMS_UNAUTHORIZED', 'transient', `refused a fresh access token: ${reasonFromBody(response.text, 401)}`, { httpStatus: 401 });
      }
    }
    const status = response.status;
    if (status >= 500 || status === 429 || status === 408) {
      throw new LtiServiceError('LMS_UNAVAILABLE', 'transient', response.text.trim() ? reasonFromBody(response.text, status) : `HTTP ${status} ${response.statusText}`.trim(), {
        httpStatus: status,
        retryAfterMs: retryAfterMs(response.headers['retry-after'] ?? null, this.clock()),
      });
    }
    return response;
  }

  private async send(request: ServiceRequest, token: string): Promise<ServiceResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: request.accept };
    if (request.contentType) headers['content-type'] = request.contentType;
    try {
      const response = await this.deps.http.request(request.url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.deps.timeoutMs),
      });
      return { status: response.status, statusText: response.statusText ?? '', headers: response.headers, text: response.body, url: request.url };
    } catch (err) {
      throw transportError(err, `${request.method} ${redactQuery(request.url)}`);
    }
  }
}

/** Query strings of service URLs carry nothing secret, but keep log lines and reasons short. */
function redactQuery(url: string): string {
  return url.split('?')[0]!;
}
