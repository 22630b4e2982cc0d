import type { Request, Response } from 'express';
import type { Platform, Session } from '../platform.js';

export const SESSION_COOKIE = 'MoodleSession';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

export function currentSession(platform: Platform, req: Request): Session | undefined {
  const id = readCookie(req, SESSION_COOKIE);
  return id ? platform.sessions.get(id) : undefined;
}

/** Logs the browser in as a user (the simulator's stand-in for Moodle's login page). */
export function startSession(platform: Platform, req: Request, res: Response, userId: string): Session {
  const previous = currentSession(platform, req);
  if (previous) platform.sessions.delete(previous.id);
  const session = platform.openSession(userId, req.headers['user-agent']);
  res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'lax', path: '/' });
  return session;
}

/** Form fields of a request as PHP's `optional_param` sees them: POST first, then the query string. */
export function param(req: Request, name: string): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fromBody = body[name];
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = req.query[name];
  return typeof fromQuery === 'string' ? fromQuery : '';
}
