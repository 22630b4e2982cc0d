import type * as C from '@pix-lti/web-components/contract';
import * as S from '@pix-lti/web-components/contract-schemas';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidateHarness, type CandidateHarness } from '../testing/candidate-harness.js';

/**
 * « Libérer la place » (ADR 0022): a pupil joins under a classmate's identity, the
 * invigilator frees the entry, the right pupil joins and sits the test; the intruder's
 * launch no longer reaches that place. A started test cannot be released.
 */
let h: CandidateHarness;
let sessionNumber: number;
let accessCode: string;
let invigilator: string;
let ines: string;
let hugo: string;
let noah: string;

beforeAll(async () => {
  h = await createCandidateHarness('cert-release');
  const api = request(h.app);
  await api.post('/api/admin/certification/centres').send({ uai: '0781234A', name: 'Collège Jean Moulin', academyId: 'versailles' }).expect(201);
  const created = await api.post('/api/admin/certification/centres/0781234A/sessions').send({ date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' }).expect(201);
  const sessionId: string = created.body.id;
  ({ number: sessionNumber, accessCode } = created.body);
  const enrol = async (body: object) => (await api.post(`/api/admin/certification/sessions/${sessionId}/candidates`).send(body).expect(201)).body.id as string;
  ines = await enrol({ firstName: 'Inès', lastName: 'Garnier', birthdate: '2011-02-03' });
  hugo = await enrol({ firstName: 'Hugo', lastName: 'Lambert' });
  noah = await enrol({ firstName: 'Noah', lastName: 'Faure' });
  invigilator = (await api.post('/api/certification/invigilation/sign-in').send({ sessionNumber, password: created.body.invigilatorPassword }).expect(201)).body.token;
  await invig().post('/api/certification/invigilation/session/open').expect(200);
}, 60_000);
afterAll(async () => h?.close());

const as = (token: string) => ({
  get: (path: string) => request(h.app).get(path).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}) => request(h.app).post(path).set('Authorization', `Bearer ${token}`).send(body),
});
const invig = () => as(invigilator);
const act = (courseId: string, action: string) => invig().post(`/api/certification/invigilation/candidates/${courseId}/${action}`);
const joinAsInes = (token: string) => as(token).post('/api/certification/candidate/join', { sessionNumber, accessCode, firstName: 'Ines', lastName: 'GARNIER', birthdate: '2011-02-03' });

describe('releasing a place taken by the wrong pupil', () => {
  it('frees the entry for the right pupil; the intruder can neither act on it nor take it again', async () => {
    const intruder = await h.learner('moodle-intruder');
    const right = await h.learner('moodle-ines');
    expect((await joinAsInes(intruder)).status).toBe(200);
    // The invigilator, fooled, even admits the intruder.
    expect((await act(ines, 'confirm-presence')).body.state).toBe('present');
    expect((await act(ines, 'admit')).body.state).toBe('admitted');
    expect((await joinAsInes(right)).body.code).toBe('CANDIDATE_ALREADY_JOINED');

    const released = await act(ines, 'release');
    expect(released.status, released.text).toBe(200);
    // Admission withdrawn (it was given to the intruder's launch), presence kept.
    expect(S.invigilatedCandidateView.parse(released.body)).toMatchObject({ id: ines, state: 'present', joined: false });

    // The intruder's token no longer reaches the course, and joining again under Inès is refused.
    expect((await as(intruder).post(`/api/certification/candidate/courses/${ines}/start`)).body.code).toBe('CANDIDATE_NOT_FOUND');
    expect((await as(intruder).get(`/api/certification/candidate/courses/${ines}`)).status).toBe(404);
    const again = await joinAsInes(intruder);
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('CANDIDATE_PLACE_RELEASED');
    // The same guard holds in the atomic bind itself (a join racing the release).
    const intruderId = (await h.certification.deps.courses.find(ines))!.releases![0]!.learnerId;
    expect(await h.certification.deps.courses.bindLearner(ines, intruderId)).toBe(false);

    // The right pupil joins, is admitted and sits the test.
    const joined = await joinAsInes(right);
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body).toMatchObject({ resumed: false, course: { id: ines, state: 'present' } });
    expect((await act(ines, 'admit')).body.state).toBe('admitted');
    expect((await as(right).post(`/api/certification/candidate/courses/${ines}/start`).expect(200)).body.state).toBe('in_progress');
    const q = S.candidateQuestionResponse.parse((await as(right).get(`/api/certification/candidate/courses/${ines}/question`).expect(200)).body);
    expect(q.kind).toBe('question');
    expect((await as(intruder).get(`/api/certification/candidate/courses/${ines}/question`)).body.code).toBe('CANDIDATE_NOT_FOUND');

    // Recorded: on the course (which launch, when, by whom) and as an incident for the centre.
    const course = await h.certification.deps.courses.find(ines);
    expect(course!.candidate.learnerId).toBeDefined();
    expect(course!.releases).toHaveLength(1);
    expect(course!.releases![0]).toMatchObject({ by: 'invigilator', releasedAt: expect.any(Date) });
    expect(course!.releases![0]!.learnerId).not.toBe(course!.candidate.learnerId);
    const incidents = await h.certification.deps.incidents.listBySession(course!.sessionId);
    expect(incidents).toEqual([expect.objectContaining({ courseId: ines, category: 'non_blocking_candidate_issue', reportedBy: 'invigilator', description: expect.stringContaining('Place libérée') })]);
  });

  it('refuses once the test has started (end it and record an incident instead), and when nobody joined', async () => {
    const started = await act(ines, 'release');
    expect(started.status).toBe(409);
    expect(started.body.code).toBe('CANDIDATE_ALREADY_STARTED');
    expect((await h.certification.deps.courses.find(ines))!.candidate.learnerId).toBeDefined();

    const nobody = await act(hugo, 'release');
    expect(nobody.status).toBe(403);
    expect(nobody.body.code).toBe('CANDIDATE_NOT_JOINED');
    expect((await request(h.app).post(`/api/certification/invigilation/candidates/${noah}/release`)).body.code).toBe('INVIGILATOR_SESSION_MISSING');
    expect((await act('no-such-course', 'release')).body.code).toBe('CANDIDATE_NOT_FOUND');
    const view = (await invig().get('/api/certification/invigilation/session').expect(200)).body as C.InvigilatedSessionView;
    expect(view.candidates.find((c) => c.id === ines)).toMatchObject({ joined: true, state: 'in_progress' });
  });
});
