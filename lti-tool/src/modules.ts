import { createCertificationModule } from './certification/certification.module.js';
import { createKeysModule } from './keys/keys.module.js';
import { createLtiModule } from './lti/lti.module.js';
import type { AppContext, AppModule } from './platform/module.js';
import { createRegistryModule } from './registry/registry.module.js';

/**
 * The composition root: builds every feature module, handing each the services of the
 * others it depends on, and returns them in mount order. Dependencies are explicit
 * here rather than looked up at run time.
 */
export async function composeToolModules(ctx: AppContext): Promise<AppModule[]> {
  const keys = await createKeysModule(ctx);
  const lti = createLtiModule(ctx, { keys: keys.store });
  // Scoring comes from the adaptive module's flash engine once it lands; admin routes from the admin module's guard.
  const certification = createCertificationModule(ctx, {});
  const registry = createRegistryModule(ctx, { keys: keys.store, certification });
  return [keys, lti, certification, registry];
}
