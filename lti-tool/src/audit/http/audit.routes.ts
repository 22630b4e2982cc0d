import type { Router } from 'express';
import { z } from 'zod';
import { adminOf, type AdminGuard } from '../../admin/http/require-admin.js';
import { scopeFilter } from '../../admin/domain/admin-principal.js';
import { validate } from '../../platform/http/validate.js';
import type { AuditLog } from '../application/audit-log.js';

const query = z
  .object({
    action: z.string().trim().regex(/^[a-z][a-z0-9.-]{0,79}$/, { message: 'must be an action name such as school.update' }).optional(),
    actorId: z.string().trim().max(100).optional(),
    targetType: z.string().trim().max(60).optional(),
    targetId: z.string().trim().max(200).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/** The audit log, newest first, within the reader's scope (a school admin: their school's entries). */
export function auditRoutes(router: Router, deps: { requireAdmin: AdminGuard; audit: AuditLog }): void {
  router.get('/api/admin/audit', deps.requireAdmin(), async (req, res) => {
    const q = validate(query, req.query, 'query');
    const page = await deps.audit.query({ ...q, ...scopeFilter(adminOf(res)) });
    res.json(page);
  });
}
