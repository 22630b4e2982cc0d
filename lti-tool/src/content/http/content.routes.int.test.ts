import type { RequestHandler } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden } from '../../platform/errors.js';
import { createTestApp } from '../../platform/testing/test-app.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createContentModule, type ContentModule } from '../content.module.js';
import { bankFiles, smallBank } from '../testing/bank-files.js';
import { testContext } from '../testing/content-context.js';

/** Stands in for the LTI/admin guards: the role comes from a test header. */
const roleGuard =
  (role: string): RequestHandler =>
  (req, _res, next) => {
    if (req.get('x-test-role') !== role && req.get('x-test-role') !== 'admin') throw forbidden('TEST_FORBIDDEN', 'no');
    next();
  };

describe('content routes', () => {
  let db: TestDatabase;
  let content: ContentModule;
  let app: ReturnType<typeof createTestApp>;
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

  beforeAll(async () => {
    db = await openTestDatabase('content-routes');
    content = createContentModule(testContext(db), { previewGuard: roleGuard('teacher'), correctionGuard: roleGuard('admin'), refreshIntervalMs: 0 });
    const bank = smallBank();
    const challenges = bank.content.challenges as Array<Record<string, unknown>>;
    challenges[0]!.illustration = { src: 'images/a.svg', alt: 'Un schéma' };
    challenges[0]!.instruction = 'Lisez **bien** <script>alert(1)</script>';
    challenges[0]!.explanation = 'Parce que.';
    challenges[1]!.shuffled = true;
    const report = await content.importItemBank({ files: bankFiles(bank, [{ name: 'images/a.svg', content: svg }]) });
    expect(report.ok).toBe(true);
    app = createTestApp((router) => content.routes!(router));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('serves the framework publicly, with levels and pix values', async () => {
    const res = await request(app).get('/api/content/framework').expect(200);
    expect(res.body.version).toMatchObject({ bankId: 'test-bank', label: '1' });
    expect(res.body.maxReachableLevel).toBe(5);
    const competence = res.body.areas[0].competences[0];
    expect(competence).toMatchObject({ code: '1.1', name: { fr: 'Mener une recherche' } });
    expect(competence.tubes[0]).toMatchObject({ id: '@recherche', levels: [1, 2, 3] });
    expect(competence.tubes[0].skills[0]).toEqual({ id: '@recherche1', level: 1, pixValue: 4, playable: true, reachable: true });
  });

  it('previews a challenge as a learner sees it: sanitised HTML, absolute asset URL, no solution', async () => {
    const res = await request(app).get('/api/content/challenges/qcu-1/preview').set('x-test-role', 'teacher').expect(200);
    expect(res.body.challenge.instructionHtml).toBe('<p>Lisez <strong>bien</strong> </p>');
    expect(res.body.challenge.illustration).toEqual({ url: expect.stringMatching(/^https:\/\/tool\.test\/api\/content\/assets\/[0-9a-f]{64}\.svg$/), alt: 'Un schéma' });
    expect(res.body.challenge.response).toEqual({
      kind: 'choices',
      multiple: false,
      choices: [
        { value: 1, html: 'A' },
        { value: 2, html: 'B' },
      ],
    });
    expect(res.body.challenge.competence).toEqual({ code: '1.1', name: 'Mener une recherche', areaCode: '1', areaName: 'Information et données' });
    expect(JSON.stringify(res.body)).not.toMatch(/solution|accepted|explanation/);
    expect(res.body.skill).toEqual({ id: '@recherche1', level: 1, tubeId: '@recherche', competenceId: '1.1' });
  });

  it('shuffles choices the same way for the same seed', async () => {
    const orders = await Promise.all(
      ['s1', 's1', 's2', 's3', 's4', 's5'].map(async (seed) => {
        const res = await request(app).get(`/api/content/challenges/qcm-1/preview?seed=${seed}`).set('x-test-role', 'teacher').expect(200);
        return res.body.challenge.response.choices.map((c: { value: number }) => c.value).join('');
      }),
    );
    expect(orders[0]).toBe(orders[1]);
    expect(new Set(orders).size).toBeGreaterThan(1);
    for (const order of orders) expect([...order].sort().join('')).toBe('123');
  });

  it('guards previews and corrections', async () => {
    await request(app).get('/api/content/challenges/qcu-1/preview').expect(403);
    await request(app).get('/api/content/challenges/qcu-1/correction').set('x-test-role', 'teacher').expect(403);
    const res = await request(app).get('/api/content/challenges/qcu-1/correction').set('x-test-role', 'admin').expect(200);
    expect(res.body).toEqual({ challengeId: 'qcu-1', solutionHtml: '<p>A</p>', correctValues: [1], explanationHtml: '<p>Parce que.</p>', tutorials: [] });
  });

  it('answers 404 with the error contract for an unknown challenge', async () => {
    const res = await request(app).get('/api/content/challenges/nope/preview').set('x-test-role', 'teacher').expect(404);
    expect(res.body).toMatchObject({ code: 'CHALLENGE_NOT_FOUND', requestId: expect.any(String) });
  });

  it('checks an answer for an admin trying a challenge', async () => {
    const ok = await request(app).post('/api/content/challenges/dep-1/check').set('x-test-role', 'admin').send({ value: { kind: 'fields', fields: { n1: 'chrome', n2: 'Firefox' } } }).expect(200);
    expect(ok.body).toMatchObject({ result: 'ok', contentCorrect: true });
    const shape = await request(app).post('/api/content/challenges/dep-1/check').set('x-test-role', 'admin').send({ value: { kind: 'choices', choices: [1] } }).expect(400);
    expect(shape.body.code).toBe('ANSWER_SHAPE_INVALID');
    const invalid = await request(app).post('/api/content/challenges/dep-1/check').set('x-test-role', 'admin').send({ value: { guess: 1 } }).expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
  });

  it('serves assets immutable, typed, and unable to run script', async () => {
    const preview = await request(app).get('/api/content/challenges/qcu-1/preview').set('x-test-role', 'teacher');
    const path = new URL(preview.body.challenge.illustration.url).pathname;
    const res = await request(app).get(path).expect(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(res.body).toString()).toBe(svg);
    await request(app).get(`/api/content/assets/${'0'.repeat(64)}.svg`).expect(404);
    const bad = await request(app).get('/api/content/assets/..%2F..%2Fetc').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('lists bank versions for admins', async () => {
    const res = await request(app).get('/api/content/versions').set('x-test-role', 'admin').expect(200);
    expect(res.body.versions).toHaveLength(1);
    expect(res.body.activeVersionId).toBe(res.body.versions[0].id);
  });
});
