/**
 * The admin API over fetch: same-origin cookies, the session's CSRF token on every
 * change, and failures as `ApiError`s carrying the error contract's code.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class AdminApi {
  private csrfToken?: string;
  /** Called when the server says the session is gone, so the shell can ask to sign in again. */
  onSessionLost?: () => void;

  constructor(private readonly base = '/api/admin') {}

  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.send<T>('GET', qs ? `${path}?${qs}` : path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('PUT', path, body ?? {});
  }

  /**
   * A POST with its own JSON media type (the item bank upload), where some error statuses
   * carry the answer itself (`answerStatuses`, e.g. 422 with a validation report).
   */
  postAs<T>(path: string, body: unknown, contentType: string, answerStatuses: number[] = []): Promise<T> {
    return this.send<T>('POST', path, body, { contentType, answerStatuses });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  private async send<T>(method: Method, path: string, body?: unknown, options: { contentType?: string; answerStatuses?: number[] } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached.');
    }
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!response.ok && !options.answerStatuses?.includes(response.status)) {
      const code = typeof payload?.code === 'string' ? payload.code : 'INTERNAL_ERROR';
      if (response.status === 401 && (code === 'ADMIN_SESSION_EXPIRED' || code === 'ADMIN_SESSION_MISSING')) this.onSessionLost?.();
      throw new ApiError(response.status, code, String(payload?.message ?? response.statusText), payload?.details, payload?.requestId as string | undefined);
    }
    return payload as T;
  }
}
