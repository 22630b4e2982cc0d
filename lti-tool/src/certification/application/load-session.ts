import { forbidden, notFound } from '../../platform/errors.js';
import type { StoredSession } from '../infrastructure/sessions.repository.js';
import type { CertificationDeps } from './dependencies.js';

/**
 * Which academies the caller may act on: every one (national operator) or a list. The
 * admin module's guard decides; use cases only check the session's academy is in it.
 */
export type AcademyScope = 'all' | readonly string[];

export function inScope(scope: AcademyScope, academyId: string): boolean {
  return scope === 'all' || scope.includes(academyId);
}

export async function loadSession(sessionId: string, scope: AcademyScope, deps: Pick<CertificationDeps, 'sessions'>): Promise<StoredSession> {
  const session = await deps.sessions.find(sessionId);
  if (!session) throw notFound('SESSION_NOT_FOUND', 'No such certification session.');
  if (!inScope(scope, session.academyId)) throw forbidden('ACADEMY_FORBIDDEN', 'This session belongs to another academy.');
  return session;
}
