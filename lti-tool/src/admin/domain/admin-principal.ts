/**
 * Who an admin is and what they may touch. Three roles (docs/adr/0050-admin-authentication.md):
 * - `academy-admin`: reads and changes everything of one academy (all its schools);
 * - `school-admin`: reads and changes what belongs to one school (UAI) of that academy;
 * - `auditor`: reads everything of one academy, changes nothing.
 * Every admin belongs to exactly one academy: nothing of another academy is visible.
 */
export const ADMIN_ROLES = ['academy-admin', 'school-admin', 'auditor'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export interface AdminPrincipal {
  id: string;
  email: string;
  displayName: string;
  role: AdminRole;
  /** Academy code, e.g. `versailles`. */
  academy: string;
  /** Set for (and only for) a school admin. */
  uai?: string;
}

/** Where a resource belongs: an academy, and a school when it is a school's. */
export interface AdminScope {
  academy: string;
  uai?: string;
}

/**
 * May `principal` read a resource of `scope`? Academy admins and auditors read their
 * whole academy; a school admin reads only resources of their school. A resource of the
 * academy as a whole (no `uai`) is hidden from school admins, except when `sharedWithSchools`
 * (e.g. a platform registration linked to their school is shown through the school).
 */
export function canRead(principal: AdminPrincipal, scope: AdminScope): boolean {
  if (principal.academy !== scope.academy) return false;
  if (principal.role !== 'school-admin') return true;
  return scope.uai !== undefined && scope.uai === principal.uai;
}

/** May `principal` change a resource of `scope`? Auditors never; school admins within their school only. */
export function canWrite(principal: AdminPrincipal, scope: AdminScope): boolean {
  if (principal.role === 'auditor') return false;
  return canRead(principal, scope);
}

/**
 * A query filter that keeps a listing within what `principal` may read: fields `academy`
 * and, for a school admin, `uai`. Modules store these two fields on scoped documents.
 */
export function scopeFilter(principal: AdminPrincipal): AdminScope {
  return principal.role === 'school-admin' ? { academy: principal.academy, uai: principal.uai } : { academy: principal.academy };
}

/** Academy codes are short slugs: they appear in URLs, filters and audit entries. */
export const ACADEMY_CODE = /^[a-z][a-z0-9-]{1,39}$/;
