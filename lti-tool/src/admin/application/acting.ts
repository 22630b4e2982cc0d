import type { AuditLog } from '../../audit/application/audit-log.js';
import type { AuditActor, AuditRecordInput } from '../../audit/domain/audit-entry.js';
import type { AdminPrincipal } from '../domain/admin-principal.js';

/** Who performs an admin use case, and from which request: what the audit entry needs. */
export interface Acting {
  principal: AdminPrincipal;
  requestId?: string;
  ip?: string;
}

/** The CLI acts as an operator (no account): it is audited too. */
export const OPERATOR: AuditActor = { type: 'operator' };

export function actorOf(principal: AdminPrincipal): AuditActor {
  return { type: 'admin', id: principal.id, email: principal.email, role: principal.role };
}

/** Writes the audit entry of a change made by `acting`. */
export function auditBy(audit: AuditLog, acting: Acting, entry: Omit<AuditRecordInput, 'actor' | 'requestId' | 'ip'>) {
  return audit.record({
    ...entry,
    actor: actorOf(acting.principal),
    ...(acting.requestId ? { requestId: acting.requestId } : {}),
    ...(acting.ip ? { ip: acting.ip } : {}),
  });
}
