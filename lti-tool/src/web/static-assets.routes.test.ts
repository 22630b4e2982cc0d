import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../platform/testing/test-app.js';
import { ENTRY_CACHE, IMMUTABLE_CACHE, staticAssetsRoutes } from './static-assets.routes.js';
import { webComponentsDistDir } from './web.module.js';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pix-static-'));
  fs.mkdirSync(path.join(dir, 'chunks'));
  fs.writeFileSync(path.join(dir, 'pix-components.js'), 'import "./chunks/lit-abc123.js";');
  fs.writeFileSync(path.join(dir, 'chunks', 'lit-abc123.js'), 'export const lit = 1;');
  fs.writeFileSync(path.join(dir, 'custom-elements.json'), '{"schemaVersion":"1.0.0"}');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('GET /static/*', () => {
  const app = () => createTestApp(staticAssetsRoutes(dir));

  it('serves the stable entry as JavaScript with a short cache, an ETag and CORS for ENT pages', async () => {
    const res = await request(app()).get('/static/pix-components.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe(ENTRY_CACHE);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['set-cookie']).toBeUndefined();
    await request(app()).get('/static/pix-components.js').set('If-None-Match', res.headers.etag!).expect(304);
  });

  it('serves hashed chunks as immutable', async () => {
    const res = await request(app()).get('/static/chunks/lit-abc123.js').expect(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('serves the custom-elements manifest', async () => {
    const res = await request(app()).get('/static/custom-elements.json').expect(200);
    expect(res.body).toEqual({ schemaVersion: '1.0.0' });
  });

  it('answers the error contract for a missing file and never leaves the directory', async () => {
    const missing = await request(app()).get('/static/nope.js').expect(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    await request(app()).get('/static/..%2F..%2Fetc%2Fpasswd').expect(404);
  });

  it('says how to build the bundle when it is missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pix-static-empty-'));
    const res = await request(createTestApp(staticAssetsRoutes(empty))).get('/static/pix-components.js').expect(503);
    expect(res.body).toMatchObject({ code: 'WEB_COMPONENTS_NOT_BUILT', requestId: expect.any(String) });
    fs.rmSync(empty, { recursive: true });
  });

  it('finds the web-components package build directory', () => {
    expect(webComponentsDistDir()).toMatch(/web-components[/\\]dist$/);
  });
});
