import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '../src/api/contract.schemas.js';
import type * as C from '../src/api/contract.js';
import { startFakeApi, type FakeApi } from './fake-api.js';
import { CHALLENGES } from './fixtures.js';

/**
 * The fake API honours the contract: every response passes the strict response schemas.
 * The same walk, pointed at the real tool, is the server's contract test to write.
 */
let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, token = 'learner-contract'): Promise<{ status: number; body: T }> {
  const res = await fetch(api.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const answerFor = (step: C.NextStep): C.AnswerValue => {
  if (step.kind !== 'challenge') throw new Error('not a challenge');
  return step.challenge.response.kind === 'choices' ? { kind: 'choices', choices: [1] } : { kind: 'skip' };
};

describe('fake API against the contract schemas', () => {
  it('every fixture challenge is a valid challenge view', () => {
    for (const c of CHALLENGES) expect(S.challengeView.safeParse(c.view).error).toBeUndefined();
  });

  it('walks a whole assessment with schema-valid responses, idempotent answers and errors in the contract', async () => {
    const started = await call<C.StartAssessmentResponse>('POST', '/api/assessments', {});
    expect(S.startAssessmentResponse.parse(started.body).resumed).toBe(false);
    const id = started.body.assessment.id;
    let next = started.body.next;
    let keys = 0;
    while (next.kind !== 'completed') {
      if (next.kind === 'checkpoint') {
        const ack = await call<C.AcknowledgeCheckpointResponse>('POST', `/api/assessments/${id}/checkpoints/${next.checkpoint.id}/acknowledge`, {});
        next = S.acknowledgeCheckpointResponse.parse(ack.body).next;
        continue;
      }
      const request: C.SubmitAnswerRequest = {
        idempotencyKey: `key-${String(++keys).padStart(16, '0')}`,
        challengeId: next.challenge.id,
        value: answerFor(next),
        timedOut: false,
        focusedOut: false,
        timeSpentSeconds: 3,
        answeredAt: new Date().toISOString(),
      };
      const first = await call<C.SubmitAnswerResponse>('POST', `/api/assessments/${id}/answers`, request);
      expect(first.status).toBe(201);
      S.submitAnswerResponse.parse(first.body);
      const replay = await call<C.SubmitAnswerResponse>('POST', `/api/assessments/${id}/answers`, request);
      expect(replay.status).toBe(200);
      expect(replay.body.answer).toEqual({ ...first.body.answer, replayed: true });
      next = first.body.next;
    }
    expect(api.answers.filter((a) => a.assessmentId === id)).toHaveLength(CHALLENGES.length);
    const results = await call<C.AssessmentResults>('GET', `/api/assessments/${id}/results`);
    expect(S.assessmentResults.parse(results.body).sharing.status).toBe('TO_SHARE');
    const shared = await call<C.ShareResultsResponse>('POST', `/api/assessments/${id}/share`, { consent: true });
    expect(S.shareResultsResponse.parse(shared.body).sharing.status).toBe('SHARED');

    const again = await call<C.StartAssessmentResponse>('POST', '/api/assessments', {});
    expect(S.startAssessmentResponse.parse(again.body)).toMatchObject({ resumed: true, next: { kind: 'completed' } });
  });

  it('refuses invalid input and strangers with the error contract', async () => {
    const bad = await call<C.ApiError>('POST', '/api/assessments', { campaignCode: 'nope' });
    expect(bad.status).toBe(400);
    expect(S.apiError.parse(bad.body).code).toBe('VALIDATION_FAILED');
    const stranger = await call<C.ApiError>('GET', '/api/assessments/assessment-learner-contract/next', undefined, 'someone-else');
    expect(stranger.status).toBe(404);
    expect(S.apiError.parse(stranger.body).code).toBe('ASSESSMENT_NOT_FOUND');
    const learnerAsTeacher = await call<C.ApiError>('GET', '/api/teacher/progress');
    expect(learnerAsTeacher.status).toBe(403);
    const progress = await call<C.ClassProgress>('GET', '/api/teacher/progress', undefined, 'teacher-1');
    expect(S.classProgress.parse(progress.body).learners.length).toBeGreaterThan(10);
  });

  it('rejects a solution leaking into a challenge view', () => {
    const leaked = { ...CHALLENGES[0]!.view, solution: [2] };
    expect(S.challengeView.safeParse(leaked).success).toBe(false);
  });
});
