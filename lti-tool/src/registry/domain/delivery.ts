/**
 * The registry delivery of one published result (the outbox entry embedded in the
 * result document, ADR 0020): its states, the retry schedule and how a registry's
 * answer is read.
 *
 * pending ──claim──▶ delivering ──2xx──▶ delivered
 *    ▲                  │  └─ retryable failure ─▶ pending (later) … after maxAttempts ─▶ dead
 *    └── lease expired ─┘     permanent failure (400, 422…) ─────────────────────────────▶ dead
 * dead ──admin replay──▶ pending
 */
export type DeliveryState = 'pending' | 'delivering' | 'delivered' | 'dead';

export interface Delivery {
  state: DeliveryState;
  /** Attempts started (a claim counts one, even if the process dies during it). */
  attempts: number;
  nextAttemptAt: Date;
  /** Who holds the current attempt, and until when; another worker may take it after. */
  leaseOwner?: string;
  leaseToken?: string;
  leaseUntil?: Date;
  lastAttemptAt?: Date;
  lastError?: string;
  lastStatus?: number;
  deliveredAt?: Date;
  /** HTTP status of the accepting answer (200/201, or 409 "already have it"). */
  deliveredStatus?: number;
  deadAt?: Date;
  /** Times an admin sent a dead entry back to the queue. */
  replays: number;
}

export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  leaseMs: number;
  /**
   * While an endpoint fails, the academy's other entries wait for the next probe, at
   * most this long: a registry that comes back is found within this delay.
   */
  probeMaxDelayMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  // 2 s, 4 s … capped at 1 h (each ± jitter): 24 attempts span 6.5 to 13 hours before the dead letter.
  maxAttempts: 24,
  baseDelayMs: 2000,
  maxDelayMs: 3600_000,
  leaseMs: 60_000,
  probeMaxDelayMs: 30_000,
};

/** When the academy's endpoint is next tried after `failures` failures in a row (circuit breaker). */
export function nextProbeDelayMs(failures: number, policy: Pick<DeliveryPolicy, 'baseDelayMs' | 'probeMaxDelayMs'>, random: () => number): number {
  return backoffDelayMs(failures, { baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.probeMaxDelayMs }, random);
}

export function newDelivery(now: Date): Delivery {
  return { state: 'pending', attempts: 0, nextAttemptAt: now, replays: 0 };
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half is
 * random, so retries of many entries spread out without ever firing immediately.
 * `failures` is the number of failed attempts so far (≥ 1).
 */
export function backoffDelayMs(failures: number, policy: Pick<DeliveryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status?: number; error: string }
  | { kind: 'permanent'; status: number; error: string };

/**
 * How a registry's HTTP answer is read. 2xx: delivered. 409: the registry already holds
 * this idempotency key, so it is delivered too. 400/404/410/413/415/422: the registry
 * refuses this credential or the URL is wrong; retrying the same request cannot help,
 * so the entry goes to the dead letter at once for an admin to look at. Everything else
 * (408, 429, 5xx, 401/403 while credentials get fixed) is retried.
 */
export function outcomeOfStatus(status: number, body: string): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 409) return { kind: 'delivered', status };
  const error = `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
  if ([400, 404, 410, 413, 415, 422].includes(status)) return { kind: 'permanent', status, error };
  return { kind: 'retry', status, error };
}

/** The state after a failed attempt: back to pending after a backoff, or dead. */
export function afterFailure(
  delivery: Pick<Delivery, 'attempts'>,
  outcome: Exclude<AttemptOutcome, { kind: 'delivered' }>,
  policy: DeliveryPolicy,
  now: Date,
  random: () => number,
): { state: 'pending'; nextAttemptAt: Date } | { state: 'dead' } {
  if (outcome.kind === 'permanent' || delivery.attempts >= policy.maxAttempts) return { state: 'dead' };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + backoffDelayMs(delivery.attempts, policy, random)) };
}
