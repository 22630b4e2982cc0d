import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCourse } from '../../lti-tool/src/certification/application/change-course.js';
import { expireOverdueCourses } from '../../lti-tool/src/certification/application/expire-overdue-courses.js';
import { recordAnswer } from '../../lti-tool/src/certification/application/record-answer.js';
import type { CertificationDeps } from '../../lti-tool/src/certification/application/dependencies.js';
import { ACCESS_CODE_PATTERN, INVIGILATOR_PASSWORD_PATTERN, VERIFICATION_CODE_PATTERN } from '../../lti-tool/src/certification/domain/codes.js';
import { COMPETENCE_IDS } from '../../lti-tool/src/certification/domain/rules.js';
import { startCertificationStack, type CertificationStack } from '../support/certification-stack.js';

let stack: CertificationStack;
let now = new Date('2026-03-10T08:00:00Z');
let deps: CertificationDeps;
const minutes = (m: number) => (now = new Date(now.getTime() + m * 60_000));

beforeAll(async () => {
  stack = await startCertificationStack('session-journey', { adminAcademies: ['versailles'] });
  deps = { ...stack.certification.deps, clock: () => now };
});
afterAll(async () => stack?.close());

const api = () => request(stack.url);
const challenge = (q: number) => ({ id: `c${q}`, competenceId: COMPETENCE_IDS[q % 16]!, discrimination: 1.3, difficulty: (q % 7) - 3 });

async function answer(courseId: string, q: number, result: 'ok' | 'ko' = q % 3 ? 'ok' : 'ko') {
  return recordAnswer({ courseId, questionIndex: q, challenge: challenge(q), result, value: 'x' }, deps);
}

describe('a certification session from creation to publication', () => {
  let sessionId: string;
  const courses: Record<string, string> = {};

  it('a centre of the admin’s academy creates a session with a number, an access code and an invigilator password', async () => {
    expect((await api().post('/api/admin/certification/centres').send({ uai: '0781234a', name: 'Collège Jean Moulin', academyId: 'versailles' })).status).toBe(201);
    const other = await api().post('/api/admin/certification/centres').send({ uai: '0941111Z', name: 'Ailleurs', academyId: 'creteil' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('ACADEMY_FORBIDDEN');
    const res = await api().post('/api/admin/certification/centres/0781234A/sessions').send({ date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'created', number: expect.any(Number), accessCode: expect.stringMatching(ACCESS_CODE_PATTERN), invigilatorPassword: expect.stringMatching(INVIGILATOR_PASSWORD_PATTERN) });
    sessionId = res.body.id;
    const again = await api().get(`/api/admin/certification/sessions/${sessionId}/invigilator-password`);
    expect(again.body.invigilatorPassword).toBe(res.body.invigilatorPassword);
    expect(JSON.stringify(await stack.db.connection.db!.collection('certification_sessions').findOne({}))).not.toContain(res.body.invigilatorPassword);
  });

  it('enrols candidates, refuses bad input and duplicates', async () => {
    for (const [key, body] of Object.entries({
      lea: { firstName: 'Léa', lastName: 'Martin', nationalStudentId: '123456789ab' },
      tom: { firstName: 'Tom', lastName: 'Petit', extraTimePercentage: 33.33 },
      sam: { firstName: 'Sam', lastName: 'Roux' },
      zoe: { firstName: 'Zoé', lastName: 'Blanc' },
    })) {
      const res = await api().post(`/api/admin/certification/sessions/${sessionId}/candidates`).send(body);
      expect(res.status).toBe(201);
      courses[key] = res.body.id;
    }
    const twice = await api().post(`/api/admin/certification/sessions/${sessionId}/candidates`).send({ firstName: 'L', lastName: 'M', nationalStudentId: '123456789AB' });
    expect(twice.body.code).toBe('CANDIDATE_ALREADY_ENROLLED');
    const bad = await api().post(`/api/admin/certification/sessions/${sessionId}/candidates`).send({ firstName: 'X', extraTimePercentage: 300 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('runs the courses: presence, admission, start, pause and resume, answers in order', async () => {
    await deps.sessions.update(sessionId, 'created', { status: 'started', startedAt: now });
    for (const id of Object.values(courses)) {
      for (const type of ['confirmPresence', 'admit', 'start'] as const) await changeCourse({ sessionId, courseId: id, event: { type }, scope: 'all' }, deps);
    }
    for (let q = 0; q < 32; q++) await answer(courses.lea!, q);
    expect((await deps.courses.find(courses.lea!))).toMatchObject({ state: 'ended', endReason: 'completed', answerCount: 32 });
    expect((await answer(courses.lea!, 31)).status).toBe('duplicate');

    await answer(courses.sam!, 0);
    await expect(answer(courses.sam!, 5)).rejects.toMatchObject({ code: 'ANSWER_OUT_OF_ORDER' });
    await changeCourse({ sessionId, courseId: courses.sam!, event: { type: 'pause' }, scope: 'all' }, deps);
    await expect(answer(courses.sam!, 1)).rejects.toMatchObject({ code: 'COURSE_NOT_RUNNING' });
    minutes(20);
    await changeCourse({ sessionId, courseId: courses.sam!, event: { type: 'resume' }, scope: 'all' }, deps);
    for (let q = 1; q < 24; q++) await answer(courses.sam!, q);
    await changeCourse({ sessionId, courseId: courses.sam!, event: { type: 'endByCandidate' }, scope: 'all' }, deps);
    for (let q = 0; q < 10; q++) await answer(courses.zoe!, q);
  });

  it('stops a course at the time limit, honouring extra time', async () => {
    for (let q = 0; q < 22; q++) await answer(courses.tom!, q);
    minutes(106); // 126 min after the start: past 1 h 45, within Tom's 2 h 20
    await expect(answer(courses.zoe!, 10)).rejects.toMatchObject({ code: 'TIME_LIMIT_REACHED' });
    expect(await deps.courses.find(courses.zoe!)).toMatchObject({ state: 'ended', endReason: 'time_limit' });
    expect((await answer(courses.tom!, 22)).status).toBe('recorded');
    minutes(15); // 141 min: Tom's time is over too; the sweep stops him without any request from his browser
    expect(await expireOverdueCourses(deps)).toBe(1);
    expect(await deps.courses.find(courses.tom!)).toMatchObject({ state: 'ended', endReason: 'time_limit', endedAt: new Date('2026-03-10T10:20:00Z') });
  });

  it('records a problem on a question and neutralises it at finalisation; rejects under 20 answers', async () => {
    const report = await api().post(`/api/admin/certification/sessions/${sessionId}/incidents`).send({ courseId: courses.sam, category: 'in_challenge', subcategory: 'image_not_displaying', questionIndex: 0, description: 'image absente' });
    expect(report.status).toBe(201);
    const bad = await api().post(`/api/admin/certification/sessions/${sessionId}/incidents`).send({ category: 'in_challenge', description: 'x' });
    expect(bad.body.code).toBe('INCIDENT_INVALID');
    const res = await api().post(`/api/admin/certification/sessions/${sessionId}/finalise`).send({ examinerComment: 'RAS' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scored: 4, neutralised: 1 });
    const zoe = (await deps.courses.find(courses.zoe!))!.score!;
    expect(zoe).toMatchObject({ status: 'rejected', rejectionReason: 'NOT_ENOUGH_ANSWERS', answersCounted: 10 });
    const sam = (await deps.courses.find(courses.sam!))!.score!;
    expect(sam).toMatchObject({ status: 'validated', answersCounted: 23, neutralisedCount: 1, downgradedBy: 8 });
    expect((await deps.courses.find(courses.lea!))!.score).toMatchObject({ status: 'validated', downgradedBy: 0 });
    const late = await api().post(`/api/admin/certification/sessions/${sessionId}/candidates`).send({ firstName: 'Trop', lastName: 'Tard' });
    expect(late.body.code).toBe('SESSION_STATE_FORBIDS');
  });

  it('publishes: one result per scored course, each with a unique verification code and a pending delivery', async () => {
    const res = await api().post(`/api/admin/certification/sessions/${sessionId}/publish`);
    expect(res.body).toEqual({ published: 4, alreadyPublished: 0 });
    const session = await api().get(`/api/admin/certification/sessions/${sessionId}`);
    expect(session.body.status).toBe('published');
    const codes = session.body.results.map((r: { verificationCode: string }) => r.verificationCode);
    expect(new Set(codes).size).toBe(4);
    for (const code of codes) expect(code).toMatch(VERIFICATION_CODE_PATTERN);
    expect(session.body.results.every((r: { delivery: { state: string } }) => r.delivery.state === 'pending')).toBe(true);
    expect((await api().post(`/api/admin/certification/sessions/${sessionId}/publish`)).body.code).toBe('SESSION_STATE_FORBIDS');
    const pdf = await api().get(`/api/admin/certification/results/${courses.lea}/attestation.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
