import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { forbidden, unauthorized } from '../../platform/errors.js';
import type { AdminSessions } from '../application/admin-sessions.js';
import { canRead, canWrite, type AdminPrincipal, type AdminRole, type AdminScope } from '../domain/admin-principal.js';
import { clearSessionCookie, sessionTokenOf } from './admin-cookie.js';

declare module 'express-serve-static-core' {
  interface Locals {
    admin?: AdminPrincipal;
    adminSession?: { id: string; token: string; csrfToken: string; expiresAt: Date };
  }
}

export interface RequireAdminOptions {
  /** Roles allowed on the route (default: all three). */
  roles?: AdminRole[];
  /**
   * Does the route change something? Default: yes for POST/PUT/PATCH/DELETE. Auditors
   * are refused every write. The CSRF token is checked on every unsafe method regardless.
   */
  write?: boolean;
}

/** What other modules' admin routes factories receive as `guard`. */
export type AdminGuard = (options?: RequireAdminOptions) => RequestHandler;

/** The rule a guard enforces, kept on the handler so tests can check every route has one. */
export const ADMIN_RULE = Symbol.for('pix-lti.admin-rule');
export type GuardedHandler = RequestHandler & { [ADMIN_RULE]?: RequireAdminOptions };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Builds `requireAdmin`: a live admin session from the `__Host-` cookie, the CSRF token
 * on unsafe methods (header `X-CSRF-Token`), no writes for auditors, and the route's
 * roles. The principal is then `adminOf(res)`; resource scope checks use
 * `assertCanRead`/`assertCanWrite`.
 */
export function createRequireAdmin(sessions: AdminSessions): AdminGuard {
  return (options = {}) => {
    const handler: GuardedHandler = async (req: Request, res: Response, next: NextFunction) => {
      const token = sessionTokenOf(req);
      if (!token) throw unauthorized('ADMIN_SESSION_MISSING', 'Sign in to the admin panel first.');
      const resolved = await sessions.resolve(token);
      if (!resolved) {
        clearSessionCookie(res);
        throw unauthorized('ADMIN_SESSION_EXPIRED', 'Your admin session has expired or was closed: sign in again.');
      }
      const unsafe = !SAFE_METHODS.has(req.method);
      if (unsafe && !sessions.csrfMatches(resolved.session.id, req.get('x-csrf-token'))) {
        throw forbidden('ADMIN_CSRF_INVALID', 'The request lacks the anti-forgery token of your session: reload the page and try again.');
      }
      const { principal } = resolved;
      const write = options.write ?? unsafe;
      if (write && principal.role === 'auditor') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Auditors can read but not change anything.', { role: principal.role });
      if (options.roles && !options.roles.includes(principal.role)) {
        throw forbidden('ADMIN_ROLE_FORBIDDEN', `This needs one of these roles: ${options.roles.join(', ')}.`, { role: principal.role, required: options.roles });
      }
      res.locals.admin = principal;
      res.locals.adminSession = { id: resolved.session.id, token, csrfToken: resolved.csrfToken, expiresAt: resolved.session.expiresAt };
      next();
    };
    handler[ADMIN_RULE] = options;
    return handler;
  };
}

/** The principal `requireAdmin` put there (a programming error if absent). */
export function adminOf(res: Response): AdminPrincipal {
  const admin = res.locals.admin;
  if (!admin) throw new Error('adminOf() used on a route without requireAdmin()');
  return admin;
}

/**
 * Resource checks for modules' admin routes: out of the principal's reading scope is
 * answered like a missing resource (`notFound` gives the module's own 404), so other
 * academies' resources cannot even be probed.
 */
export function assertCanRead(principal: AdminPrincipal, scope: AdminScope, notFound: () => Error): void {
  if (!canRead(principal, scope)) throw notFound();
}

export function assertCanWrite(principal: AdminPrincipal, scope: AdminScope, notFound: () => Error): void {
  assertCanRead(principal, scope, notFound);
  if (!canWrite(principal, scope)) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Your role can read this but not change it.', { role: principal.role });
}

/** The audit fields of the current request: spread into `audit.record({...})`. */
export function auditFrom(res: Response) {
  const principal = adminOf(res);
  return {
    actor: { type: 'admin' as const, id: principal.id, email: principal.email, role: principal.role },
    requestId: String(res.req.id ?? ''),
    ...(res.req.ip ? { ip: res.req.ip } : {}),
  };
}

export function actingOf(res: Response) {
  return { principal: adminOf(res), requestId: String(res.req.id ?? ''), ...(res.req.ip ? { ip: res.req.ip } : {}) };
}
