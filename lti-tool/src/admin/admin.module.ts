import type { Router } from 'express';
import type { AuditLog } from '../audit/application/audit-log.js';
import { auditRoutes } from '../audit/http/audit.routes.js';
import type { KeyStore } from '../keys/application/key-store.js';
import { Academies } from '../organizations/application/academies.js';
import { Schools } from '../organizations/application/schools.js';
import type { PlatformDirectory } from '../organizations/domain/organization.js';
import { organizationsRoutes } from '../organizations/http/organizations.routes.js';
import { OrganizationsRepository } from '../organizations/infrastructure/organizations.repository.js';
import { AppError } from '../platform/errors.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { AdminAccounts } from './application/admin-accounts.js';
import { AdminSessions } from './application/admin-sessions.js';
import { FirstAdminSetup } from './application/first-admin-setup.js';
import { LoginGuard } from './application/login-guard.js';
import { argon2Hasher } from './application/password-hasher.js';
import { accountsRoutes } from './http/accounts.routes.js';
import { adminPanelRoutes } from './http/admin-panel.routes.js';
import { adminRequestPolicy } from './http/admin-request-policy.js';
import { keysAdminRoutes } from './http/keys.routes.js';
import { createRequireAdmin, type AdminGuard } from './http/require-admin.js';
import { sessionRoutes } from './http/session.routes.js';
import { AdminAccountsRepository } from './infrastructure/admin-accounts.repository.js';
import { AdminSessionsRepository } from './infrastructure/admin-sessions.repository.js';
import { LoginThrottleRepository } from './infrastructure/login-throttle.repository.js';
import { SetupTokensRepository } from './infrastructure/setup-tokens.repository.js';

/** Another module's admin API, mounted under the admin guard (e.g. lti's registrations, grading's queue). */
export type AdminRoutesFactory = (router: Router, guard: AdminGuard) => void;

export interface AdminModuleDeps {
  keys: KeyStore;
  audit: AuditLog;
  /** The lti module's registrations; without them, linking a school to a platform is unavailable. */
  platforms?: PlatformDirectory;
  adminRoutes?: AdminRoutesFactory[];
}

export interface AdminModule extends AppModule {
  requireAdmin: AdminGuard;
  accounts: AdminAccounts;
  sessions: AdminSessions;
  academies: Academies;
  schools: Schools;
  setup: FirstAdminSetup;
}

const noPlatforms: PlatformDirectory = {
  find: () => {
    throw new AppError('PLATFORMS_UNAVAILABLE', 'Platform registrations are not available in this installation.', { status: 503 });
  },
};

/**
 * The admin panel's back end: accounts, sessions and roles (`requireAdmin`), academies
 * and schools, the audit log's read side, the keys API, other modules' admin routes,
 * and the panel's static files under /admin.
 */
export function createAdminModule(ctx: AppContext, deps: AdminModuleDeps): AdminModule {
  const accountsRepository = new AdminAccountsRepository(ctx.db);
  const organizations = new OrganizationsRepository(ctx.db);
  const sessions = new AdminSessions(new AdminSessionsRepository(ctx.db), accountsRepository, ctx.config.adminSession, ctx.config.encryptionKey);
  const loginGuard = new LoginGuard(new LoginThrottleRepository(ctx.db), ctx.log);
  const accounts = new AdminAccounts(accountsRepository, organizations, sessions, argon2Hasher, deps.audit);
  const academies = new Academies(organizations, deps.audit);
  const schools = new Schools(organizations, deps.platforms ?? noPlatforms, deps.audit);
  const setup = new FirstAdminSetup(new SetupTokensRepository(ctx.db), accountsRepository, accounts, academies);
  const requireAdmin = createRequireAdmin(sessions);
  ctx.expiry.register(sessions.expiryRule, loginGuard.expiryRule, setup.expiryRule);

  if (ctx.config.env === 'production' && !ctx.config.publicUrl.startsWith('https://')) {
    ctx.log.warn({ publicUrl: ctx.config.publicUrl }, 'PUBLIC_URL is not https: browsers will refuse the admin session cookie (Secure) except on localhost');
  }

  return {
    name: 'admin',
    requireAdmin,
    accounts,
    sessions,
    academies,
    schools,
    setup,
    personalData: [accounts.personalData()],
    async start() {
      await accountsRepository.ready();
    },
    routes(router) {
      router.use('/api/admin', adminRequestPolicy(ctx.config.publicUrl));
      sessionRoutes(router, {
        requireAdmin,
        signIn: { accounts: accountsRepository, sessions, guard: loginGuard, hasher: argon2Hasher, audit: deps.audit, log: ctx.log },
        sessions,
        accounts,
        setup,
      });
      accountsRoutes(router, { requireAdmin, accounts });
      organizationsRoutes(router, { requireAdmin, academies, schools });
      auditRoutes(router, { requireAdmin, audit: deps.audit });
      keysAdminRoutes(router, { requireAdmin, keys: deps.keys, audit: deps.audit });
      for (const mount of deps.adminRoutes ?? []) mount(router, requireAdmin);
      adminPanelRoutes(router, ctx.config.adminPanelDir);
    },
  };
}
