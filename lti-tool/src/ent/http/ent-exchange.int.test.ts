import { SignJWT, base64url } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeTargetOf } from '../../grading/grading.module.js';
import { learnerIdOf, tenantIdOf } from '../../lti/session/identifiers.js';
import { PersonalDataRegistry } from '../../platform/privacy/personal-data.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { AUDIENCE, startEntHarness, UAI, type EntHarness } from '../testing/ent-harness.js';
import { FakeEnt } from '../testing/fake-ent.js';

describe('POST /api/ent/sessions: the ENT exchange over HTTP', () => {
  let db: TestDatabase;
  let h: EntHarness;
  let ent: FakeEnt;
  let connectorId: string;

  beforeAll(async () => {
    db = await openTestDatabase('ent_exchange');
    h = await startEntHarness(db);
    ent = await FakeEnt.start();
    connectorId = (await h.register({ issuer: ent.issuer, name: 'ENT de test', jwksUrl: ent.jwksUrl, uais: [UAI.lycee, UAI.college], origins: ['http://127.0.0.1:4100'] })).id;
    h.ent.provideActivityResolver(async (registrationId, code) => (code === 'BCTERD153' && registrationId.endsWith(UAI.lycee) ? { type: 'campaign', id: 'cmp_bcterd' } : undefined));
  });
  afterAll(async () => {
    await ent?.close();
    await db.drop();
  });

  const count = async () => ({
    sessions: await db.connection.db!.collection('launch_sessions').countDocuments(),
    used: await db.connection.db!.collection('ent_used_assertions').countDocuments(),
  });

  it('opens a launch session for a learner, exactly like an LTI one, which works on requireLaunch routes', async () => {
    const res = await h.exchange(await ent.assertion(AUDIENCE, { sub: 'opaque-42', context: { id: 'grp-3B', label: '3e B' } }));
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token']);
    expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);

    const me = await request(h.app).get('/api/lti/session').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    const tenant = { issuer: ent.issuer, clientId: connectorId, deploymentId: UAI.lycee };
    expect(me.body.tenantId).toBe(tenantIdOf(tenant));
    expect(me.body.user).toEqual({ id: learnerIdOf(tenantIdOf(tenant), 'opaque-42') });
    expect(me.body.roles).toEqual({ learner: true, instructor: false, administrator: false });
    expect(me.body.context).toEqual({ id: 'grp-3B', label: '3e B' });
    expect(me.body.activity).toBeNull();

    const session = (await h.lti.sessions.resolve(res.body.token))!;
    expect(session).toMatchObject({ tenant, registrationId: `${connectorId}:${UAI.lycee}`, messageType: 'LtiResourceLinkRequest', user: { sub: 'opaque-42' } });
    // No LTI platform behind it: no AGS or NRPS, so no grade is ever sent and no roster asked.
    expect(session.ags).toBeUndefined();
    expect(session.nrps).toBeUndefined();
    expect(gradeTargetOf(session, { label: 'Pix', scoreMaximum: 100 })).toBeUndefined();
  });

  it('gives the same pseudonymous learner for the same sub and school, another one in another school', async () => {
    const id = async (uai: string) => {
      const { body } = await h.exchange(await ent.assertion(AUDIENCE, { sub: 'stable-7', uai }));
      return (await h.lti.sessions.resolve(body.token))!.user.id;
    };
    const first = await id(UAI.lycee);
    expect(await id(UAI.lycee)).toBe(first);
    expect(await id(UAI.college)).not.toBe(first);
    expect(first).not.toContain('stable-7');
  });

  it('keeps instructors and learners apart on role-guarded routes', async () => {
    const learner = (await h.exchange(await ent.assertion(AUDIENCE))).body.token;
    const teacher = (await h.exchange(await ent.assertion(AUDIENCE, { roles: ['instructor'], context: { id: 'grp-3B' } }))).body.token;
    const refused = await request(h.app).get('/api/test/instructor-only').set('Authorization', `Bearer ${learner}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('LAUNCH_ROLE_FORBIDDEN');
    expect((await request(h.app).get('/api/test/instructor-only').set('Authorization', `Bearer ${teacher}`)).status).toBe(200);
    // The course roster needs an LMS: an ENT teacher is told so, nothing is fetched.
    const roster = await request(h.app).get('/api/roster').set('Authorization', `Bearer ${teacher}`);
    expect(roster.status).toBe(409);
    expect(roster.body.code).toBe('ROSTER_UNAVAILABLE');
  });

  it('stores the campaign an assertion names, so the page needs no code', async () => {
    const res = await h.exchange(await ent.assertion(AUDIENCE, { activity: 'bcterd153' }));
    expect(res.status).toBe(201);
    expect((await h.lti.sessions.resolve(res.body.token))!.activity).toEqual({ type: 'campaign', id: 'cmp_bcterd' });
    const other = await h.exchange(await ent.assertion(AUDIENCE, { activity: 'BCTERD153', uai: UAI.college }));
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('ENT_ACTIVITY_UNKNOWN');
  });

  it('takes a jti once: the same assertion again, or posted concurrently, opens one session only', async () => {
    const assertion = await ent.assertion(AUDIENCE);
    expect((await h.exchange(assertion)).status).toBe(201);
    const again = await h.exchange(assertion);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('ENT_ASSERTION_REPLAYED');

    const racing = await ent.assertion(AUDIENCE);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => h.exchange(racing)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
  });

  it('follows a key rotation: an unknown kid refetches the JWKS once, a never-published key stays refused', async () => {
    expect((await h.exchange(await ent.assertion(AUDIENCE))).status).toBe(201);
    const before = ent.jwksFetches;
    await ent.rotate('RS256', { retireOld: true });
    expect((await h.exchange(await ent.assertion(AUDIENCE))).status).toBe(201);
    expect(ent.jwksFetches - before).toBe(1);
    for (let i = 0; i < 3; i += 1) expect((await h.exchange(await ent.assertion(AUDIENCE))).status).toBe(201);
    expect(ent.jwksFetches - before).toBe(1);

    const stranger = await FakeEnt.newKey();
    const unknown = await h.exchange(await ent.assertion(AUDIENCE, {}, { key: stranger }));
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'ENT_ASSERTION_KID_UNKNOWN', details: { check: 'kid not in the connector keys', connector: connectorId } });
  });

  describe('refusals: a named code, the failing check, nothing stored', () => {
    type Case = readonly [string, () => Promise<string>, number, string];
    it.each<Case>([
      ['bad signature (another key under a published kid)', async () => ent.assertion(AUDIENCE, {}, { key: { ...(await FakeEnt.newKey()), kid: ent.keys.at(-1)!.kid } }), 401, 'ENT_ASSERTION_SIGNATURE_INVALID'],
      ['wrong audience', () => ent.assertion('https://other-tool.example.org'), 401, 'ENT_ASSERTION_AUDIENCE_MISMATCH'],
      ['expired', () => ent.assertion(AUDIENCE, {}, { skew: -400, lifetime: 120 }), 401, 'ENT_ASSERTION_EXPIRED'],
      ['issued in the future', () => ent.assertion(AUDIENCE, {}, { skew: 120 }), 401, 'ENT_ASSERTION_NOT_YET_VALID'],
      ['too long-lived', () => ent.assertion(AUDIENCE, {}, { lifetime: 600 }), 401, 'ENT_ASSERTION_TOO_LONG_LIVED'],
      ['no jti', () => ent.assertion(AUDIENCE, { jti: null }), 401, 'ENT_ASSERTION_JTI_MISSING'],
      ['no kid', () => ent.assertion(AUDIENCE, {}, { kid: null }), 401, 'ENT_ASSERTION_KID_MISSING'],
      ['a foreign school', () => ent.assertion(AUDIENCE, { uai: UAI.creteil }), 403, 'ENT_UAI_FOREIGN'],
      ['an e-mail as sub', () => ent.assertion(AUDIENCE, { sub: 'lou.bernard@ent.example.org' }), 400, 'ENT_SUB_NOT_PSEUDONYMOUS'],
      ['an administrator role', () => ent.assertion(AUDIENCE, { roles: ['administrator'] }), 400, 'ENT_ROLES_INVALID'],
      ['an unknown issuer', () => ent.assertion(AUDIENCE, { iss: 'https://unknown-ent.example.org' }), 401, 'ENT_CONNECTOR_UNKNOWN'],
      ['not a JWT', async () => 'not.a.jwt', 400, 'ENT_ASSERTION_MALFORMED'],
      ['alg none', async () => unsigned({ alg: 'none', kid: 'k' }, { iss: ent.issuer }), 401, 'ENT_ASSERTION_ALG_NOT_ALLOWED'],
      ['HS256 keyed with a public key', async () => hs256(ent.issuer, JSON.stringify(ent.publicJwks[0])), 401, 'ENT_ASSERTION_ALG_NOT_ALLOWED'],
    ])('%s → %s %s', async (_label, make, status, code) => {
      const before = await count();
      const res = await h.exchange(await make());
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.details.check).toBe('string');
      expect(await count()).toEqual(before);
    });

    it('refuses a missing or oversized assertion as invalid input', async () => {
      expect((await request(h.app).post('/api/ent/sessions').send({})).body.code).toBe('VALIDATION_FAILED');
      expect((await h.exchange('x'.repeat(20_000))).body.code).toBe('VALIDATION_FAILED');
    });
  });

  it('refuses a disabled connector until it is enabled again', async () => {
    const path = `/api/admin/ent-connectors/${connectorId}`;
    const as = (req: request.Test) => req.set('Cookie', h.academyAdmin.cookie).set('X-CSRF-Token', h.academyAdmin.csrf).send({});
    expect((await as(request(h.app).post(`${path}/disable`))).status).toBe(200);
    const before = await count();
    const refused = await h.exchange(await ent.assertion(AUDIENCE));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ENT_CONNECTOR_DISABLED');
    expect(await count()).toEqual(before);
    expect((await as(request(h.app).post(`${path}/enable`))).status).toBe(200);
    expect((await h.exchange(await ent.assertion(AUDIENCE))).status).toBe(201);
  });

  it('verifies ES256 assertions against inline public keys', async () => {
    const other = await FakeEnt.start({ alg: 'ES256' });
    try {
      await h.register({ issuer: other.issuer, name: 'ENT ES256', jwks: other.publicJwks, uais: [UAI.college] });
      const res = await h.exchange(await other.assertion(AUDIENCE, { uai: UAI.college }));
      expect(res.status).toBe(201);
      expect(other.jwksFetches).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('answers 502 when the connector JWKS cannot be fetched', async () => {
    const gone = await FakeEnt.start();
    await h.register({ issuer: gone.issuer, name: 'ENT éteint', jwksUrl: gone.jwksUrl, uais: [UAI.lycee] });
    const assertion = await gone.assertion(AUDIENCE);
    await gone.close();
    const res = await h.exchange(assertion);
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('ENT_JWKS_UNAVAILABLE');
  });

  it('keeps the replay store under the expiry sweeper, and the session under the GDPR export by (issuer, connector, UAI, sub)', async () => {
    expect(h.ctx.expiry.registered().map((r) => r.collection)).toContain('ent_used_assertions');
    const { body } = await h.exchange(await ent.assertion(AUDIENCE, { sub: 'export-me' }));
    const tenantId = tenantIdOf({ issuer: ent.issuer, clientId: connectorId, deploymentId: UAI.lycee });
    const sections = await PersonalDataRegistry.fromModules(h.modules).exportFor({ kind: 'learner', learnerId: learnerIdOf(tenantId, 'export-me'), tenantId, sub: 'export-me' });
    const sessions = sections.find((s) => s.source === 'lti.launch-sessions')!.records as Array<{ user: { sub: string } }>;
    expect(sessions.map((s) => s.user.sub)).toEqual(['export-me']);
    expect(sections.find((s) => s.source === 'ent.connectors')!.records).toEqual([]);
    expect(JSON.stringify(await db.connection.db!.collection('ent_used_assertions').find().toArray())).not.toContain('export-me');
    expect(body.token).toBeTruthy();
  });
});

function unsigned(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (o: unknown) => base64url.encode(JSON.stringify(o));
  return `${part(header)}.${part(payload)}.`;
}

function hs256(iss: string, secret: string): Promise<string> {
  return new SignJWT({ iss, aud: AUDIENCE }).setProtectedHeader({ alg: 'HS256', kid: 'k' }).setIssuedAt().setExpirationTime('2m').sign(new TextEncoder().encode(secret));
}
