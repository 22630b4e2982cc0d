import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { LaunchSessions } from '../../lti/session/launch-sessions.js';
import { silentLogger } from '../../platform/logger.js';
import { createTestApp } from '../../platform/testing/test-app.js';
import type { ExchangeDeps } from '../application/exchange-assertion.js';
import { FakeEnt } from '../testing/fake-ent.js';
import { entSessionsRoutes } from './ent-sessions.routes.js';

/** The exchange's rate limits, over HTTP on a bare app (no connector is found: every exchange is refused). */
describe('ENT exchange rate limits', () => {
  const deps: ExchangeDeps = {
    connectors: { findByIssuer: async () => undefined },
    keys: {
      for: () => {
        throw new Error('unused: no connector is ever found');
      },
    },
    usedAssertions: { take: async () => true },
    sessions: {} as Pick<LaunchSessions, 'create'>,
    audience: 'https://pix-lti.example.org',
    clock: () => new Date(),
    log: silentLogger(),
  };

  it('stops refused exchanges from one address after the failure budget, with Retry-After', async () => {
    const app = createTestApp((router) => entSessionsRoutes(router, deps, { perConnectorPerMinute: 100, failuresPerMinute: 3 }));
    for (let i = 0; i < 3; i += 1) expect((await request(app).post('/api/ent/sessions').send({ assertion: 'a.b.c' })).body.code).toBe('ENT_ASSERTION_MALFORMED');
    const limited = await request(app).post('/api/ent/sessions').send({ assertion: 'a.b.c' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'ENT_EXCHANGE_RATE_LIMITED', details: { check: 'rate limit (failures)' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts exchanges per (address, issuer): another ENT from the same address has its own budget', async () => {
    const app = createTestApp((router) => entSessionsRoutes(router, deps, { perConnectorPerMinute: 2, failuresPerMinute: 100 }));
    const [a, b] = await Promise.all([FakeEnt.start(), FakeEnt.start()]);
    try {
      const post = async (ent: FakeEnt) => (await request(app).post('/api/ent/sessions').send({ assertion: await ent.assertion('https://pix-lti.example.org') })).body.code;
      expect(await post(a)).toBe('ENT_CONNECTOR_UNKNOWN');
      expect(await post(a)).toBe('ENT_CONNECTOR_UNKNOWN');
      expect(await post(a)).toBe('ENT_EXCHANGE_RATE_LIMITED');
      expect(await post(b)).toBe('ENT_CONNECTOR_UNKNOWN');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
