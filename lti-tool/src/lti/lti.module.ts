import type { RequestHandler } from 'express';
import type { KeyStore } from '../keys/application/key-store.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { LTIJS_EXPIRY_RULES } from './ltijs/ltijs-expiry-rules.js';
import { LaunchSessions } from './session/launch-sessions.js';
import { launchSessionsPersonalData } from './session/launch-sessions.personal-data.js';
import { LaunchSessionsRepository } from './session/launch-sessions.repository.js';
import { requireLaunch, type LaunchRole } from './session/require-launch.js';

export interface LtiModule extends AppModule {
  sessions: LaunchSessions;
  /** Route guard for APIs used from a launch (the web components): bearer session, optional roles. */
  requireLaunch(options?: { roles?: LaunchRole[] }): RequestHandler;
}

/** The LTI 1.3 module: launches, registrations, deep linking and LTI Advantage services. */
export function createLtiModule(ctx: AppContext, _deps: { keys: KeyStore }): LtiModule {
  const sessions = new LaunchSessions(new LaunchSessionsRepository(ctx.db));
  ctx.expiry.register(sessions.expiryRule, ...LTIJS_EXPIRY_RULES);
  return {
    name: 'lti',
    sessions,
    requireLaunch: (options) => requireLaunch(sessions, options),
    personalData: [launchSessionsPersonalData(ctx.db)],
  };
}
