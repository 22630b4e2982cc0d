import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { forbidden, unauthorized } from '../../platform/errors.js';
import type { LaunchSession, LtiRoles } from './launch-session.js';
import type { LaunchSessions } from './launch-sessions.js';

export type LaunchRole = keyof Omit<LtiRoles, 'raw'>;

declare module 'express-serve-static-core' {
  interface Locals {
    launch?: LaunchSession;
  }
}

/**
 * Guards an API route: a live launch session from `Authorization: Bearer <token>`,
 * optionally with one of `roles`. The session is then available as `launchOf(res)`.
 */
export function requireLaunch(sessions: LaunchSessions, options: { roles?: LaunchRole[] } = {}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw unauthorized('LAUNCH_SESSION_MISSING', 'Open this activity from your course (LMS) or your ENT: no launch session came with the request.');
    }
    const session = await sessions.resolve(match[1]!);
    if (!session) {
      throw unauthorized('LAUNCH_SESSION_EXPIRED', 'Your session has expired or is unknown: open the activity again from your course.');
    }
    if (options.roles && !options.roles.some((role) => session.roles[role])) {
      throw forbidden('LAUNCH_ROLE_FORBIDDEN', `This action needs one of these roles in the course: ${options.roles.join(', ')}.`, {
        required: options.roles,
      });
    }
    res.locals.launch = session;
    next();
  };
}

/** The session put there by `requireLaunch` (a programming error if absent). */
export function launchOf(res: Response): LaunchSession {
  const session = res.locals.launch;
  if (!session) throw new Error('launchOf() used on a route without requireLaunch()');
  return session;
}
