import { afterFailure, nextProbeDelayMs, type AttemptOutcome } from '../domain/delivery.js';
import type { SealedEndpointAuth } from '../infrastructure/endpoints.repository.js';
import type { ClaimedEntry } from '../infrastructure/outbox.repository.js';
import type { EndpointAuth } from '../infrastructure/registry-http-client.js';
import type { RegistryDeps } from './dependencies.js';
import { signCertificationCredential } from './sign-certification-credential.js';

/** How long an entry waits when its academy has no (enabled) endpoint, without counting an attempt. */
const NO_ENDPOINT_RETRY_MS = 15 * 60_000;

/**
 * One delivery attempt of a claimed outbox entry: sign the credential, POST it with the
 * certification's idempotency key, and record the outcome (delivered, retry later, or
 * dead letter). A retryable failure opens the academy's circuit: its other entries wait
 * for the next probe (growing delay, capped at `probeMaxDelayMs`) without spending
 * attempts. A success after failures closes it and wakes them all, so a backlog drains
 * at once instead of at each entry's backoff.
 */
export async function deliverEntry(entry: ClaimedEntry, deps: RegistryDeps): Promise<AttemptOutcome | 'no-endpoint' | 'circuit-open'> {
  const { result, leaseToken } = entry;
  // Decided before any await, so that of several entries claimed at once only one becomes the probe.
  const admitted = deps.gates.admit(result.academyId, deps.clock());
  if (admitted !== 'go') {
    // The academy's endpoint is failing (next probe not due, or being probed): wait without spending an attempt.
    await deps.outbox.postpone(result.id, leaseToken, admitted);
    return 'circuit-open';
  }
  const endpoint = await deps.endpoints.findCached(result.academyId);
  if (!endpoint || !endpoint.enabled) {
    deps.gates.close(result.academyId);
    await deps.outbox.postpone(result.id, leaseToken, new Date(deps.clock().getTime() + NO_ENDPOINT_RETRY_MS), 'no enabled registry endpoint for this academy');
    return 'no-endpoint';
  }
  let outcome: AttemptOutcome;
  try {
    const { jwt } = await signCertificationCredential(result, { includeClearIne: endpoint.includeClearIne }, deps);
    outcome = await deps.http.push({ url: endpoint.url, auth: openEndpointAuth(endpoint.auth, deps), idempotencyKey: result.id, credential: jwt });
  } catch (err) {
    outcome = { kind: 'retry', error: `could not prepare the credential: ${(err as Error).message}` };
  }
  const now = deps.clock();
  if (outcome.kind === 'delivered') {
    await deps.outbox.markDelivered(result.id, outcome.status, now);
    const hadGate = deps.gates.close(result.academyId);
    // Reset the failure count only when there is one to reset (saves a write per delivery when all is well).
    const recovered = hadGate || (endpoint.consecutiveFailures ?? 0) > 0 ? (await deps.endpoints.recordSuccess(result.academyId)) > 0 || hadGate : false;
    if (recovered || entry.delivery.attempts > 1) await deps.outbox.wakeAcademy(result.academyId, now);
    return outcome;
  }
  const next = afterFailure(entry.delivery, outcome, deps.policy, now, deps.random);
  if (outcome.kind === 'retry') {
    // The endpoint is failing (down, overloaded, refusing our credentials): the academy's other entries wait for the next probe.
    // This instance stops claiming the academy's entries until the next probe (no bulk write: on SQLite-backed
    // FerretDB a long multi-document update locks out every other writer). Other instances keep their own gates.
    const failures = await deps.endpoints.recordFailure(result.academyId);
    deps.gates.failed(result.academyId, new Date(now.getTime() + nextProbeDelayMs(failures, deps.policy, deps.random)));
  } else {
    deps.gates.close(result.academyId); // A permanent refusal is about this credential, not the endpoint.
  }
  const recorded = await deps.outbox.markFailed(result.id, leaseToken, next, { error: outcome.error, status: outcome.status }, now);
  const log = { certificationId: result.id, academyId: result.academyId, attempt: entry.delivery.attempts, error: outcome.error, next: next.state };
  if (next.state === 'dead') deps.log.error(log, 'registry delivery moved to the dead letter');
  else deps.log.warn({ ...log, recorded }, 'registry delivery failed; will retry');
  return outcome;
}

export function openEndpointAuth(auth: SealedEndpointAuth, deps: Pick<RegistryDeps, 'box'>): EndpointAuth {
  if (auth.kind === 'bearer') return { kind: 'bearer', token: deps.box.open(auth.sealedToken) };
  return { kind: 'oauth2', tokenUrl: auth.tokenUrl, clientId: auth.clientId, clientSecret: deps.box.open(auth.sealedClientSecret), scope: auth.scope };
}
