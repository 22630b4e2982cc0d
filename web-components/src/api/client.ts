import type * as C from './contract.js';

/** The server answered with the error contract (`{ code, message, details?, requestId }`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** No answer from the server (offline, DNS, timeout, connection reset): worth retrying. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network unavailable', { cause });
    this.name = 'NetworkError';
  }
}

export interface PixApiOptions {
  /** Base URL of the REST API, `/api` included, e.g. `https://pix-lti.example.org/api` (as the launch page gives it). */
  apiBase: string;
  /** Bearer token of the launch (or of the ENT session). */
  token: string;
  /** Abort a request after this long; the caller decides whether to retry. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Typed client for the API of `contract.ts`. Authentication is the bearer token only:
 * `credentials: 'omit'`, so nothing depends on cookies (blocked in cross-site iframes).
 */
export class PixApi {
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: PixApiOptions) {
    this.base = options.apiBase.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  startAssessment(body: C.StartAssessmentRequest): Promise<C.StartAssessmentResponse> {
    return this.request('POST', '/assessments', body);
  }
  getNextStep(assessmentId: string): Promise<C.GetNextStepResponse> {
    return this.request('GET', `/assessments/${enc(assessmentId)}/next`);
  }
  startChallenge(assessmentId: string, challengeId: string): Promise<C.StartChallengeResponse> {
    return this.request('POST', `/assessments/${enc(assessmentId)}/challenges/${enc(challengeId)}/start`, {});
  }
  focusLost(assessmentId: string, challengeId: string): Promise<C.FocusLostResponse> {
    return this.request('POST', `/assessments/${enc(assessmentId)}/challenges/${enc(challengeId)}/focus-lost`, {});
  }
  submitAnswer(assessmentId: string, body: C.SubmitAnswerRequest): Promise<C.SubmitAnswerResponse> {
    return this.request('POST', `/assessments/${enc(assessmentId)}/answers`, body);
  }
  acknowledgeCheckpoint(assessmentId: string, checkpointId: string): Promise<C.AcknowledgeCheckpointResponse> {
    return this.request('POST', `/assessments/${enc(assessmentId)}/checkpoints/${enc(checkpointId)}/acknowledge`, {});
  }
  getResults(assessmentId: string): Promise<C.AssessmentResults> {
    return this.request('GET', `/assessments/${enc(assessmentId)}/results`);
  }
  shareResults(assessmentId: string): Promise<C.ShareResultsResponse> {
    const body: C.ShareResultsRequest = { consent: true };
    return this.request('POST', `/assessments/${enc(assessmentId)}/share`, body);
  }
  getClassProgress(): Promise<C.ClassProgress> {
    return this.request('GET', '/teacher/progress');
  }
  getGrades(resourceLinkId: string): Promise<C.GradeListResponse> {
    return this.request('GET', `/grades?resourceLinkId=${enc(resourceLinkId)}`);
  }
  resendGrade(gradeId: string): Promise<C.GradeStatus> {
    return this.request('POST', `/grades/${enc(gradeId)}/resend`, {});
  }
  getDeepLinkingItems(): Promise<C.DeepLinkingItemsResponse> {
    return this.request('GET', '/lti/deep-linking/items');
  }
  createDeepLinkingResponse(body: C.DeepLinkingResponseRequest): Promise<C.DeepLinkingResponseResponse> {
    return this.request('POST', '/lti/deep-linking/response', body);
  }

  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
      });
    } catch (err) {
      throw new NetworkError(err);
    }
    const text = await response.text().catch((err: unknown) => {
      throw new NetworkError(err);
    });
    const json = parseJson(text);
    if (!response.ok) {
      const e = (json ?? {}) as Partial<C.ApiError>;
      // A proxy's 502/503/504 page is not the tool speaking: treat it like a network loss.
      if (!e.code && response.status >= 502) throw new NetworkError(new Error(`HTTP ${response.status}`));
      throw new ApiRequestError(response.status, e.code ?? 'HTTP_' + response.status, e.message ?? response.statusText, e.requestId, e.details);
    }
    return json as T;
  }
}

const enc = encodeURIComponent;

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
