import type { AuditLog } from '../../audit/application/audit-log.js';
import { AppError, unauthorized } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { AdminPrincipal } from '../domain/admin-principal.js';
import type { AdminAccountsRepository } from '../infrastructure/admin-accounts.repository.js';
import { actorOf } from './acting.js';
import { normaliseEmail } from './admin-accounts.js';
import type { AdminSessions } from './admin-sessions.js';
import type { LoginGuard } from './login-guard.js';
import { decoyHash, type PasswordHasher } from './password-hasher.js';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  requestId?: string;
  /** The cookie the browser still held, closed so a session never survives a new sign-in. */
  previousToken?: string;
}

export interface SignInDeps {
  accounts: AdminAccountsRepository;
  sessions: AdminSessions;
  guard: LoginGuard;
  hasher: PasswordHasher;
  audit: AuditLog;
  log: Logger;
  clock?: () => Date;
}

/** One message for an unknown e-mail, a wrong password and a disabled account: no enumeration. */
const FAILED = () => unauthorized('ADMIN_LOGIN_FAILED', 'E-mail or password incorrect.');

/**
 * Signs an admin in: refuses at once while the account or the address is locked,
 * verifies the password (a decoy hash for unknown e-mails, so timing says nothing),
 * counts failures, and opens a fresh session.
 */
export async function signIn(input: SignInInput, deps: SignInDeps): Promise<{ token: string; principal: AdminPrincipal; csrfToken: string; expiresAt: Date }> {
  const now = (deps.clock ?? (() => new Date()))();
  const email = normaliseEmail(input.email);
  const locked = await deps.guard.lockedUntil(email, input.ip);
  if (locked) {
    const retryAfterSeconds = Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 1000));
    deps.log.warn({ event: 'admin.login.refused', account: email, ip: input.ip, lockedUntil: locked }, `admin sign-in refused while locked for ${email} (${input.ip})`);
    throw new AppError('ADMIN_LOGIN_THROTTLED', `Too many failed attempts: try again in ${retryAfterSeconds} s.`, { status: 429, details: { retryAfterSeconds } });
  }

  const credentials = await deps.accounts.findCredentials(email);
  const hash = credentials?.passwordHash ?? (await decoyHash(deps.hasher));
  const passwordOk = await deps.hasher.verify(hash, input.password);
  const account = credentials?.account;
  if (!account || !passwordOk || account.status !== 'active') {
    await deps.guard.failed(email, input.ip);
    if (account) {
      await deps.audit.record({
        actor: actorOf(account),
        action: 'admin.login.failed',
        outcome: 'failure',
        target: { type: 'admin-account', id: account.id, label: account.email },
        scope: { academy: account.academy, ...(account.uai ? { uai: account.uai } : {}) },
        after: { reason: passwordOk ? 'account-disabled' : 'wrong-password' },
        ip: input.ip,
        ...(input.requestId ? { requestId: input.requestId } : {}),
      });
    }
    throw FAILED();
  }

  await deps.guard.succeeded(email);
  if (deps.hasher.needsRehash(credentials!.passwordHash)) {
    await deps.accounts.setPasswordHash(account.id, await deps.hasher.hash(input.password), now, false);
  }
  if (input.previousToken) await deps.sessions.close(input.previousToken);
  const { token, session } = await deps.sessions.open(account.id, { ip: input.ip, userAgent: input.userAgent });
  await deps.accounts.recordLogin(account.id, now);
  const { status: _s, createdAt: _c, updatedAt: _u, passwordChangedAt: _p, lastLoginAt: _l, ...principal } = account;
  await deps.audit.record({
    actor: actorOf(principal),
    action: 'admin.login',
    target: { type: 'admin-account', id: account.id, label: account.email },
    scope: { academy: account.academy, ...(account.uai ? { uai: account.uai } : {}) },
    ip: input.ip,
    ...(input.requestId ? { requestId: input.requestId } : {}),
  });
  return { token, principal, csrfToken: deps.sessions.csrfTokenOf(session.id), expiresAt: session.expiresAt };
}
