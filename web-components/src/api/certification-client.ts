import type { PixApi } from './client.js';
import type * as C from './contract.js';

const enc = encodeURIComponent;

/** The candidate's certification calls, over the launch's (or ENT's) bearer token. */
export class CandidateCertificationApi {
  constructor(private readonly api: PixApi) {}

  join(body: C.JoinCertificationRequest): Promise<C.JoinCertificationResponse> {
    return this.api.request('POST', '/certification/candidate/join', body);
  }
  course(id: string): Promise<C.CandidateCourseView> {
    return this.api.request('GET', `/certification/candidate/courses/${enc(id)}`);
  }
  start(id: string): Promise<C.CandidateCourseView> {
    return this.api.request('POST', `/certification/candidate/courses/${enc(id)}/start`, {});
  }
  question(id: string): Promise<C.CandidateQuestionResponse> {
    return this.api.request('GET', `/certification/candidate/courses/${enc(id)}/question`);
  }
  answer(id: string, body: C.CandidateAnswerRequest): Promise<C.CandidateAnswerResponse> {
    return this.api.request('POST', `/certification/candidate/courses/${enc(id)}/answers`, body);
  }
  report(id: string, body: C.ReportProblemRequest): Promise<{ id: string }> {
    return this.api.request('POST', `/certification/candidate/courses/${enc(id)}/problems`, body);
  }
}

/** The invigilator's calls, over the token of their sign-in. */
export class InvigilatorApi {
  constructor(private readonly api: PixApi) {}

  session(): Promise<C.InvigilatedSessionView> {
    return this.api.request('GET', '/certification/invigilation/session');
  }
  open(): Promise<C.InvigilatedSessionView> {
    return this.api.request('POST', '/certification/invigilation/session/open', {});
  }
  act(courseId: string, action: C.InvigilatorAction): Promise<C.InvigilatedCandidateView> {
    return this.api.request('POST', `/certification/invigilation/candidates/${enc(courseId)}/${action}`, {});
  }
  /** « Libérer la place »: unbinds the pupil who joined under this candidate's identity (before the start only). */
  release(courseId: string): Promise<C.InvigilatedCandidateView> {
    return this.api.request('POST', `/certification/invigilation/candidates/${enc(courseId)}/release`, {});
  }
  extraTime(courseId: string, extraTimePercentage: number): Promise<C.InvigilatedCandidateView> {
    return this.api.request('POST', `/certification/invigilation/candidates/${enc(courseId)}/extra-time`, { extraTimePercentage });
  }
  incident(body: { courseId?: string; category: string; description: string }): Promise<unknown> {
    return this.api.request('POST', '/certification/invigilation/incidents', body);
  }
  signOut(): Promise<unknown> {
    return this.api.request('POST', '/certification/invigilation/sign-out', {});
  }
}
