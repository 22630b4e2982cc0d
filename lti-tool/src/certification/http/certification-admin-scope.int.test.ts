import type { Express, Response } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../platform/testing/test-app.js';
import { seedPublishedSession } from '../testing/seed.js';
import { createCandidateHarness, type CandidateHarness } from '../testing/candidate-harness.js';
import type { AdminAccess } from './admin-access.js';

/** The composition root's access, with the admin from a test header: `academy` or `school:<UAI>`. */
const access: AdminAccess = {
  requireAdmin: (_req, _res, next) => next(),
  academiesOf: () => ['versailles'],
  schoolOf: (res: Response) => {
    const who = String(res.req.get('x-test-admin') ?? 'academy');
    return who.startsWith('school:') ? who.slice(7) : undefined;
  },
};

let h: CandidateHarness;
let app: Express;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createCandidateHarness('cert-admin-scope');
  app = createTestApp((router) => h.certification.adminRoutes(access)(router));
  for (const uai of ['0781234A', '0782222B']) {
    const { sessionId } = await seedPublishedSession(h.certification.deps, { uai, academyId: 'versailles', candidates: 1 });
    ids[uai] = sessionId;
    ids[`result-${uai}`] = (await h.certification.deps.results.listBySession(sessionId))[0]!.id;
  }
}, 60_000);
afterAll(async () => h?.close());

const as = (who: string) => ({
  get: (path: string) => request(app).get(`/api/admin/certification${path}`).set('x-test-admin', who),
  post: (path: string, body: object) => request(app).post(`/api/admin/certification${path}`).set('x-test-admin', who).send(body),
});

describe('certification admin routes for a school admin (one UAI)', () => {
  const school = as('school:0781234A');

  it('lists only their centre, and registers only their own school', async () => {
    expect((await as('academy').get('/centres')).body.centres).toHaveLength(2);
    expect((await school.get('/centres')).body.centres.map((c: { uai: string }) => c.uai)).toEqual(['0781234A']);
    const other = await school.post('/centres', { uai: '0783333C', name: 'Autre', academyId: 'versailles' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('SCHOOL_FORBIDDEN');
  });

  it('sees and runs their own sessions, and answers "not found" for another school’s', async () => {
    expect((await school.get('/centres/0781234A/sessions')).body.sessions).toHaveLength(1);
    expect((await school.get(`/sessions/${ids['0781234A']}`)).status).toBe(200);
    expect((await school.get(`/sessions/${ids['0781234A']}/invigilator-password`)).status).toBe(200);
    expect((await school.post('/centres/0781234A/sessions', { date: '2026-06-02', time: '14:00', room: 'CDI', invigilator: 'Mme Roy' })).status).toBe(201);

    expect((await school.get('/centres/0782222B/sessions')).body.code).toBe('CENTRE_NOT_FOUND');
    expect((await school.post('/centres/0782222B/sessions', { date: '2026-06-02', time: '14:00', room: 'CDI', invigilator: 'Mme Roy' })).body.code).toBe('CENTRE_NOT_FOUND');
    for (const path of ['', '/invigilator-password']) {
      const res = await school.get(`/sessions/${ids['0782222B']}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SESSION_NOT_FOUND');
    }
    for (const [path, body] of [['/candidates', { firstName: 'A', lastName: 'B' }], ['/incidents', { category: 'technical_problem', description: 'x' }], ['/finalise', {}], ['/publish', {}]] as const) {
      expect((await school.post(`/sessions/${ids['0782222B']}${path}`, body)).body.code).toBe('SESSION_NOT_FOUND');
    }
  });

  it('downloads their own attestations only', async () => {
    expect((await school.get(`/results/${ids['result-0781234A']}/attestation.pdf`)).headers['content-type']).toBe('application/pdf');
    expect((await school.get(`/results/${ids['result-0782222B']}/attestation.pdf`)).body.code).toBe('RESULT_NOT_FOUND');
    expect((await as('academy').get(`/results/${ids['result-0782222B']}/attestation.pdf`)).status).toBe(200);
  });
});
