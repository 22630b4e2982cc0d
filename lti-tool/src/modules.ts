import { createAdminModule } from './admin/admin.module.js';
import { createAuditModule } from './audit/audit.module.js';
import { createKeysModule } from './keys/keys.module.js';
import { createLtiModule } from './lti/lti.module.js';
import type { AppContext, AppModule } from './platform/module.js';

/**
 * The composition root: builds every feature module, handing each the services of the
 * others it depends on, and returns them in mount order. Dependencies are explicit
 * here rather than looked up at run time.
 */
export async function composeToolModules(ctx: AppContext): Promise<AppModule[]> {
  const keys = await createKeysModule(ctx);
  const lti = createLtiModule(ctx, { keys: keys.store });
  const audit = createAuditModule(ctx);
  const admin = createAdminModule(ctx, { keys: keys.store, audit: audit.log });
  return [keys, lti, audit, admin];
}
