import type * as C from '@pix-lti/web-components/contract';
import * as S from '@pix-lti/web-components/contract-schemas';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightAnswer, wrongAnswer } from '../../assessment/testing/assessment-harness.js';
import { COMPETENCE_IDS } from '../domain/rules.js';
import { createCandidateHarness, type CandidateHarness } from '../testing/candidate-harness.js';

let h: CandidateHarness;
let sessionId: string;
let sessionNumber: number;
let accessCode: string;
let password: string;
let invigilator: string;
const courses: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await createCandidateHarness('cert-candidate');
  const api = request(h.app);
  await api.post('/api/admin/certification/centres').send({ uai: '0781234A', name: 'Collège Jean Moulin', academyId: 'versailles' }).expect(201);
  const created = await api.post('/api/admin/certification/centres/0781234A/sessions').send({ date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' }).expect(201);
  ({ id: sessionId, number: sessionNumber, accessCode, invigilatorPassword: password } = created.body);
  for (const [key, body] of Object.entries({
    lea: { firstName: 'Léa', lastName: 'Martin', birthdate: '2011-05-04' },
    tom: { firstName: 'Tom', lastName: 'Petit', extraTimePercentage: 33.33 },
    sam: { firstName: 'Sam', lastName: 'Roux' },
    zoe: { firstName: 'Zoé', lastName: 'Blanc' },
  })) {
    courses[key] = (await api.post(`/api/admin/certification/sessions/${sessionId}/candidates`).send(body).expect(201)).body.id;
    tokens[key] = await h.learner(`moodle-${key}`);
  }
}, 60_000);
afterAll(async () => h?.close());

const as = (token: string) => ({
  get: (path: string) => request(h.app).get(path).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}) => request(h.app).post(path).set('Authorization', `Bearer ${token}`).send(body),
});
const candidate = (key: string) => as(tokens[key]!);
const invig = () => as(invigilator);
const join = (key: string, body: Partial<C.JoinCertificationRequest> = {}) =>
  candidate(key).post('/api/certification/candidate/join', { sessionNumber, accessCode, ...identities[key], ...body });
const identities: Record<string, Pick<C.JoinCertificationRequest, 'firstName' | 'lastName' | 'birthdate'>> = {
  lea: { firstName: 'lea', lastName: 'MARTIN', birthdate: '2011-05-04' },
  tom: { firstName: 'Tom', lastName: 'Petit' },
  sam: { firstName: 'Sam', lastName: 'Roux' },
  zoe: { firstName: 'Zoe', lastName: 'Blanc' },
};
const act = (key: string, action: string) => invig().post(`/api/certification/invigilation/candidates/${courses[key]}/${action}`);

/** The current question, checked against the contract's strict schema (a solution or a field too many fails). */
async function question(key: string): Promise<C.CandidateQuestionResponse> {
  const res = await candidate(key).get(`/api/certification/candidate/courses/${courses[key]}/question`);
  expect(res.status, res.text).toBe(200);
  return S.candidateQuestionResponse.parse(res.body);
}

async function answerCurrent(key: string, right = true) {
  const q = await question(key);
  if (q.kind !== 'question') throw new Error(`no question for ${key}: ${q.kind}`);
  const challenge = (await h.content.content.challenge(q.challenge.id))!;
  const body = { questionIndex: q.index, challengeId: q.challenge.id, value: right ? rightAnswer(challenge) : wrongAnswer(challenge) };
  const res = await candidate(key).post(`/api/certification/candidate/courses/${courses[key]}/answers`, body);
  return { q, body, res };
}

describe('the invigilator’s sign-in', () => {
  it('refuses a wrong password or an unknown number with the same error, and a missing token', async () => {
    for (const body of [{ sessionNumber, password: 'XXXXX' }, { sessionNumber: 99999, password }]) {
      const res = await request(h.app).post('/api/certification/invigilation/sign-in').send(body);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVIGILATOR_SIGN_IN_FAILED');
    }
    expect((await request(h.app).get('/api/certification/invigilation/session')).body.code).toBe('INVIGILATOR_SESSION_MISSING');
    expect((await as('forged').get('/api/certification/invigilation/session')).body.code).toBe('INVIGILATOR_SESSION_EXPIRED');
  });

  it('signs in with the session number and the password (case-insensitive), and sees the list', async () => {
    const res = await request(h.app).post('/api/certification/invigilation/sign-in').send({ sessionNumber: `n° ${sessionNumber}`, password: password.toLowerCase() });
    expect(res.status, res.text).toBe(201);
    invigilator = res.body.token;
    expect(res.body.session).toMatchObject({ number: sessionNumber, accessCode, status: 'created' });
    const view = S.invigilatedSessionView.parse((await invig().get('/api/certification/invigilation/session').expect(200)).body);
    expect(view.total).toBe(4);
    expect(view.candidates.every((c) => c.state === 'registered' && !c.joined)).toBe(true);
    expect(JSON.stringify(await h.db.connection.db!.collection('certification_invigilator_sessions').find().toArray())).not.toContain(invigilator);
  });
});

describe('a candidate joins', () => {
  it('is told to wait while the invigilator has not opened the session', async () => {
    const res = await join('lea');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SESSION_NOT_OPEN');
    expect((await invig().post('/api/certification/invigilation/session/open').expect(200)).body.session.status).toBe('started');
  });

  it('gets one clear error for a wrong number or access code, and another for an identity not on the list', async () => {
    for (const body of [{ accessCode: 'BBBB22' }, { sessionNumber: sessionNumber + 500 }, { accessCode: 'nonsense' }]) {
      const res = await join('lea', body);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SESSION_ACCESS_DENIED');
    }
    expect((await join('lea', { birthdate: '2011-05-05' })).body.code).toBe('CANDIDATE_NOT_ENROLLED');
    expect((await join('lea', { sessionNumber: undefined })).body.code).toBe('VALIDATION_FAILED');
  });

  it('joins with the access code typed loosely, then finds their place again; nobody else can take it', async () => {
    const first = await join('lea', { accessCode: ` ${accessCode.toLowerCase()} ` });
    expect(first.status, first.text).toBe(200);
    expect(S.joinCertificationResponse.parse(first.body)).toMatchObject({ resumed: false, course: { id: courses.lea, state: 'registered', answered: 0, total: 32, allowedSeconds: 6300 } });
    expect((await join('lea')).body.resumed).toBe(true);
    const intruder = await h.learner('moodle-intruder');
    const taken = await as(intruder).post('/api/certification/candidate/join', { sessionNumber, accessCode, ...identities.lea });
    expect(taken.body.code).toBe('CANDIDATE_ALREADY_JOINED');
    expect((await as(intruder).get(`/api/certification/candidate/courses/${courses.lea}`)).status).toBe(404);
    expect((await request(h.app).get(`/api/certification/candidate/courses/${courses.lea}`)).body.code).toBe('LAUNCH_SESSION_MISSING');
    for (const key of ['tom', 'sam', 'zoe']) expect((await join(key)).status).toBe(200);
  });

  it('waits for admission: the invigilator confirms presence, then admits', async () => {
    expect((await question('lea')).kind).toBe('waiting');
    expect((await act('lea', 'admit')).body.code).toBe('COURSE_STATE_FORBIDS');
    for (const key of ['lea', 'tom', 'sam', 'zoe']) {
      expect((await act(key, 'confirm-presence')).body.state).toBe('present');
      expect((await act(key, 'admit')).body.state).toBe('admitted');
    }
    const view = (await invig().get('/api/certification/invigilation/session')).body as C.InvigilatedSessionView;
    expect(view.candidates.every((c) => c.joined && c.state === 'admitted')).toBe(true);
    // Zoé started, then the invigilator ends her test (she felt unwell): her screen says so.
    await candidate('zoe').post(`/api/certification/candidate/courses/${courses.zoe}/start`).expect(200);
    expect((await act('zoe', 'end')).body).toMatchObject({ state: 'ended', endReason: 'invigilator' });
    expect(await question('zoe')).toMatchObject({ kind: 'ended', course: { endReason: 'invigilator' } });
    const extra = await invig().post(`/api/certification/invigilation/candidates/${courses.sam}/extra-time`, { extraTimePercentage: 10 });
    expect(extra.body).toMatchObject({ state: 'admitted', extraTimePercentage: 10 });
    await invig().post(`/api/certification/invigilation/candidates/${courses.sam}/extra-time`, { extraTimePercentage: 0 }).expect(200);
    expect((await candidate('lea').get(`/api/certification/candidate/courses/${courses.lea}`)).body.state).toBe('admitted');
  });
});

describe('the live flash test', () => {
  it('starts, serves 32 questions over the 16 competences, each twice, never with a solution', async () => {
    const started = await candidate('lea').post(`/api/certification/candidate/courses/${courses.lea}/start`).expect(200);
    expect(started.body).toMatchObject({ state: 'in_progress', remainingSeconds: 6300 });
    const seen: string[] = [];
    for (let i = 0; i < 32; i++) {
      const again = await question('lea');
      const { q, body, res } = await answerCurrent('lea', i % 4 !== 0);
      if (q.kind !== 'question') throw new Error('no question');
      // The same question comes back on a reload, until it is answered.
      expect(again).toMatchObject({ kind: 'question', index: i, challenge: { id: q.challenge.id } });
      expect(JSON.stringify(q)).not.toMatch(/"solution|"accepted|"irt"|"skill/i);
      expect(res.status, res.text).toBe(201);
      expect(S.candidateAnswerResponse.parse(res.body)).toMatchObject({ recorded: true, course: { answered: i + 1 } });
      // A retry of the same answer (lost response) writes nothing.
      const retry = await candidate('lea').post(`/api/certification/candidate/courses/${courses.lea}/answers`, body);
      expect(retry.status).toBe(200);
      expect(retry.body.recorded).toBe(false);
      seen.push(q.challenge.competence.code);
    }
    const counts = new Map<string, number>();
    for (const c of seen) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...COMPETENCE_IDS].sort());
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    expect(await question('lea')).toMatchObject({ kind: 'ended', course: { state: 'ended', endReason: 'completed', answered: 32 } });
    const stored = await h.db.connection.db!.collection('certification_answers').find({ courseId: courses.lea }).toArray();
    expect(stored).toHaveLength(32);
    // Exposure control's counters: two tests started (Zoé's and Léa's), Léa's 32 items given once each.
    const exposure = await h.db.connection.db!.collection<{ _id: string; count: number }>('certification_item_exposure').find().toArray();
    expect(exposure.find((d) => d._id === '#tests')?.count).toBe(2);
    expect(exposure.filter((d) => d._id !== '#tests').map((d) => d.count)).toEqual(Array(32).fill(1));
  });

  it('refuses an answer to another question and one that does not fit the question', async () => {
    await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/start`).expect(200);
    const q = await question('sam');
    if (q.kind !== 'question') throw new Error('no question');
    const other = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, { questionIndex: 0, challengeId: 'not-this-one', value: null });
    expect(other.body.code).toBe('CHALLENGE_NOT_CURRENT');
    const ahead = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, { questionIndex: 3, challengeId: q.challenge.id, value: null });
    expect(ahead.body.code).toBe('CHALLENGE_NOT_CURRENT');
    const shape = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, {
      questionIndex: 0,
      challengeId: q.challenge.id,
      value: q.challenge.response.kind === 'choices' ? { kind: 'fields', fields: { x: 'y' } } : { kind: 'choices', choices: [1] },
    });
    expect(shape.body.code).toBe('ANSWER_SHAPE_INVALID');
    const skipped = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, { questionIndex: 0, challengeId: q.challenge.id, value: null });
    expect(skipped.status).toBe(201);
    expect((await h.db.connection.db!.collection('certification_answers').findOne({ courseId: courses.sam }))!.result).toBe('aband');
  });

  it('records "Signaler un problème" on the current question, which the invigilator sees', async () => {
    const q = await question('sam');
    if (q.kind !== 'question') throw new Error('no question');
    const res = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/problems`, { questionIndex: q.index, kind: 'image_not_displaying', description: 'L’image ne s’affiche pas' });
    expect(res.status, res.text).toBe(201);
    expect((await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/problems`, { questionIndex: 9, kind: 'other' })).body.code).toBe('QUESTION_NOT_ASKED');
    expect((await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/problems`, { questionIndex: 1, kind: 'fraud' })).body.code).toBe('VALIDATION_FAILED');
    const incident = await h.db.connection.db!.collection('certification_incidents').findOne({ courseId: courses.sam });
    expect(incident).toMatchObject({ category: 'in_challenge', subcategory: 'image_not_displaying', questionIndex: 1, reportedBy: 'candidate' });
    const view = (await invig().get('/api/certification/invigilation/session')).body as C.InvigilatedSessionView;
    expect(view.candidates.find((c) => c.id === courses.sam)!.reportedProblems).toBe(1);
  });

  it('pauses and resumes: no answer while paused, paused time does not count', async () => {
    h.clock.advanceMinutes(10);
    expect((await act('sam', 'pause')).body.state).toBe('paused');
    const paused = await question('sam');
    expect(paused.kind).toBe('waiting');
    const remaining = paused.course.remainingSeconds!;
    expect(remaining).toBe(6300 - 600);
    const refused = await answerCurrentWhilePaused();
    expect(refused.body.code).toBe('COURSE_NOT_RUNNING');
    h.clock.advanceMinutes(20);
    expect((await candidate('sam').get(`/api/certification/candidate/courses/${courses.sam}`)).body.remainingSeconds).toBe(remaining);
    expect((await act('sam', 'resume')).body.state).toBe('resumed');
    const { res } = await answerCurrent('sam');
    expect(res.status).toBe(201);
  });

  it('resumes after a closed browser: a new launch, the same learner, the exact question', async () => {
    const before = await question('sam');
    tokens.sam = await h.learner('moodle-sam');
    const rejoined = await join('sam');
    expect(rejoined.body).toMatchObject({ resumed: true, course: { state: 'resumed', answered: 2 } });
    expect(await question('sam')).toEqual(before);
  });
});

describe('the time limit, enforced by the server', () => {
  it('stops a candidate at 1 h 45 and another at 2 h 20 with a third more time', async () => {
    h.clock.advanceMinutes(1);
    await candidate('tom').post(`/api/certification/candidate/courses/${courses.tom}/start`).expect(200);
    for (let i = 0; i < 3; i++) expect((await answerCurrent('tom')).res.status).toBe(201);
    const q = await question('sam');
    h.clock.advanceMinutes(106 + 30); // Sam: 106 min of answering time (30 were paused); Tom: 106 min
    if (q.kind !== 'question') throw new Error('no question');
    const late = await candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, { questionIndex: q.index, challengeId: q.challenge.id, value: null });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TIME_LIMIT_REACHED');
    expect(await question('sam')).toMatchObject({ kind: 'ended', course: { endReason: 'time_limit' } });
    expect((await answerCurrent('tom')).res.status).toBe(201);
    h.clock.advanceMinutes(35); // Tom: 141 min > 140
    expect(await question('tom')).toMatchObject({ kind: 'ended', course: { state: 'ended', endReason: 'time_limit', answered: 4 } });
  });

  it('lets the invigilator grant extra time and end a test; the centre then finalises and publishes', async () => {
    // The invigilator's token expired after an hour without a request: they sign in again.
    expect((await invig().get('/api/certification/invigilation/session')).body.code).toBe('INVIGILATOR_SESSION_EXPIRED');
    invigilator = (await request(h.app).post('/api/certification/invigilation/sign-in').send({ sessionNumber, password }).expect(201)).body.token;
    const ended = await act('sam', 'end');
    expect(ended.body.code).toBe('COURSE_STATE_FORBIDS');
    const extra = await invig().post(`/api/certification/invigilation/candidates/${courses.tom}/extra-time`, { extraTimePercentage: 500 });
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const incident = await invig().post('/api/certification/invigilation/incidents', { category: 'non_blocking_candidate_issue', description: 'Arrivée en retard' });
    expect(incident.status).toBe(201);
    const fin = await request(h.app).post(`/api/admin/certification/sessions/${sessionId}/finalise`).send({ abortReasons: { [courses.zoe!]: 'candidate' } });
    expect(fin.status, fin.text).toBe(200);
    expect((await request(h.app).post(`/api/admin/certification/sessions/${sessionId}/publish`)).body).toMatchObject({ published: 4 });
    expect((await invig().post(`/api/certification/invigilation/candidates/${courses.tom}/pause`)).body.code).toBe('SESSION_STATE_FORBIDS');
    expect((await join('lea')).body.code).toBe('SESSION_CLOSED');
  });
});

describe('guessing', () => {
  it('limits failed joins per learner (guesses only: a malformed body does not count)', async () => {
    const guesser = await h.learner('moodle-guesser');
    for (let i = 0; i < 12; i++) expect((await as(guesser).post('/api/certification/candidate/join', { sessionNumber, accessCode: 'BBBB22' })).status).toBe(400);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await as(guesser).post('/api/certification/candidate/join', { sessionNumber, accessCode: 'BBBB22', firstName: 'X', lastName: 'Y' })).status);
    expect(codes.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe('guessing the invigilator password', () => {
  it('limits failed sign-ins per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(h.app).post('/api/certification/invigilation/sign-in').send({ sessionNumber, password: 'ZZZZZ' })).status);
    // Two failures happened at the start of this file: the limit (10 in 15 min) is reached on the 9th here.
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect((await request(h.app).post('/api/certification/invigilation/sign-in').send({ sessionNumber, password })).body.code).toBe('RATE_LIMITED');
  });
});

async function answerCurrentWhilePaused() {
  const course = await h.certification.deps.courses.find(courses.sam!);
  const current = course!.currentQuestion!;
  return candidate('sam').post(`/api/certification/candidate/courses/${courses.sam}/answers`, { questionIndex: current.index, challengeId: current.challengeId, value: null });
}
