import type { AppContext, AppModule } from '../platform/module.js';
import { LTIJS_EXPIRY_RULES } from './ltijs/ltijs-expiry-rules.js';

/** The LTI 1.3 module: launches, registrations, deep linking and LTI Advantage services. */
export function ltiModule(ctx: AppContext): AppModule {
  ctx.expiry.register(...LTIJS_EXPIRY_RULES);
  return { name: 'lti' };
}
