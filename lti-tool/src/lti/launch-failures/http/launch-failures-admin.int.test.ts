import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdminModule } from '../../../admin/admin.module.js';
import { createAdminTestApp, createSignedInAdmin, type SignedIn } from '../../../admin/testing.js';
import { openTestDatabase, type TestDatabase } from '../../../platform/testing/test-database.js';
import type { LtiModule } from '../../lti.module.js';

interface Summary {
  total: number;
  step: string;
  codes: Array<{ code: string; total: number }>;
  series: Array<{ at: string; total: number; counts: Record<string, number> }>;
  platforms: Array<{ registrationId: string | null; name: string | null; total: number }>;
}

/** Refused logins and launches are counted by code and platform; each academy sees its own platforms' counts. */
describe('recent LTI launch failures (operations screen)', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let lti: LtiModule;
  let versailles: SignedIn;
  let creteil: SignedIn;
  let auditor: SignedIn;
  const ids: Record<string, string> = {};

  const as = (who: SignedIn) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const summary = async (who: SignedIn, days = 1) => {
    const res = await request(app).get('/api/admin/lti/launch-failures').query({ days }).set(as(who));
    expect(res.status).toBe(200);
    return res.body as Summary;
  };
  const login = (iss: string) => request(app).post('/lti/login').type('form').send({ iss, client_id: 'pix', login_hint: 'u1', target_link_uri: 'http://localhost:3999/lti/launch' });

  beforeAll(async () => {
    db = await openTestDatabase('launch_failures_admin');
    let modules;
    ({ app, admin, modules } = await createAdminTestApp(db));
    lti = modules.find((m) => m.name === 'lti') as LtiModule;
    for (const academy of ['versailles', 'creteil']) {
      await admin.academies.create({ code: academy, name: academy });
      const registration = await lti.registrations.register({
        issuer: `https://moodle.ac-${academy}.fr`,
        clientId: 'pix',
        name: `Éléa ${academy}`,
        authLoginUrl: `https://moodle.ac-${academy}.fr/mod/lti/auth.php`,
        tokenUrl: `https://moodle.ac-${academy}.fr/mod/lti/token.php`,
        jwksUrl: `https://moodle.ac-${academy}.fr/mod/lti/certs.php`,
        status: 'pending',
        origin: 'manual',
        academy,
      });
      ids[academy] = registration.id;
    }
    versailles = await createSignedInAdmin(app, admin, { email: 'admin@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
    creteil = await createSignedInAdmin(app, admin, { email: 'admin@ac-creteil.fr', role: 'academy-admin', academy: 'creteil' });
    auditor = await createSignedInAdmin(app, admin, { email: 'audit@ac-versailles.fr', role: 'auditor', academy: 'versailles' });

    expect((await login('https://moodle.ac-versailles.fr')).status).toBe(403); // pending: LTI_PLATFORM_NOT_ACTIVE
    await login('https://moodle.ac-versailles.fr');
    await login('https://moodle.ac-creteil.fr');
    const unclaimed = await lti.registrations.register({
      issuer: 'https://moodle.college-nouveau.fr',
      clientId: 'pix',
      name: 'Moodle non réclamé',
      authLoginUrl: 'https://moodle.college-nouveau.fr/mod/lti/auth.php',
      tokenUrl: 'https://moodle.college-nouveau.fr/mod/lti/token.php',
      jwksUrl: 'https://moodle.college-nouveau.fr/mod/lti/certs.php',
      status: 'pending',
      origin: 'dynamic-registration',
    });
    ids.unclaimed = unclaimed.id;
    await login('https://moodle.college-nouveau.fr');
    expect((await login('https://unknown.example.fr')).status).toBe(401); // LTI_PLATFORM_UNKNOWN, no platform to name
    expect((await request(app).post('/lti/launch').type('form').send({ state: 'forged', id_token: 'x.y.z' })).status).toBe(401);
    await vi.waitFor(async () => expect((await summary(versailles)).total).toBe(5), { timeout: 5000, interval: 50 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('counts by code over the last day, hour by hour, with the platforms they came from', async () => {
    const s = await summary(versailles);
    expect(s.step).toBe('hour');
    expect(s.series).toHaveLength(24);
    expect(s.series.at(-1)!.counts).toEqual({ LTI_PLATFORM_NOT_ACTIVE: 3, LTI_PLATFORM_UNKNOWN: 1, LTI_STATE_UNKNOWN: 1 });
    expect(s.codes[0]).toEqual({ code: 'LTI_PLATFORM_NOT_ACTIVE', total: 3 });
    // An unclaimed pending registration is every academy's to see (and claim), as on the platforms screen.
    expect(s.platforms).toEqual([
      { registrationId: ids.versailles, name: 'Éléa versailles', total: 2 },
      { registrationId: null, name: null, total: 2 },
      { registrationId: ids.unclaimed, name: 'Moodle non réclamé', total: 1 },
    ]);
  });

  it('never shows another academy’s platforms (tenant isolation)', async () => {
    const s = await summary(creteil, 7);
    expect(s.step).toBe('day');
    expect(s.codes).toContainEqual({ code: 'LTI_PLATFORM_NOT_ACTIVE', total: 2 }); // its own platform's and the unclaimed one's
    expect(s.platforms.map((p) => p.registrationId)).toEqual([null, ids.creteil, ids.unclaimed]); // unattributed 2, then 1 each by name
    expect(JSON.stringify(s)).not.toContain(ids.versailles!);
    expect(JSON.stringify(await summary(versailles))).not.toContain(ids.creteil!);
  });

  it('is readable by auditors, stores no personal data, and validates its window', async () => {
    expect((await summary(auditor, 30)).series).toHaveLength(30);
    const stored = await db.connection.db!.collection('lti_launch_failures').find().toArray();
    const allowed = ['_id', 'code', 'count', 'expiresAt', 'hour', 'registrationId'];
    for (const doc of stored) expect(Object.keys(doc).filter((k) => !allowed.includes(k))).toEqual([]);
    const bad = await request(app).get('/api/admin/lti/launch-failures').query({ days: 3 }).set(as(versailles));
    expect(bad.status).toBe(400);
  });
});
