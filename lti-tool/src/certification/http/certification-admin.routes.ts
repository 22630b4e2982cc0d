import type { Router } from 'express';
import { z } from 'zod';
import { forbidden, notFound } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { changeCourse } from '../application/change-course.js';
import { createSession } from '../application/create-session.js';
import type { CertificationDeps } from '../application/dependencies.js';
import { enrolCandidate } from '../application/enrol-candidate.js';
import { finaliseSession } from '../application/finalise-session.js';
import { inScope, loadSession } from '../application/load-session.js';
import { publishSession } from '../application/publish-session.js';
import { recordIncident } from '../application/record-incident.js';
import { registerCentre } from '../application/register-centre.js';
import { publicCertificate } from '../domain/certification-result.js';
import type { IncidentCategory, InChallengeSubcategory } from '../domain/incidents.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';
import { allowedActions, assertSessionAllows, type SessionStatus } from '../domain/session.js';
import { renderAttestationPdf } from '../infrastructure/attestation-pdf.js';
import { canSeeCentre, type AdminAccess } from './admin-access.js';
import { candidateBody, centreBody, extraTime, finaliseBody, idParam, incidentBody, sessionBody, uai } from './schemas.js';
import { verificationUrlOf } from './verification.routes.js';

const BASE = '/api/admin/certification';

/**
 * The centre's side of certification for academy and school admins: centres, sessions,
 * candidate lists, incidents, finalisation, publication, results and attestations.
 * Every route runs behind the admin module's guard and stays within the admin's academies.
 */
export function certificationAdminRoutes(router: Router, access: AdminAccess, deps: CertificationDeps & { publicUrl: string }): void {
  // The admin guard is each route's first handler (the admin module checks every admin route has one).
  const guard = access.requireAdmin;
  const managerGuard = access.requireManager ?? access.requireAdmin;

  router.post(`${BASE}/centres`, guard, async (req, res) => {
    const body = validate(centreBody, req.body);
    if (!inScope(access.academiesOf(res), body.academyId)) throw forbidden('ACADEMY_FORBIDDEN', 'You cannot add a centre to another academy.');
    if (!canSeeCentre(access, res, { academyId: body.academyId, uai: body.uai })) throw forbidden('SCHOOL_FORBIDDEN', 'A school admin can register only their own school as a centre.');
    res.status(201).json(await registerCentre(body, deps));
  });

  router.get(`${BASE}/centres`, guard, async (_req, res) => {
    const scope = access.academiesOf(res);
    const all = await deps.centres.listByAcademy();
    res.json({ centres: all.filter((c) => inScope(scope, c.academyId) && canSeeCentre(access, res, c)) });
  });

  router.post(`${BASE}/centres/:uai/sessions`, guard, async (req, res) => {
    const centre = await centreInScope(validate(z.object({ uai }), req.params, 'params').uai, res);
    const { session, invigilatorPassword } = await createSession({ centreUai: centre.uai, ...validate(sessionBody, req.body) }, deps);
    res.status(201).json({ ...sessionView(session), invigilatorPassword });
  });

  router.get(`${BASE}/centres/:uai/sessions`, guard, async (req, res) => {
    const centre = await centreInScope(validate(z.object({ uai }), req.params, 'params').uai, res);
    res.json({ sessions: (await deps.sessions.listByCentre(centre.uai)).map(sessionView) });
  });

  router.get(`${BASE}/sessions/:id`, guard, async (req, res) => {
    const session = await sessionInScope(validate(idParam, req.params, 'params').id, res);
    const [courses, incidents, results] = await Promise.all([deps.courses.listBySession(session.id), deps.incidents.listBySession(session.id), deps.results.listBySession(session.id)]);
    res.json({
      ...sessionView(session),
      candidates: courses.map(({ version: _v, ...c }) => c),
      incidents,
      results: results.map((r) => ({ id: r.id, status: r.status, pixScore: r.pixScore, verificationCode: r.verificationCode, delivery: { state: r.delivery.state, attempts: r.delivery.attempts, lastError: r.delivery.lastError } })),
    });
  });

  router.get(`${BASE}/sessions/:id/invigilator-password`, managerGuard, async (req, res) => {
    const session = await sessionInScope(validate(idParam, req.params, 'params').id, res);
    res.set('Cache-Control', 'no-store');
    res.json({ invigilatorPassword: deps.box.open(session.sealedInvigilatorPassword) });
  });

  router.post(`${BASE}/sessions/:id/candidates`, guard, async (req, res) => {
    const { extraTimePercentage, ...candidate } = validate(candidateBody, req.body);
    await sessionInScope(validate(idParam, req.params, 'params').id, res);
    const course = await enrolCandidate({ sessionId: validate(idParam, req.params, 'params').id, candidate, extraTimePercentage, scope: access.academiesOf(res) }, deps);
    res.status(201).json(course);
  });

  router.patch(`${BASE}/sessions/:id/candidates/:courseId`, guard, async (req, res) => {
    const { id, courseId } = validate(z.object({ id: z.string(), courseId: z.string() }), req.params, 'params');
    const { extraTimePercentage } = validate(z.object({ extraTimePercentage: extraTime }), req.body);
    await sessionInScope(id, res);
    const { version: _v, ...course } = await changeCourse({ sessionId: id, courseId, event: { type: 'setExtraTime', percentage: extraTimePercentage }, scope: access.academiesOf(res) }, deps);
    res.json(course);
  });

  router.delete(`${BASE}/sessions/:id/candidates/:courseId`, guard, async (req, res) => {
    const { id, courseId } = validate(z.object({ id: z.string(), courseId: z.string() }), req.params, 'params');
    const session = await sessionInScope(id, res);
    assertSessionAllows(session, 'unenrol');
    if (!(await deps.courses.deleteUnstarted(courseId, session.id))) throw notFound('CANDIDATE_NOT_FOUND', 'No such candidate waiting in this session.');
    res.status(204).end();
  });

  router.post(`${BASE}/sessions/:id/incidents`, guard, async (req, res) => {
    const body = validate(incidentBody, req.body);
    await sessionInScope(validate(idParam, req.params, 'params').id, res);
    const incident = await recordIncident(
      {
        sessionId: validate(idParam, req.params, 'params').id,
        scope: access.academiesOf(res),
        incident: { ...body, category: body.category as IncidentCategory, subcategory: body.subcategory as InChallengeSubcategory | undefined, reportedBy: 'centre' },
      },
      deps,
    );
    res.status(201).json(incident);
  });

  router.post(`${BASE}/sessions/:id/finalise`, guard, async (req, res) => {
    const body = validate(finaliseBody, req.body ?? {});
    await sessionInScope(validate(idParam, req.params, 'params').id, res);
    res.json(await finaliseSession({ sessionId: validate(idParam, req.params, 'params').id, scope: access.academiesOf(res), ...body }, deps));
  });

  router.post(`${BASE}/sessions/:id/publish`, guard, async (req, res) => {
    await sessionInScope(validate(idParam, req.params, 'params').id, res);
    res.json(await publishSession({ sessionId: validate(idParam, req.params, 'params').id, scope: access.academiesOf(res) }, deps));
  });

  router.get(`${BASE}/results/:id/attestation.pdf`, guard, async (req, res) => {
    const result = await deps.results.find(validate(idParam, req.params, 'params').id);
    if (!result || !canSeeCentre(access, res, { academyId: result.academyId, uai: result.centre.uai })) throw notFound('RESULT_NOT_FOUND', 'No such published certification result.');
    const certificate = publicCertificate(result, CERTIFICATION_RULES.validityYears);
    const pdf = await renderAttestationPdf(certificate, { verificationUrl: `${verificationUrlOf(deps.publicUrl)}?code=${certificate.verificationCode}` });
    res.set('Content-Disposition', `attachment; filename="attestation-pix-${certificate.verificationCode}.pdf"`);
    res.type('application/pdf').send(pdf);
  });

  /** The session if the caller may see it: another academy's is forbidden (as in the use cases), another school's is not found. */
  async function sessionInScope(id: string, res: Parameters<AdminAccess['academiesOf']>[0]) {
    const session = await loadSession(id, access.academiesOf(res), deps);
    if (!canSeeCentre(access, res, { academyId: session.academyId, uai: session.centreUai })) throw notFound('SESSION_NOT_FOUND', 'No such certification session.');
    return session;
  }

  async function centreInScope(code: string, res: Parameters<AdminAccess['academiesOf']>[0]) {
    const centre = await deps.centres.find(code);
    if (!centre || !canSeeCentre(access, res, centre)) throw notFound('CENTRE_NOT_FOUND', `No certification centre with UAI ${code} in your academies.`);
    return centre;
  }
}

function sessionView(session: { id: string; number: number; centreUai: string; academyId: string; date: string; time: string; room: string; invigilator: string; accessCode: string; status: SessionStatus }) {
  const { id, number, centreUai, academyId, date, time, room, invigilator, accessCode, status } = session;
  return { id, number, centreUai, academyId, date, time, room, invigilator, accessCode, status, allowedActions: allowedActions(status) };
}
