import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { parseConfig } from './config.js';
import { ExpirySweeper } from './database/expiry-sweeper.js';
import { AppError } from './errors.js';
import { validate } from './http/validate.js';
import { silentLogger } from './logger.js';
import type { AppContext } from './module.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

describe('the HTTP platform', () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await openTestDatabase('app');
    const parsed = parseConfig({ ENCRYPTION_KEY: 'x'.repeat(32), NODE_ENV: 'test' });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const ctx: AppContext = {
      config: parsed.config,
      log: silentLogger(),
      db,
      expiry: new ExpirySweeper(db.connection.db!, silentLogger(), 60_000),
    };
    app = createApp(ctx, [
      {
        name: 'probe',
        routes(router) {
          router.post('/probe/echo', (req, res) => {
            const body = validate(z.object({ name: z.string().min(1), level: z.number().int().min(1).max(8) }), req.body);
            res.json(body);
          });
          router.get('/probe/conflict', () => {
            throw new AppError('CAMPAIGN_ARCHIVED', 'This campaign is archived.', { status: 409, details: { code: 'ABCDEF123' } });
          });
          router.get('/probe/crash', () => {
            throw new Error('secret internals: mongodb://admin:hunter2@db');
          });
          router.get('/probe/async-crash', async () => {
            await Promise.resolve();
            throw new TypeError('cannot read properties of undefined');
          });
        },
      },
    ]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers /healthz while alive', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with the server kind and version after a real ping', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.database.kind).toBe(db.capabilities.kind);
    expect(res.body.database.version).toBe(db.capabilities.version);
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    const generated = await request(app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app).get('/healthz').set('X-Request-Id', 'lb-7f3a9c21');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21');
    const refused = await request(app).get('/healthz').set('X-Request-Id', '<script>');
    expect(refused.headers['x-request-id']).not.toBe('<script>');
  });

  it('answers unknown routes with the error contract', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'No route for GET /nowhere.', requestId: res.headers['x-request-id'] });
  });

  it('lists every invalid field of a body', async () => {
    const res = await request(app).post('/probe/echo').send({ name: '', level: 9 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      { field: 'body.name', message: expect.any(String) },
      { field: 'body.level', message: expect.any(String) },
    ]);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses malformed JSON with a clear code', async () => {
    const res = await request(app).post('/probe/echo').set('Content-Type', 'application/json').send('{"name":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_BODY');
  });

  it('maps domain errors to their status, code and details', async () => {
    const res = await request(app).get('/probe/conflict');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CAMPAIGN_ARCHIVED', message: 'This campaign is archived.', details: { code: 'ABCDEF123' } });
  });

  it.each(['/probe/crash', '/probe/async-crash'])('never leaks internals in a 500 (%s)', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|mongodb|undefined|TypeError|stack/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });
});
