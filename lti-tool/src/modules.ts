import { createContentModule } from './content/content.module.js';
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
  const content = createContentModule(ctx, {
    previewGuard: lti.requireLaunch({ roles: ['instructor', 'administrator'] }),
    correctionGuard: lti.requireLaunch({ roles: ['administrator'] }),
  });
  const web = createWebModule(ctx);
  return [keys, lti, content, web];
}
