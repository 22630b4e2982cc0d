import type * as C from '@pix-lti/web-components/contract';
import * as S from '@pix-lti/web-components/contract-schemas';
import type { Express } from 'express';
import request from 'supertest';
import type { z } from 'zod';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import type { AnswerValue } from '../domain/answer-check.js';
import { newKey, rightAnswer } from './assessment-harness.js';

/**
 * The student API as the web components call it, over HTTP with a bearer token, every
 * response checked against the contract's strict schemas (a solution leaking, a field
 * too many, fails the test).
 */
export class ApiClient {
  constructor(
    private readonly app: Express,
    readonly token: string,
  ) {}

  async call(method: 'get' | 'post', path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string; headers: Record<string, string> }> {
    let req = request(this.app)[method](path).set('Authorization', `Bearer ${this.token}`);
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    return { status: res.status, body: res.body, text: res.text, headers: res.headers as Record<string, string> };
  }

  /** A call expected to succeed with `status`, its body parsed by `schema`. */
  async ok<T extends z.ZodType>(schema: T, method: 'get' | 'post', path: string, body?: unknown, status = 200): Promise<z.output<T>> {
    const res = await this.call(method, path, body);
    if (res.status !== status) throw new Error(`${method.toUpperCase()} ${path}: expected ${status}, got ${res.status} ${res.text}`);
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) throw new Error(`${method.toUpperCase()} ${path}: response breaks the contract: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`);
    return parsed.data;
  }

  /** A call expected to fail with `status` and `code` (the error contract). */
  async fails(method: 'get' | 'post', path: string, body: unknown, status: number, code: string): Promise<C.ApiError> {
    const res = await this.call(method, path, body);
    if (res.status !== status) throw new Error(`${method.toUpperCase()} ${path}: expected ${status} ${code}, got ${res.status} ${res.text}`);
    const error = S.apiError.parse(res.body);
    if (error.code !== code) throw new Error(`${method.toUpperCase()} ${path}: expected ${code}, got ${error.code}`);
    return error;
  }

  start(body: C.StartAssessmentRequest = {}) {
    return this.ok(S.startAssessmentResponse, 'post', '/api/assessments', body);
  }
  next(id: string) {
    return this.ok(S.getNextStepResponse, 'get', `/api/assessments/${id}/next`).then((r) => r.next);
  }
  answer(id: string, request: C.SubmitAnswerRequest, status = 201) {
    return this.ok(S.submitAnswerResponse, 'post', `/api/assessments/${id}/answers`, request, status);
  }
  acknowledge(id: string, checkpointId: string) {
    return this.ok(S.acknowledgeCheckpointResponse, 'post', `/api/assessments/${id}/checkpoints/${checkpointId}/acknowledge`, {}).then((r) => r.next);
  }
  results(id: string) {
    return this.ok(S.assessmentResults, 'get', `/api/assessments/${id}/results`);
  }
  share(id: string) {
    return this.ok(S.shareResultsResponse, 'post', `/api/assessments/${id}/share`, { consent: true });
  }
}

export function answerRequest(challengeId: string, value: AnswerValue | null, extra: Partial<C.SubmitAnswerRequest> = {}): C.SubmitAnswerRequest {
  return { idempotencyKey: newKey(), challengeId, value, timedOut: false, focusedOut: false, timeSpentSeconds: 12, answeredAt: new Date().toISOString(), ...extra };
}

export interface Walk {
  answers: Array<{ challengeId: string; skillId: string; number: number }>;
  checkpoints: C.Checkpoint[];
  final: C.NextStep;
}

/**
 * Answers an assessment to its end: `choose` gives the value for each challenge (right by
 * default), checkpoints are acknowledged as they come.
 */
export async function walkToEnd(
  client: ApiClient,
  assessmentId: string,
  first: C.NextStep,
  snapshot: ContentSnapshot,
  choose: (challengeId: string, number: number) => AnswerValue = (id) => rightAnswer(snapshot.challenge(id)!),
  limit = 200,
): Promise<Walk> {
  const walk: Walk = { answers: [], checkpoints: [], final: first };
  let next = first;
  for (let i = 0; i < limit && next.kind !== 'completed'; i++) {
    if (next.kind === 'checkpoint') {
      walk.checkpoints.push(next.checkpoint);
      next = await client.acknowledge(assessmentId, next.checkpoint.id);
      continue;
    }
    const { challenge, state } = next;
    const response = await client.answer(assessmentId, answerRequest(challenge.id, choose(challenge.id, state.number)));
    walk.answers.push({ challengeId: challenge.id, skillId: snapshot.challenge(challenge.id)!.skillId, number: state.number });
    next = response.next;
  }
  walk.final = next;
  return walk;
}
