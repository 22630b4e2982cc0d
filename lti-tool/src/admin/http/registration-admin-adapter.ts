import type { RequestHandler, Response } from 'express';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { Registration } from '../../lti/lti.module.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { adminOf, auditFrom } from './require-admin.js';

interface RegistrationLookup {
  find(id: string): Promise<Registration | undefined>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const notFoundFor = (id: string) => notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);

/** A registration is an academy's when it names it; an unclaimed one (a pending dynamic registration) is every academy admin's to claim. */
const visibleTo = (academy: string, r: { academy?: string | null }) => !r.academy || r.academy === academy;

/**
 * Runs after `requireAdmin` on the lti module's registration admin routes, which know
 * nothing of academies or the audit log: it keeps an admin to their academy's
 * registrations (and unclaimed pending ones), stamps new ones with the admin's academy,
 * forbids moving one to another academy, and audits every successful change with the
 * registration before and after.
 */
export function registrationAdminAdapter(deps: { registrations: RegistrationLookup; audit: AuditLog }): RequestHandler {
  return async (req, res, next) => {
    const principal = adminOf(res);
    const id = typeof req.params.id === 'string' ? req.params.id : undefined;
    let before: Registration | undefined;
    if (id) {
      before = await deps.registrations.find(id);
      if (!before || !visibleTo(principal.academy, before)) throw notFoundFor(id);
    }
    if (!SAFE.has(req.method) && req.body && typeof req.body === 'object') {
      const body = req.body as { academy?: unknown };
      if (body.academy !== undefined && body.academy !== principal.academy) {
        throw badRequest('REGISTRATION_ACADEMY_FORBIDDEN', `A platform can only be registered for your own academy (${principal.academy}).`);
      }
      if (req.method === 'POST' && !id) body.academy = principal.academy;
    }
    if (!id && req.method === 'GET') filterListing(res, principal.academy);
    if (!SAFE.has(req.method)) auditOnSuccess(res, deps.audit, req.method, req.path, before, principal.academy);
    next();
  };
}

/** The listing answers only what the admin may see, whatever filter was asked. */
function filterListing(res: Response, academy: string): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const payload = body as { registrations?: Array<{ academy?: string | null }> };
    if (res.statusCode < 400 && Array.isArray(payload?.registrations)) {
      return json({ ...payload, registrations: payload.registrations.filter((r) => visibleTo(academy, r)) });
    }
    return json(body);
  };
}

function auditOnSuccess(res: Response, audit: AuditLog, method: string, path: string, before: Registration | undefined, academy: string): void {
  const json = res.json.bind(res);
  const context = auditFrom(res);
  res.json = (body: unknown) => {
    if (res.statusCode < 400) {
      const after = body as { id?: string; name?: string; academy?: string | null };
      const verb = /\/registration-links$/.test(path)
        ? 'link.create'
        : (/\/(approve|reject|disable)$/.exec(path)?.[1] ?? (/\/deployments/.test(path) ? `deployment.${method === 'DELETE' ? 'remove' : 'add'}` : method === 'POST' ? 'create' : 'update'));
      // The entry is written before the answer goes out (persist first).
      void audit
        .record({
          ...context,
          action: `platform-registration.${verb}`,
          target: { type: 'platform-registration', id: String(after?.id ?? before?.id ?? ''), label: after?.name ?? before?.name },
          scope: { academy: after?.academy ?? before?.academy ?? academy },
          before,
          // A registration link's URL carries its signed invitation: a capability, never stored.
          after: verb === 'link.create' ? { academy, expiresAt: (body as { expiresAt?: unknown }).expiresAt } : after,
        })
        .catch(() => undefined) // AuditLog.record already logged the failure.
        .then(() => json(body));
      return res;
    }
    return json(body);
  };
}
