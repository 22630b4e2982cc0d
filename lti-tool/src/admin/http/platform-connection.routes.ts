import type { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { Registration } from '../../lti/lti.module.js';
import { notFound } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { testPlatformConnection, type ConnectionTestDeps } from '../application/test-platform-connection.js';
import { adminOf, auditFrom, type AdminGuard } from './require-admin.js';

/**
 * `POST /api/admin/lti/registrations/:id/test-connection`: changes nothing (auditors may
 * run it), but calls the platform, so it is a POST and it is audited with its result.
 */
export function platformConnectionRoutes(
  router: Router,
  deps: { requireAdmin: AdminGuard; registrations: { find(id: string): Promise<Registration | undefined> }; audit: AuditLog } & ConnectionTestDeps,
): void {
  router.post('/api/admin/lti/registrations/:id/test-connection', deps.requireAdmin({ roles: ['academy-admin', 'auditor'], write: false }), async (req, res) => {
    const { id } = validate(z.object({ id: z.string().min(1).max(100) }), req.params, 'params');
    const principal = adminOf(res);
    const registration = await deps.registrations.find(id);
    if (!registration || (registration.academy && registration.academy !== principal.academy)) {
      throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);
    }
    const result = await testPlatformConnection(registration, deps);
    await deps.audit.record({
      ...auditFrom(res),
      action: 'platform-registration.test-connection',
      outcome: result.ok ? 'success' : 'failure',
      target: { type: 'platform-registration', id: registration.id, label: registration.name },
      scope: { academy: registration.academy ?? principal.academy },
      after: { checks: result.checks.map((c) => ({ step: c.step, ok: c.ok, code: c.code })) },
    });
    res.json(result);
  });
}
