import type { RequestHandler, Response } from 'express';
import type { AcademyScope } from '../application/load-session.js';

/**
 * What admin routes factories receive from the admin module: its guard
 * (`requireAdmin(...)`, which answers 401/403 itself) and, for a request it let
 * through, the academies the signed-in admin may manage.
 */
export interface AdminAccess {
  requireAdmin: RequestHandler;
  academiesOf(res: Response): AcademyScope;
}
