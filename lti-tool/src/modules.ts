import { createAdminModule } from './admin/admin.module.js';
import { platformConnectionRoutes } from './admin/http/platform-connection.routes.js';
import { registrationAdminAdapter } from './admin/http/registration-admin-adapter.js';
import { createAuditModule } from './audit/audit.module.js';
import { createKeysModule } from './keys/keys.module.js';
import { createLtiModule } from './lti/lti.module.js';
import type { AppContext, AppModule } from './platform/module.js';
import { createWebModule } from './web/web.module.js';

/**
 * The composition root: builds every feature module, handing each the services of the
 * others it depends on, and returns them in mount order. Dependencies are explicit
 * here rather than looked up at run time.
 */
export async function composeToolModules(ctx: AppContext): Promise<AppModule[]> {
  const keys = await createKeysModule(ctx);
  const lti = createLtiModule(ctx, { keys: keys.store });
  const audit = createAuditModule(ctx);
  const admin = createAdminModule(ctx, {
    keys: keys.store,
    audit: audit.log,
    platforms: { find: (id) => lti.registrations.find(id).then((r) => r && { id: r.id, name: r.name, status: r.status, academy: r.academy }) },
    adminRoutes: [
      (router, requireAdmin) =>
        lti.registrationAdminRoutes(router, {
          guard: [requireAdmin({ roles: ['academy-admin', 'auditor'] }), registrationAdminAdapter({ registrations: lti.registrations, audit: audit.log })],
          actorOf: (_req, res) => res.locals.admin?.email,
        }),
      (router, requireAdmin) =>
        platformConnectionRoutes(router, { requireAdmin, registrations: lti.registrations, audit: audit.log, http: lti.platformHttp, sign: (claims, options) => keys.store.sign(claims, options) }),
    ],
  });
  const web = createWebModule(ctx);
  return [keys, lti, web, audit, admin];
}
