import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { answerShapeProblem, checkAnswer, toAnswerValue } from '../../assessment/domain/answer-check.js';
import { answerValueSchema } from '../../assessment/http/answer-value.schema.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import type { ContentService } from '../application/content-service.js';
import type { BankVersionInfo } from '../domain/bank.js';
import { competenceRefOf, toChallengeView } from '../domain/challenge-view.js';
import { toCorrectionView } from '../domain/correction-view.js';
import type { ItemBankRepository } from '../infrastructure/item-bank.repository.js';

const challengeParams = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/) });
const checkBody = z
  .object({ value: answerValueSchema.nullable(), timedOut: z.boolean().optional(), focusedOut: z.boolean().optional() })
  .strict();
const assetParams = z.object({ file: z.string().regex(/^[0-9a-f]{64}\.[a-z0-9]{2,5}$/, 'must be <sha256>.<extension>') });

/** Public reads: the framework (for pickers and landing pages) and the bank's assets (images in challenges). */
export function contentPublicRoutes(router: Router, deps: { content: ContentService; assets: Pick<ItemBankRepository, 'asset'> }): void {
  router.get('/api/content/framework', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60');
    res.json(await deps.content.framework());
  });

  router.get('/api/content/assets/:file', async (req, res) => {
    const { file } = validate(assetParams, req.params, 'params');
    const asset = await deps.assets.asset(file.split('.')[0]!);
    if (!asset) throw notFound('ASSET_NOT_FOUND', `No asset ${file}.`);
    res.set({
      'Content-Type': asset.contentType,
      // Named by its hash: the content never changes.
      'Cache-Control': 'public, max-age=31536000, immutable',
      // An SVG opened directly must not run script on our origin.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': asset.contentType.startsWith('image/') ? 'inline' : 'attachment',
    });
    res.send(asset.bytes);
  });
}

/**
 * Previews for the people who build tests: a challenge exactly as a learner sees it
 * (never its solution) behind `previewGuard`; its correction and an answer tryout behind
 * `correctionGuard`, which should admit fewer people (they reveal solutions).
 */
export function contentPreviewRoutes(
  router: Router,
  deps: {
    content: ContentService;
    versions: () => Promise<Array<BankVersionInfo & { complete: boolean }>>;
    previewGuard: RequestHandler;
    correctionGuard?: RequestHandler;
    assetBaseUrl?: string;
  },
): void {
  const challengeOr404 = async (id: string) => {
    const challenge = await deps.content.challenge(id);
    if (!challenge) throw notFound('CHALLENGE_NOT_FOUND', `No challenge "${id}" in the active item bank.`, { challengeId: id });
    return challenge;
  };

  router.get('/api/content/challenges/:id/preview', deps.previewGuard, async (req, res) => {
    const { id } = validate(challengeParams, req.params, 'params');
    const { seed } = validate(z.object({ seed: z.string().max(100).optional() }), req.query, 'query');
    const challenge = await challengeOr404(id);
    const snapshot = await deps.content.snapshot();
    const skill = snapshot.skill(challenge.skillId);
    res.json({
      challenge: toChallengeView(challenge, { competence: competenceRefOf(snapshot, challenge.competenceId), shuffleSeed: seed, assetBaseUrl: deps.assetBaseUrl }),
      status: challenge.status,
      skill: skill && { id: skill.id, level: skill.level, tubeId: skill.tubeId, competenceId: skill.competenceId },
    });
  });

  if (!deps.correctionGuard) return;

  router.get('/api/content/challenges/:id/correction', deps.correctionGuard, async (req, res) => {
    const { id } = validate(challengeParams, req.params, 'params');
    const challenge = await challengeOr404(id);
    const skill = (await deps.content.snapshot()).skill(challenge.skillId);
    res.json(toCorrectionView(challenge, skill?.tutorials));
  });

  router.post('/api/content/challenges/:id/check', deps.correctionGuard, async (req, res) => {
    const { id } = validate(challengeParams, req.params, 'params');
    const body = validate(checkBody, req.body);
    const challenge = await challengeOr404(id);
    const answer = toAnswerValue(body.value);
    const problem = answerShapeProblem(challenge, answer);
    if (problem) throw badRequest('ANSWER_SHAPE_INVALID', `This answer does not fit a ${challenge.type} challenge (${problem}).`, { problem });
    res.json(checkAnswer(challenge, answer, { timedOut: body.timedOut, focusedOut: body.focusedOut }));
  });

  router.get('/api/content/versions', deps.correctionGuard, async (_req, res) => {
    const [active, versions] = await Promise.all([deps.content.activeVersion(), deps.versions()]);
    res.json({ activeVersionId: active?.id ?? null, versions });
  });
}
