import type { RequestHandler, Response } from 'express';
import { inScope, type AcademyScope } from '../application/load-session.js';

/**
 * What admin routes factories receive from the admin module: its guard
 * (`requireAdmin(...)`, which answers 401/403 itself, and refuses every write to auditors)
 * and, for a request it let through, the academies the signed-in admin may manage and,
 * for a school admin, their one school.
 */
export interface AdminAccess {
  requireAdmin: RequestHandler;
  /** For routes that reveal a secret (the invigilator password): the guard without auditors. Defaults to `requireAdmin`. */
  requireManager?: RequestHandler;
  academiesOf(res: Response): AcademyScope;
  /** A school admin's UAI: they see and act on their own centre only. Undefined for academy-wide roles. */
  schoolOf?(res: Response): string | undefined;
}

/** Whether the caller may see a centre (and its sessions and results): their academy and, for a school admin, their school. */
export function canSeeCentre(access: AdminAccess, res: Response, centre: { academyId: string; uai: string }): boolean {
  if (!inScope(access.academiesOf(res), centre.academyId)) return false;
  const school = access.schoolOf?.(res);
  return school === undefined || school === centre.uai;
}
