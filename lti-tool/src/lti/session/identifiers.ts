import { createHash } from 'node:crypto';
import type { Tenant } from './launch-session.js';

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);

/** Stable id of a tenant: (issuer, client_id, deployment_id). */
export function tenantIdOf(tenant: Tenant): string {
  return `t_${digest(tenant.issuer, tenant.clientId, tenant.deploymentId)}`;
}

/**
 * Our id for a person of a tenant. Derived, so a launch needs no lookup; pseudonymous,
 * so stored results do not carry the LMS's user id. The same LMS user through another
 * deployment is another learner: tenants never share data.
 */
export function learnerIdOf(tenantId: string, sub: string): string {
  return `l_${digest(tenantId, sub)}`;
}
