import type { Router } from 'express';
import { z } from 'zod';
import { validate } from '../../platform/http/validate.js';
import type { AdminAccounts } from '../application/admin-accounts.js';
import type { AdminSessions } from '../application/admin-sessions.js';
import type { FirstAdminSetup } from '../application/first-admin-setup.js';
import { signIn, type SignInDeps } from '../application/sign-in.js';
import type { AdminPrincipal } from '../domain/admin-principal.js';
import { MAX_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './admin-cookie.js';
import { actingOf, adminOf, type AdminGuard } from './require-admin.js';

const credentials = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(MAX_PASSWORD_LENGTH * 4) }).strict();
const passwordChange = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }).strict();
const setupToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'is not a setup token' });
const setupBody = z
  .object({
    token: setupToken,
    email: z.string().trim().min(3).max(254),
    displayName: z.string().trim().min(1).max(120),
    password: z.string().min(1).max(1024),
    academy: z.object({ code: z.string().trim().min(2).max(40), name: z.string().trim().min(1).max(120) }).strict(),
  })
  .strict();

export const principalView = (p: AdminPrincipal) => ({ id: p.id, email: p.email, displayName: p.displayName, role: p.role, academy: p.academy, uai: p.uai ?? null });

/** Sign-in, the current session, sign-out, one's own password, and the first-admin setup link. */
export function sessionRoutes(
  router: Router,
  deps: { requireAdmin: AdminGuard; signIn: SignInDeps; sessions: AdminSessions; accounts: AdminAccounts; setup: FirstAdminSetup },
): void {
  const { requireAdmin } = deps;

  router.post('/api/admin/session', async (req, res) => {
    const body = validate(credentials, req.body);
    const result = await signIn(
      { email: body.email, password: body.password, ip: req.ip ?? 'unknown', userAgent: req.get('user-agent'), requestId: String(req.id), previousToken: sessionTokenOf(req) },
      deps.signIn,
    );
    setSessionCookie(res, result.token);
    res.status(201).json({ admin: principalView(result.principal), csrfToken: result.csrfToken, expiresAt: result.expiresAt });
  });

  router.get('/api/admin/session', requireAdmin(), (_req, res) => {
    const session = res.locals.adminSession!;
    res.json({ admin: principalView(adminOf(res)), csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  router.delete('/api/admin/session', requireAdmin({ write: false }), async (_req, res) => {
    await deps.sessions.close(res.locals.adminSession!.token);
    clearSessionCookie(res);
    res.status(204).end();
  });

  // Every role may change its own password: it changes the account, not the academy.
  router.put('/api/admin/session/password', requireAdmin({ write: false }), async (req, res) => {
    const body = validate(passwordChange, req.body);
    await deps.accounts.changeOwnPassword(actingOf(res), body.currentPassword, body.newPassword, res.locals.adminSession!.token);
    res.status(204).end();
  });

  router.post('/api/admin/setup/check', async (req, res) => {
    const { token } = validate(z.object({ token: setupToken }).strict(), req.body);
    await deps.setup.check(token);
    res.json({ valid: true });
  });

  router.post('/api/admin/setup', async (req, res) => {
    const body = validate(setupBody, req.body);
    const account = await deps.setup.complete(body);
    res.status(201).json({ admin: principalView(account) });
  });
}
