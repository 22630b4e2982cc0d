import type { Request, RequestHandler, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { unauthorized } from '../../platform/errors.js';
import { sendError } from '../../platform/http/error-handler.js';
import { validate } from '../../platform/http/validate.js';
import type { CertificationDeps } from '../application/dependencies.js';
import { actOnCandidate, invigilatedSession, openSession, releaseCandidatePlace, resolveInvigilator, signInInvigilator } from '../application/invigilation.js';
import { recordIncident } from '../application/record-incident.js';
import type { IncidentCategory, InChallengeSubcategory } from '../domain/incidents.js';
import type { StoredSession } from '../infrastructure/sessions.repository.js';
import { extraTime, incidentBody, invigilatorAction, invigilatorSignInBody } from './schemas.js';

const BASE = '/api/certification/invigilation';
const courseParam = z.object({ courseId: z.string().min(1).max(64) });

declare module 'express-serve-static-core' {
  interface Locals {
    invigilated?: StoredSession;
  }
}

/**
 * The invigilator's API: sign in with session number + invigilator password, then a
 * bearer token for that one session (not an admin account, no cookie).
 */
export function invigilationRoutes(router: Router, deps: CertificationDeps, options: { signInFailuresPer15Minutes: number }): void {
  const signInLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: options.signInFailuresPer15Minutes,
    skipSuccessfulRequests: true,
    // Wrong number or password only (401); a closed session or a bad body do not count.
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, 'RATE_LIMITED', 'Too many failed sign-ins from this address: wait a quarter of an hour, or ask the centre for the password.'),
  });
  const guard: RequestHandler = async (req, res, next) => {
    res.locals.invigilated = await resolveInvigilator(tokenOf(req), deps);
    res.set('Cache-Control', 'no-store');
    next();
  };
  const sessionOf = (res: Response): StoredSession => res.locals.invigilated!;

  router.post(`${BASE}/sign-in`, signInLimit, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.status(201).json(await signInInvigilator(validate(invigilatorSignInBody, req.body), deps));
  });

  router.post(`${BASE}/sign-out`, async (req, res) => {
    await deps.invigilatorSessions.delete(tokenOf(req));
    res.status(204).end();
  });

  router.get(`${BASE}/session`, guard, async (_req, res) => {
    res.json(await invigilatedSession(sessionOf(res), deps));
  });

  router.post(`${BASE}/session/open`, guard, async (_req, res) => {
    await openSession(sessionOf(res), deps);
    res.json(await invigilatedSession((await deps.sessions.find(sessionOf(res).id))!, deps));
  });

  router.post(`${BASE}/candidates/:courseId/extra-time`, guard, async (req, res) => {
    const { courseId } = validate(courseParam, req.params, 'params');
    const { extraTimePercentage } = validate(z.object({ extraTimePercentage: extraTime }), req.body);
    res.json(await actOnCandidate(sessionOf(res), courseId, { extraTimePercentage }, deps));
  });

  // « Libérer la place »: before the generic actions, it is not a course event (ADR 0022).
  router.post(`${BASE}/candidates/:courseId/release`, guard, async (req, res) => {
    const { courseId } = validate(courseParam, req.params, 'params');
    res.json(await releaseCandidatePlace(sessionOf(res), courseId, deps));
  });

  router.post(`${BASE}/candidates/:courseId/:action`, guard, async (req, res) => {
    const { courseId, action } = validate(courseParam.extend({ action: invigilatorAction }), req.params, 'params');
    res.json(await actOnCandidate(sessionOf(res), courseId, action, deps));
  });

  router.post(`${BASE}/incidents`, guard, async (req, res) => {
    const body = validate(incidentBody, req.body);
    const session = sessionOf(res);
    const incident = await recordIncident(
      {
        sessionId: session.id,
        scope: [session.academyId],
        incident: { ...body, category: body.category as IncidentCategory, subcategory: body.subcategory as InChallengeSubcategory | undefined, reportedBy: 'invigilator' },
      },
      deps,
    );
    res.status(201).json(incident);
  });
}

function tokenOf(req: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match) throw unauthorized('INVIGILATOR_SESSION_MISSING', 'Sign in as the invigilator with the session number and the invigilator password.');
  return match[1]!;
}
