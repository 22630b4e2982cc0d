/**
 * A failed call to a platform's LTI service (token endpoint, AGS, NRPS). `transient`
 * failures (timeouts, network errors, 5xx, 429) are worth retrying later; `permanent`
 * ones (4xx the platform means, a refused URL, a scope not granted) are not, and carry
 * the platform's own reason so a person can act on it.
 */
export type FailureKind = 'transient' | 'permanent';

export class LtiServiceError extends Error {
  readonly code: string;
  readonly kind: FailureKind;
  readonly httpStatus?: number;
  /** What the platform said (its error body, trimmed), or our own explanation. */
  readonly reason: string;
  /** From a `Retry-After` header, when the platform asked us to wait. */
  readonly retryAfterMs?: number;

  constructor(code: string, kind: FailureKind, reason: string, options: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(`${code}: ${reason}`, { cause: options.cause });
    this.name = 'LtiServiceError';
    this.code = code;
    this.kind = kind;
    this.reason = reason;
    this.httpStatus = options.httpStatus;
    this.retryAfterMs = options.retryAfterMs;
  }
}

const MAX_REASON = 500;

/**
 * A platform's error body as a short readable reason: the `reason`/`error_description`/
 * `error`/`message` of a JSON body, else the text itself, whitespace collapsed and cut.
 */
export function reasonFromBody(text: string, status: number): string {
  let reason = text.trim();
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      const picked = [record.reason, record.error_description, record.error, record.message, record.status].find(
        (v): v is string => typeof v === 'string' && v.trim() !== '',
      );
      if (picked) reason = picked;
    }
  } catch {
    // Not JSON: Moodle answers some errors with plain text.
  }
  reason = reason.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (!reason) return `HTTP ${status} without a reason`;
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
}

/** Milliseconds asked by a `Retry-After` header (seconds or HTTP date), capped at an hour. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now.getTime();
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 3600_000);
}
