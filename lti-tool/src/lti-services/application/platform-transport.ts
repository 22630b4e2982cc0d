import { LtiServiceError } from '../domain/service-error.js';

/** Port: the guarded HTTP client towards platforms (lti/shared/platform-http.ts: SSRF guard, no redirects, bounded). */
export interface PlatformTransport {
  request(
    url: string,
    init: { method?: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
  ): Promise<{ status: number; statusText?: string; headers: Record<string, string>; body: string }>;
}

/** A failure of the HTTP client: refused URL (permanent), too large (permanent), else transient. */
export function transportError(err: unknown, what: string): LtiServiceError {
  const error = err as Error & { kind?: string };
  const message = `${what}: ${error.message}`;
  if (error.kind === 'refused-url') return new LtiServiceError('LTI_SERVICE_URL_FOREIGN', 'permanent', message, { cause: err });
  if (error.kind === 'too-large') return new LtiServiceError('LMS_REJECTED', 'permanent', message, { cause: err });
  const timedOut = error.kind === 'timeout' || error.name === 'TimeoutError' || error.name === 'AbortError' || /aborted/i.test(error.message);
  return new LtiServiceError(timedOut ? 'LMS_TIMEOUT' : 'LMS_UNREACHABLE', 'transient', message, { cause: err });
}
