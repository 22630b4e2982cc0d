import type { RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { launchOf } from '../../lti/session/require-launch.js';
import { sendError } from '../../platform/http/error-handler.js';
import { validate } from '../../platform/http/validate.js';
import { answerQuestion, candidateCourse, currentQuestion, endTest, joinSession, reportProblem, startTest } from '../application/candidate-test.js';
import type { CertificationDeps } from '../application/dependencies.js';
import { candidateAnswerBody, joinBody, reportProblemBody } from './schemas.js';

const BASE = '/api/certification/candidate';
const courseParam = z.object({ id: z.string().min(1).max(64) });

/**
 * The candidate's API (docs/reference/student-api.md §Certification), behind a launch
 * session (LTI or ENT, bearer token, no cookie). GET and POST only: ENT pages call it
 * cross-origin.
 */
export function candidateRoutes(router: Router, guard: RequestHandler, deps: CertificationDeps, options: { joinAttemptsPer10Minutes: number }): void {
  // Failed joins only count, per learner: a few typing mistakes are forgiven, guessing codes is not.
  const joinLimit = rateLimit({
    windowMs: 10 * 60_000,
    limit: options.joinAttemptsPer10Minutes,
    skipSuccessfulRequests: true,
    // Only what guessing produces counts (a wrong code or identity); "not open yet" retries do not.
    requestWasSuccessful: (_req, res) => res.statusCode !== 403,
    keyGenerator: (_req, res) => `learner:${launchOf(res).user.id}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, 429, 'RATE_LIMITED', 'Too many attempts to join a session: wait a few minutes, then check the number and access code with the invigilator.'),
  });
  const learner = (res: Parameters<typeof launchOf>[0]) => launchOf(res).user.id;

  router.post(`${BASE}/join`, guard, joinLimit, async (req, res) => {
    const body = validate(joinBody, req.body);
    res.json(await joinSession({ ...body, learnerId: learner(res) }, deps));
  });

  router.get(`${BASE}/courses/:id`, guard, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await candidateCourse({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res) }, deps));
  });

  router.post(`${BASE}/courses/:id/start`, guard, async (req, res) => {
    res.json(await startTest({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res) }, deps));
  });

  router.get(`${BASE}/courses/:id/question`, guard, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await currentQuestion({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res) }, deps));
  });

  router.post(`${BASE}/courses/:id/answers`, guard, async (req, res) => {
    const request = validate(candidateAnswerBody, req.body);
    const outcome = await answerQuestion({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res), request }, deps);
    res.status(outcome.recorded ? 201 : 200).json(outcome);
  });

  router.post(`${BASE}/courses/:id/problems`, guard, async (req, res) => {
    const request = validate(reportProblemBody, req.body);
    res.status(201).json(await reportProblem({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res), request }, deps));
  });

  router.post(`${BASE}/courses/:id/end`, guard, async (req, res) => {
    res.json(await endTest({ courseId: validate(courseParam, req.params, 'params').id, learnerId: learner(res) }, deps));
  });
}
