import type { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { KeyStore } from '../../keys/application/key-store.js';
import { DEFAULT_OVERLAP_SECONDS, MAX_OVERLAP_SECONDS, MIN_OVERLAP_SECONDS } from '../../keys/domain/keyring.js';
import { validate } from '../../platform/http/validate.js';
import { auditBy } from '../application/acting.js';
import { actingOf, type AdminGuard } from './require-admin.js';

const rotateBody = z
  .object({ overlapSeconds: z.number().int().min(MIN_OVERLAP_SECONDS).max(MAX_OVERLAP_SECONDS).default(DEFAULT_OVERLAP_SECONDS) })
  .strict();

/**
 * The tool's signing keys are one keyring for every academy: academy admins may rotate
 * it (the act is audited in their academy), auditors may look; school admins see nothing.
 */
export function keysAdminRoutes(router: Router, deps: { requireAdmin: AdminGuard; keys: KeyStore; audit: AuditLog }): void {
  const { requireAdmin, keys, audit } = deps;

  router.get('/api/admin/keys', requireAdmin({ roles: ['academy-admin', 'auditor'] }), async (_req, res) => {
    const ring = await keys.describe();
    res.json({
      activeKid: ring.activeKid,
      keys: ring.keys.map((k) => ({ kid: k.kid, createdAt: k.createdAt, retireAt: k.retireAt ?? null, published: k.published, active: k.kid === ring.activeKid })),
      overlap: { defaultSeconds: DEFAULT_OVERLAP_SECONDS, minSeconds: MIN_OVERLAP_SECONDS, maxSeconds: MAX_OVERLAP_SECONDS },
    });
  });

  router.post('/api/admin/keys/rotate', requireAdmin({ roles: ['academy-admin'] }), async (req, res) => {
    const { overlapSeconds } = validate(rotateBody, req.body ?? {});
    const acting = actingOf(res);
    const rotation = await keys.rotate(overlapSeconds);
    await auditBy(audit, acting, {
      action: 'keys.rotate',
      target: { type: 'signing-key', id: rotation.activeKid },
      scope: { academy: acting.principal.academy },
      before: { activeKid: rotation.previousKid },
      after: { activeKid: rotation.activeKid, previousRetireAt: rotation.previousRetireAt, overlapSeconds },
    });
    res.json(rotation);
  });
}
