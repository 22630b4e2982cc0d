import { parse } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The admin session cookie. `__Host-` binds it to our origin (Secure, Path=/, no
 * Domain); HttpOnly keeps it from scripts; SameSite=Strict keeps it off cross-site
 * requests. Browsers accept Secure cookies on http://localhost, so `npm start` works.
 */
export const ADMIN_COOKIE = '__Host-pix-admin';

export function sessionTokenOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parse(header)[ADMIN_COOKIE] || undefined;
}

export function setSessionCookie(res: Response, token: string): void {
  res.cookie(ADMIN_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(ADMIN_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}
