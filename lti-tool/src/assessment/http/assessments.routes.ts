import type { RequestHandler, Router } from 'express';
import * as S from '@pix-lti/web-components/contract-schemas';
import { z } from 'zod';
import { launchOf } from '../../lti/session/require-launch.js';
import { validate } from '../../platform/http/validate.js';
import { acknowledgeCheckpoint } from '../application/acknowledge-checkpoint.js';
import type { AssessmentDeps } from '../application/assessment-deps.js';
import { recordFocusLost, startChallenge } from '../application/challenge-events.js';
import { getAssessment, getNextStep } from '../application/get-next-step.js';
import { getResults } from '../application/get-results.js';
import { retryAssessment } from '../application/retry-assessment.js';
import { shareResults } from '../application/share-results.js';
import { startAssessment } from '../application/start-assessment.js';
import { submitAnswer } from '../application/submit-answer.js';
import { launchFactsOf, ownerOf } from './launch-facts.js';

const assessmentId = z.string().regex(/^a_[A-Za-z0-9_-]{24}$/, 'an assessment id');
const idParams = z.object({ id: assessmentId });
const challengeParams = z.object({ id: assessmentId, challengeId: z.string().min(1).max(200) });
const checkpointParams = z.object({ id: assessmentId, checkpointId: z.string().min(1).max(20) });
const emptyBody = z.object({}).strict();

/**
 * The learner's API (docs/reference/student-api.md): start or resume, the current step,
 * timer start and focus loss, answers, checkpoints, results, sharing, another attempt.
 * Every route needs the launch's bearer token with the Learner role, and acts on the
 * launch's learner only.
 */
export function assessmentRoutes(router: Router, deps: { guard: RequestHandler; assessment: AssessmentDeps }): void {
  const { guard } = deps;
  const d = deps.assessment;
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  router.post('/api/assessments', guard, noStore, async (req, res) => {
    const body = validate(S.startAssessmentRequest, req.body ?? {});
    const session = launchOf(res);
    res.json(await startAssessment({ owner: ownerOf(res), activity: session.activity, campaignCode: body.campaignCode, launch: launchFactsOf(res) }, d));
  });

  router.get('/api/assessments/:id', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json(await getAssessment({ owner: ownerOf(res), assessmentId: id }, d));
  });

  router.get('/api/assessments/:id/next', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json(await getNextStep({ owner: ownerOf(res), assessmentId: id }, d));
  });

  router.post('/api/assessments/:id/challenges/:challengeId/start', guard, noStore, async (req, res) => {
    const params = validate(challengeParams, req.params, 'params');
    validate(emptyBody, req.body ?? {});
    res.json(await startChallenge({ owner: ownerOf(res), assessmentId: params.id, challengeId: params.challengeId }, d));
  });

  router.post('/api/assessments/:id/challenges/:challengeId/focus-lost', guard, noStore, async (req, res) => {
    const params = validate(challengeParams, req.params, 'params');
    validate(emptyBody, req.body ?? {});
    res.json(await recordFocusLost({ owner: ownerOf(res), assessmentId: params.id, challengeId: params.challengeId }, d));
  });

  router.post('/api/assessments/:id/answers', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const request = validate(S.submitAnswerRequest, req.body);
    const outcome = await submitAnswer({ owner: ownerOf(res), assessmentId: id, request }, d);
    res.status(outcome.created ? 201 : 200).json(outcome.response);
  });

  router.post('/api/assessments/:id/checkpoints/:checkpointId/acknowledge', guard, noStore, async (req, res) => {
    const params = validate(checkpointParams, req.params, 'params');
    validate(emptyBody, req.body ?? {});
    res.json(await acknowledgeCheckpoint({ owner: ownerOf(res), assessmentId: params.id, checkpointId: params.checkpointId }, d));
  });

  router.get('/api/assessments/:id/results', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json(await getResults({ owner: ownerOf(res), assessmentId: id }, d));
  });

  router.post('/api/assessments/:id/share', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    validate(S.shareResultsRequest, req.body);
    res.json(await shareResults({ owner: ownerOf(res), assessmentId: id }, d));
  });

  router.post('/api/assessments/:id/retry', guard, noStore, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    validate(emptyBody, req.body ?? {});
    res.status(201).json(await retryAssessment({ owner: ownerOf(res), assessmentId: id, launch: launchFactsOf(res) }, d));
  });
}
