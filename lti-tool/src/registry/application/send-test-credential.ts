import { randomUUID } from 'node:crypto';
import { notFound } from '../../platform/errors.js';
import { buildTestCredential } from '../domain/test-credential.js';
import { openEndpointAuth } from './deliver-entry.js';
import type { RegistryDeps } from './dependencies.js';

export interface TestCredentialResult {
  ok: boolean;
  /** `delivered`: the registry accepted it; `refused`: it answered with an error; `unreachable`: no answer (network, token, timeout). */
  outcome: 'delivered' | 'refused' | 'unreachable';
  status?: number;
  /** What went wrong, in the registry's words when it gave some. */
  error?: string;
  credentialId: string;
}

/**
 * "Send a test credential": signs a credential about no pupil and pushes it to the
 * academy's endpoint once, now, with the endpoint's credentials — disabled or not, so an
 * admin can check a new endpoint before enabling it. Nothing goes through the outbox and
 * the circuit breaker is left alone.
 */
export async function sendTestCredential(academyId: string, deps: Pick<RegistryDeps, 'endpoints' | 'box' | 'http' | 'signer' | 'publicUrl' | 'issuerName' | 'clock' | 'log'>): Promise<TestCredentialResult> {
  const endpoint = await deps.endpoints.find(academyId);
  if (!endpoint) throw notFound('REGISTRY_ENDPOINT_NOT_FOUND', 'No registry endpoint is configured for this academy.');
  const id = randomUUID();
  const claims = buildTestCredential({ id, academyId, publicUrl: deps.publicUrl, issuerName: deps.issuerName, now: deps.clock() });
  const jwt = await deps.signer.sign(claims, { typ: 'vc+jwt', expiresInSeconds: 3600 });
  const outcome = await deps.http.push({ url: endpoint.url, auth: openEndpointAuth(endpoint.auth, deps), idempotencyKey: `connection-test-${id}`, credential: jwt });
  const result: TestCredentialResult =
    outcome.kind === 'delivered'
      ? { ok: true, outcome: 'delivered', status: outcome.status, credentialId: `urn:uuid:${id}` }
      : { ok: false, outcome: outcome.status === undefined ? 'unreachable' : 'refused', status: outcome.status, error: outcome.error, credentialId: `urn:uuid:${id}` };
  deps.log.info({ academyId, outcome: result.outcome, status: result.status }, 'registry test credential sent');
  return result;
}
