import type { Express } from 'express';
import request from 'supertest';
import type { AdminModule } from '../../admin/admin.module.js';
import { createAdminTestApp, createSignedInAdmin, TEST_PUBLIC_URL, type SignedIn } from '../../admin/testing.js';
import type { LtiModule } from '../../lti/lti.module.js';
import { launchOf } from '../../lti/session/require-launch.js';
import { composeToolModules } from '../../modules.js';
import type { AppContext, AppModule } from '../../platform/module.js';
import type { TestDatabase } from '../../platform/testing/test-database.js';
import type { EntModule } from '../ent.module.js';

export const AUDIENCE = TEST_PUBLIC_URL;
/** Two schools of Versailles and one of Créteil. */
export const UAI = { lycee: '0750654D', college: '0750699C', creteil: '0780001C' } as const;

export interface EntHarness {
  app: Express;
  ctx: AppContext;
  modules: AppModule[];
  admin: AdminModule;
  lti: LtiModule;
  ent: EntModule;
  academyAdmin: SignedIn;
  /** Registers a connector through the admin API as the academy admin; returns its view. */
  register(body: Record<string, unknown>): Promise<{ id: string; [k: string]: unknown }>;
  exchange(assertion: string): request.Test;
}

/**
 * The whole tool on a test database, with the academies and schools the ENT tests use, a
 * signed-in academy admin of Versailles, and one extra route guarded for instructors (the
 * learner routes of `/api/lti/session` serve the other checks).
 */
export async function startEntHarness(db: TestDatabase, options: { env?: Record<string, string> } = {}): Promise<EntHarness> {
  const { app, ctx, modules, admin } = await createAdminTestApp(db, {
    ...(options.env ? { env: options.env } : {}),
    compose: async (c) => {
      const composed = await composeToolModules(c, { ent: { keyCache: { cooldownMs: 0 } } });
      const lti = composed.find((m) => m.name === 'lti') as LtiModule;
      const probe: AppModule = {
        name: 'ent-test-probe',
        routes(router) {
          router.get('/api/test/instructor-only', lti.requireLaunch({ roles: ['instructor'] }), (_req, res) => {
            res.json({ user: launchOf(res).user.id });
          });
        },
      };
      return [...composed, probe];
    },
  });
  const lti = modules.find((m) => m.name === 'lti') as LtiModule;
  const ent = modules.find((m) => m.name === 'ent') as EntModule;
  await admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
  await admin.academies.create({ code: 'creteil', name: 'Académie de Créteil' });
  const schools = db.connection.db!.collection('schools');
  const now = new Date();
  await schools.insertMany([
    { _id: UAI.lycee as never, name: 'Lycée Louis-le-Grand', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: now, updatedAt: now },
    { _id: UAI.college as never, name: 'Collège Victor-Hugo', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: now, updatedAt: now },
    { _id: UAI.creteil as never, name: 'Collège de Créteil', city: 'Créteil', academy: 'creteil', platformIds: [], createdAt: now, updatedAt: now },
  ]);
  const academyAdmin = await createSignedInAdmin(app, admin, { email: 'aa@ac-versailles.fr', role: 'academy-admin', academy: 'versailles' });
  return {
    app,
    ctx,
    modules,
    admin,
    lti,
    ent,
    academyAdmin,
    async register(body) {
      const res = await request(app).post('/api/admin/ent-connectors').set('Cookie', academyAdmin.cookie).set('X-CSRF-Token', academyAdmin.csrf).send(body);
      if (res.status !== 201) throw new Error(`connector registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.connector;
    },
    exchange: (assertion) => request(app).post('/api/ent/sessions').send({ assertion }),
  };
}
