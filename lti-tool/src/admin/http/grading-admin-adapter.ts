import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { Registration } from '../../lti/lti.module.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { adminOf, auditFrom } from './require-admin.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs after `requireAdmin` on the grading module's admin routes, which filter by
 * registration but know nothing of academies: a listing, a summary or a bulk resend must
 * name a `registrationId` of the admin's academy (nothing spans academies), a single
 * grade is reached only through its registration, and every resend is audited.
 */
export function gradingAdminAdapter(deps: {
  registrations: { find(id: string): Promise<Registration | undefined> };
  /** The registration a grade job belongs to (the grading module's status view does not carry it). */
  gradeRegistration(gradeId: string): Promise<string | undefined>;
  audit: AuditLog;
}): RequestHandler {
  return async (req, res, next) => {
    const principal = adminOf(res);
    const ownRegistration = async (id: unknown) => {
      const registration = typeof id === 'string' && id ? await deps.registrations.find(id) : undefined;
      return registration?.academy === principal.academy ? registration : undefined;
    };
    let registration: Registration | undefined;
    const gradeId = typeof req.params.id === 'string' ? req.params.id : undefined;
    if (gradeId) {
      const registrationId = await deps.gradeRegistration(gradeId);
      registration = registrationId ? await ownRegistration(registrationId) : undefined;
      if (!registration) throw notFound('GRADE_NOT_FOUND', 'No such grade in your academy.');
    } else {
      const asked = SAFE.has(req.method) ? req.query.registrationId : (req.body as { registrationId?: unknown } | undefined)?.registrationId;
      if (asked === undefined) {
        throw badRequest('GRADES_REGISTRATION_REQUIRED', 'Name the platform: grades are listed, counted and resent per registrationId of your academy.');
      }
      registration = await ownRegistration(asked);
      if (!registration) throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${String(asked)}.`);
    }
    if (!SAFE.has(req.method)) {
      const context = auditFrom(res);
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode >= 400) return json(body);
        // The entry is written before the answer goes out (persist first).
        void deps.audit
          .record({
            ...context,
            action: gradeId ? 'grade.resend' : 'grade.resend-failed',
            target: gradeId ? { type: 'grade', id: gradeId } : { type: 'platform-registration', id: registration!.id, label: registration!.name },
            scope: { academy: principal.academy },
            after: gradeId ? { status: (body as { status?: unknown }).status } : { resent: (body as { resent?: unknown }).resent, filter: req.body as unknown },
          })
          .catch(() => undefined)
          .then(() => json(body));
        return res;
      };
    }
    next();
  };
}
