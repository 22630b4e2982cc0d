import { badRequest } from '../../platform/errors.js';
import type { RegistryEndpoint, SealedEndpointAuth } from '../infrastructure/endpoints.repository.js';
import type { RegistryDeps } from './dependencies.js';

export type EndpointAuthInput =
  | { kind: 'bearer'; token: string }
  | { kind: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export interface EndpointInput {
  academyId: string;
  url: string;
  auth: EndpointAuthInput;
  enabled?: boolean;
  includeClearIne?: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Registry URLs must be https (http only on loopback, for local stacks), with no credentials in them. */
export function checkRegistryUrl(raw: string, field: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('REGISTRY_URL_INVALID', `${field} is not an absolute URL.`, { field });
  }
  const insecure = url.protocol === 'http:' && !LOOPBACK.has(url.hostname) && !allowInsecureHttp;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || insecure) {
    throw badRequest('REGISTRY_URL_INVALID', `${field} must use https (http is accepted only on localhost).`, { field });
  }
  if (url.username || url.password) throw badRequest('REGISTRY_URL_INVALID', `${field} must not contain credentials; use the auth settings.`, { field });
  return url.toString();
}

/**
 * Sets an academy's registry endpoint; secrets are sealed before they are stored.
 * Entries that were waiting for it (or backing off) become due at once.
 */
export async function configureEndpoint(input: EndpointInput, deps: Pick<RegistryDeps, 'endpoints' | 'outbox' | 'box' | 'clock' | 'allowInsecureHttp' | 'log'>): Promise<void> {
  const url = checkRegistryUrl(input.url, 'url', deps.allowInsecureHttp);
  let auth: SealedEndpointAuth;
  if (input.auth.kind === 'bearer') {
    auth = { kind: 'bearer', sealedToken: deps.box.seal(input.auth.token) };
  } else {
    auth = {
      kind: 'oauth2',
      tokenUrl: checkRegistryUrl(input.auth.tokenUrl, 'auth.tokenUrl', deps.allowInsecureHttp),
      clientId: input.auth.clientId,
      sealedClientSecret: deps.box.seal(input.auth.clientSecret),
      scope: input.auth.scope,
    };
  }
  const now = deps.clock();
  const endpoint: RegistryEndpoint = { academyId: input.academyId, url, auth, enabled: input.enabled ?? true, includeClearIne: input.includeClearIne ?? false, updatedAt: now };
  await deps.endpoints.upsert(endpoint);
  const woken = endpoint.enabled ? await deps.outbox.wakeAcademy(input.academyId, now) : 0;
  deps.log.info({ academyId: input.academyId, url, auth: auth.kind, enabled: endpoint.enabled, woken }, 'registry endpoint configured');
}

/** What admins see of an endpoint: never a secret. */
export async function describeEndpoint(academyId: string, deps: Pick<RegistryDeps, 'endpoints'>) {
  const endpoint = await deps.endpoints.find(academyId);
  if (!endpoint) return undefined;
  const auth = endpoint.auth.kind === 'bearer' ? { kind: 'bearer' as const, tokenSet: true } : { kind: 'oauth2' as const, tokenUrl: endpoint.auth.tokenUrl, clientId: endpoint.auth.clientId, scope: endpoint.auth.scope, clientSecretSet: true };
  return { academyId, url: endpoint.url, auth, enabled: endpoint.enabled, includeClearIne: endpoint.includeClearIne, updatedAt: endpoint.updatedAt };
}
