import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { AdminModule } from '../admin.module.js';
import type { AdminRole } from '../domain/admin-principal.js';
import { ADMIN_COOKIE } from './admin-cookie.js';
import { createAdminTestApp } from '../testing.js';
import { routesOf, type RouteInfo } from '../testing-routes.js';

/**
 * Every role against every admin route of the real app. The table must name every
 * route the app has under /api/admin: a new route without a row here fails the first test.
 */
type Access = 'all' | AdminRole[];
const ALL: Access = 'all';
const AA: AdminRole[] = ['academy-admin'];

const PUBLIC = new Set(['POST /api/admin/session', 'POST /api/admin/setup', 'POST /api/admin/setup/check']);

const EXPECTED: Record<string, Access> = {
  // Certification: school admins on their own centre, auditors read-only (not the invigilator password); registry: academy admins.
  'POST /api/admin/certification/centres': ['academy-admin', 'school-admin'],
  'GET /api/admin/certification/centres': ALL,
  'POST /api/admin/certification/centres/:uai/sessions': ['academy-admin', 'school-admin'],
  'GET /api/admin/certification/centres/:uai/sessions': ALL,
  'GET /api/admin/certification/sessions/:id': ALL,
  'GET /api/admin/certification/sessions/:id/invigilator-password': ['academy-admin', 'school-admin'],
  'POST /api/admin/certification/sessions/:id/candidates': ['academy-admin', 'school-admin'],
  'PATCH /api/admin/certification/sessions/:id/candidates/:courseId': ['academy-admin', 'school-admin'],
  'DELETE /api/admin/certification/sessions/:id/candidates/:courseId': ['academy-admin', 'school-admin'],
  'POST /api/admin/certification/sessions/:id/incidents': ['academy-admin', 'school-admin'],
  'POST /api/admin/certification/sessions/:id/finalise': ['academy-admin', 'school-admin'],
  'POST /api/admin/certification/sessions/:id/publish': ['academy-admin', 'school-admin'],
  'GET /api/admin/certification/results/:id/attestation.pdf': ALL,
  'GET /api/admin/registry/academies/:academyId/endpoint': AA,
  'PUT /api/admin/registry/academies/:academyId/endpoint': AA,
  'DELETE /api/admin/registry/academies/:academyId/endpoint': AA,
  'GET /api/admin/registry/outbox': AA,
  'POST /api/admin/registry/outbox/replay': AA,
  'POST /api/admin/registry/academies/:academyId/endpoint/test': AA,
  'GET /api/admin/registry/clients': AA,
  'POST /api/admin/registry/clients': AA,
  'DELETE /api/admin/registry/clients/:clientId': AA,
  'GET /api/admin/session': ALL,
  'DELETE /api/admin/session': ALL,
  'PUT /api/admin/session/password': ALL,
  'GET /api/admin/accounts': ALL,
  'POST /api/admin/accounts': AA,
  'GET /api/admin/accounts/:id': ALL,
  'PATCH /api/admin/accounts/:id': AA,
  'POST /api/admin/accounts/:id/password-reset': AA,
  'GET /api/admin/academies': ALL,
  'GET /api/admin/academies/:code': ALL,
  'PATCH /api/admin/academies/:code': AA,
  'GET /api/admin/schools': ALL,
  'POST /api/admin/schools': AA,
  'GET /api/admin/schools/:uai': ALL,
  'PATCH /api/admin/schools/:uai': ['academy-admin', 'school-admin'],
  'DELETE /api/admin/schools/:uai': AA,
  'PUT /api/admin/schools/:uai/platforms/:platformId': ['academy-admin', 'school-admin'],
  'DELETE /api/admin/schools/:uai/platforms/:platformId': ['academy-admin', 'school-admin'],
  'GET /api/admin/audit': ALL,
  'GET /api/admin/keys': ['academy-admin', 'auditor'],
  'POST /api/admin/keys/rotate': AA,
  // The lti module's registration routes, mounted by modules.ts behind requireAdmin + registrationAdminAdapter.
  'GET /api/admin/lti/registrations': ['academy-admin', 'auditor'],
  'POST /api/admin/lti/registrations': AA,
  'GET /api/admin/lti/registrations/:id': ['academy-admin', 'auditor'],
  'PATCH /api/admin/lti/registrations/:id': AA,
  'POST /api/admin/lti/registrations/:id/approve': AA,
  'POST /api/admin/lti/registrations/:id/reject': AA,
  'POST /api/admin/lti/registrations/:id/disable': AA,
  'POST /api/admin/lti/registrations/:id/deployments': AA,
  'DELETE /api/admin/lti/registrations/:id/deployments/:deploymentId': AA,
  'POST /api/admin/lti/registrations/:id/test-connection': ['academy-admin', 'auditor'],
  'POST /api/admin/lti/registration-links': AA,
  'GET /api/admin/lti/launch-failures': ['academy-admin', 'auditor'],
  // The grading module's operations routes, behind requireAdmin + gradingAdminAdapter.
  'GET /api/admin/grades/summary': ['academy-admin', 'auditor'],
  'GET /api/admin/grades': ['academy-admin', 'auditor'],
  'POST /api/admin/grades/resend-failed': AA,
  'POST /api/admin/grades/:id/resend': AA,
  // The campaigns module's management routes (campaigns.adminRoutes), behind requireAdmin.
  'GET /api/admin/campaigns': ALL,
  'POST /api/admin/campaigns': ['academy-admin', 'school-admin'],
  'GET /api/admin/campaigns/:id': ALL,
  'PATCH /api/admin/campaigns/:id': ['academy-admin', 'school-admin'],
  'POST /api/admin/campaigns/:id/archive': ['academy-admin', 'school-admin'],
  'POST /api/admin/campaigns/:id/unarchive': ['academy-admin', 'school-admin'],
  'POST /api/admin/campaigns/:id/code': ['academy-admin', 'school-admin'],
  // The content module's item bank (shared by every academy: academy admins change it, everyone reads).
  'GET /api/admin/item-bank': ALL,
  'GET /api/admin/item-bank/challenges': ALL,
  'GET /api/admin/item-bank/challenges/:id/preview': ALL,
  'POST /api/admin/item-bank/imports': AA,
  'POST /api/admin/item-bank/challenges/:id/status': AA,
  // The ent module's connectors, mounted by modules.ts through the admin module.
  'GET /api/admin/ent-connectors': ['academy-admin', 'auditor'],
  'POST /api/admin/ent-connectors': AA,
  'GET /api/admin/ent-connectors/:id': ['academy-admin', 'auditor'],
  'PATCH /api/admin/ent-connectors/:id': AA,
  'POST /api/admin/ent-connectors/:id/disable': AA,
  'POST /api/admin/ent-connectors/:id/enable': AA,
};

const ROLES: AdminRole[] = ['academy-admin', 'school-admin', 'auditor'];
const UAI = '0750654D';

describe('admin routes × roles', () => {
  let db: TestDatabase;
  let app: Express;
  let admin: AdminModule;
  let adminRoutes: RouteInfo[];
  const accountIds: Partial<Record<AdminRole, string>> = {};

  beforeAll(async () => {
    db = await openTestDatabase('admin_matrix');
    ({ app, admin } = await createAdminTestApp(db));
    adminRoutes = routesOf(app).filter((r) => r.path.startsWith('/api/admin'));
    await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await db.connection.db!.collection('schools').insertOne({ _id: UAI as never, name: 'Louis-le-Grand', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: new Date(), updatedAt: new Date() });
    for (const role of ROLES) {
      const { account } = await admin.accounts.create({ email: `${role}@ac-versailles.fr`, displayName: role, role, academy: 'versailles', ...(role === 'school-admin' ? { uai: UAI } : {}) });
      accountIds[role] = account.id;
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  it('has a rule for every admin route, and every non-public one is behind requireAdmin', () => {
    const keys = adminRoutes.map((r) => `${r.method} ${r.path}`);
    const unknown = keys.filter((k) => !(k in EXPECTED) && !PUBLIC.has(k));
    expect(unknown, 'routes without a row in EXPECTED').toEqual([]);
    const missing = Object.keys(EXPECTED).filter((k) => !keys.includes(k));
    expect(missing, 'rows for routes that do not exist').toEqual([]);
    const unguarded = adminRoutes.filter((r) => !r.guarded && !PUBLIC.has(`${r.method} ${r.path}`));
    expect(unguarded).toEqual([]);
  });

  /** A fresh session per request: some allowed requests sign out or reset a password. */
  async function sessionOf(role: AdminRole) {
    const { token, session } = await admin.sessions.open(accountIds[role]!, {});
    return { cookie: `${ADMIN_COOKIE}=${token}`, csrf: admin.sessions.csrfTokenOf(session.id) };
  }

  function urlOf(path: string, role: AdminRole): string {
    return path
      .replace(':id', accountIds[role]!)
      .replace(':code', 'versailles')
      .replace(':academyId', 'versailles')
      .replace(':uai', UAI)
      .replace(':platformId', 'platform-1')
      .replace(':deploymentId', 'deployment-1');
  }

  function send(method: string, url: string) {
    const req = request(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
    return method === 'GET' ? req : req.send({});
  }

  const cases = Object.entries(EXPECTED).flatMap(([key, access]) =>
    ROLES.map((role) => ({ key, role, allowed: access === 'all' || access.includes(role) })),
  );

  it.each(cases)('$key as $role: allowed=$allowed', async ({ key, role, allowed }) => {
    const [method, path] = key.split(' ') as [string, string];
    const { cookie, csrf } = await sessionOf(role);
    const res = await send(method, urlOf(path, role)).set('Cookie', cookie).set('X-CSRF-Token', csrf);
    if (allowed) {
      expect([401, 403], `${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ADMIN_ROLE_FORBIDDEN');
    }
  });

  it.each(Object.keys(EXPECTED))('%s refuses an anonymous request', async (key) => {
    const [method, path] = key.split(' ') as [string, string];
    const res = await send(method, urlOf(path, 'academy-admin'));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ADMIN_SESSION_MISSING');
  });

  it.each(Object.keys(EXPECTED).filter((k) => !k.startsWith('GET ')))('%s refuses a request without the CSRF token', async (key) => {
    const [method, path] = key.split(' ') as [string, string];
    const { cookie } = await sessionOf('academy-admin');
    const res = await send(method, urlOf(path, 'academy-admin')).set('Cookie', cookie);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ADMIN_CSRF_INVALID');
  });
});
