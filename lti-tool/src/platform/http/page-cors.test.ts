import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pageCors, type PageOrigins } from './page-cors.js';

const ENT = 'https://ent.example.org';
const OPERATOR = 'https://site.example.org';

function app(sources: PageOrigins[] = [{ allows: (o) => o === ENT }]) {
  const a = express();
  a.use(pageCors({ origins: [OPERATOR], sources, serverOnly: ['/api/ent/sessions'] }));
  a.get('/api/things', (_req, res) => res.json({ ok: true }));
  a.post('/api/things', (_req, res) => res.status(201).json({ ok: true }));
  a.post('/api/ent/sessions', (_req, res) => res.json({ ok: true }));
  a.get('/api/admin/session', (_req, res) => res.json({ ok: true }));
  a.get('/lti/keys', (_req, res) => res.json({ ok: true }));
  return a;
}

describe('page CORS', () => {
  it.each([ENT, OPERATOR])('answers the preflight of %s: GET/POST, Authorization and Content-Type, no credentials, cached', async (origin) => {
    const res = await request(app()).options('/api/things').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(res.headers['access-control-allow-headers']).toBe('Authorization,Content-Type');
    expect(res.headers['access-control-max-age']).toBe('7200');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toContain('Origin');
  });

  it('allows the actual request of an allowed origin, and exposes the request id', async () => {
    const res = await request(app()).post('/api/things').set('Origin', ENT).send({});
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe(ENT);
    expect(res.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After');
  });

  it('gives another origin no CORS header at all, but still varies on Origin', async () => {
    const pre = await request(app()).options('/api/things').set('Origin', 'https://evil.example.org').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    const res = await request(app()).get('/api/things').set('Origin', 'https://evil.example.org');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toContain('Origin');
  });

  it.each(['/api/ent/sessions', '/api/admin/session'])('never answers CORS on the server-only path %s', async (path) => {
    const pre = await request(app()).options(path).set('Origin', ENT).set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(app()).post(path).set('Origin', ENT).send({});
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves paths outside /api alone', async () => {
    const res = await request(app()).get('/lti/keys').set('Origin', ENT);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
  });

  it('asks asynchronous sources, and treats a failing source as an error of the request', async () => {
    const ok = await request(app([{ allows: async (o) => o === ENT }])).get('/api/things').set('Origin', ENT);
    expect(ok.headers['access-control-allow-origin']).toBe(ENT);
    const failing = await request(app([{ allows: () => Promise.reject(new Error('database down')) }])).get('/api/things').set('Origin', ENT);
    expect(failing.status).toBe(500);
  });
});
