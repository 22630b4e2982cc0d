import express, { type Router } from 'express';
import { z } from 'zod';
import { adminOf, auditFrom, type AdminGuard } from '../../admin/http/require-admin.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { AuditRecordInput } from '../../audit/domain/audit-entry.js';
import { notFound } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import type { BankFile } from '../application/bank-format/parse-bank-files.js';
import type { ContentService } from '../application/content-service.js';
import type { ImportReport } from '../application/import-item-bank.js';
import type { setChallengeStatus } from '../application/set-challenge-status.js';
import type { BankVersionInfo } from '../domain/bank.js';
import { CHALLENGE_STATUSES, CHALLENGE_TYPES } from '../domain/challenge.js';
import { competenceRefOf, toChallengeView } from '../domain/challenge-view.js';

/**
 * The upload's own media type: the app-wide JSON parser (1 MB) leaves it alone and this
 * route's parser admits a whole bank (its files are limited one by one by the import).
 */
export const ITEM_BANK_UPLOAD_TYPE = 'application/vnd.pix-lti.item-bank-upload+json';
const UPLOAD_LIMIT = '25mb';

const uploadBody = z
  .object({
    files: z
      .array(
        z
          .object({
            name: z.string().min(1).max(300),
            /** Bank files (YAML, JSON) as text; assets as base64. */
            text: z.string().optional(),
            base64: z.string().regex(/^[A-Za-z0-9+/=\s]*$/, 'is not base64').optional(),
          })
          .strict()
          .refine((f) => (f.text === undefined) !== (f.base64 === undefined), { message: 'give exactly one of text or base64' }),
      )
      .min(1)
      .max(1000),
    dryRun: z.boolean().default(false),
  })
  .strict();

const challengeParams = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a challenge id') });
const listQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    status: z.enum(CHALLENGE_STATUSES).optional(),
    type: z.enum(CHALLENGE_TYPES).optional(),
    competenceId: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const statusBody = z.object({ status: z.enum(CHALLENGE_STATUSES), reason: z.string().trim().max(500).optional() }).strict();

export interface ContentAdminDeps {
  content: ContentService;
  versions: () => Promise<Array<BankVersionInfo & { complete: boolean }>>;
  importItemBank(input: { files: readonly BankFile[]; dryRun?: boolean; importedBy?: string }): Promise<ImportReport>;
  setChallengeStatus(input: Parameters<typeof setChallengeStatus>[0]): ReturnType<typeof setChallengeStatus>;
  audit: AuditLog;
  /** Every academy's code: the bank serves them all, so each one's audit log shows its changes (as the CLI does). */
  academies: () => Promise<string[]>;
  assetBaseUrl?: string;
}

/**
 * The item bank for the admin panel: versions, the active challenges (filtered, paged),
 * a challenge as a learner sees it (never its solution), the import with its validation
 * report (a bad bank changes nothing), and withdrawing or restoring a challenge.
 * The bank is shared by every academy: academy admins change it, everyone reads it.
 */
export function contentAdminRoutes(router: Router, requireAdmin: AdminGuard, deps: ContentAdminDeps): void {
  const writers = requireAdmin({ roles: ['academy-admin'] });
  const base = '/api/admin/item-bank';
  const auditEverywhere = async (own: string, entry: Omit<AuditRecordInput, 'scope'>) => {
    const academies = new Set([own, ...(await deps.academies())]);
    for (const academy of academies) await deps.audit.record({ ...entry, scope: { academy } });
  };

  router.get(base, requireAdmin(), async (_req, res) => {
    const [active, versions, snapshot] = await Promise.all([deps.content.activeVersion(), deps.versions(), deps.content.snapshot()]);
    const byStatus = Object.fromEntries(CHALLENGE_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const c of snapshot.challenges) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    res.json({
      activeVersionId: active?.id ?? null,
      versions: versions.map((v) => ({ id: v.id, bankId: v.bankId, label: v.label, importedAt: v.importedAt, challengeCount: v.challengeCount, complete: v.complete })),
      counts: { challenges: snapshot.challenges.length, skills: snapshot.skills.length, tubes: snapshot.tubes.length, byStatus },
      competences: snapshot.competences.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    });
  });

  router.get(`${base}/challenges`, requireAdmin(), async (req, res) => {
    const { q, status, type, competenceId, page, pageSize } = validate(listQuery, req.query, 'query');
    const snapshot = await deps.content.snapshot();
    const needle = q?.toLowerCase();
    const matching = snapshot.challenges.filter(
      (c) =>
        (!status || c.status === status) &&
        (!type || c.type === type) &&
        (!competenceId || c.competenceId === competenceId) &&
        (!needle || c.id.toLowerCase().includes(needle) || c.instruction.toLowerCase().includes(needle) || (snapshot.skill(c.skillId)?.name ?? '').toLowerCase().includes(needle)),
    );
    res.json({
      total: matching.length,
      page,
      pageSize,
      challenges: matching.slice((page - 1) * pageSize, page * pageSize).map((c) => {
        const skill = snapshot.skill(c.skillId);
        return {
          id: c.id,
          type: c.type,
          status: c.status,
          skill: skill ? { id: skill.id, name: skill.name, level: skill.level } : { id: c.skillId },
          competence: competenceRefOf(snapshot, c.competenceId),
          instruction: c.instruction.length > 160 ? `${c.instruction.slice(0, 157)}…` : c.instruction,
        };
      }),
    });
  });

  router.get(`${base}/challenges/:id/preview`, requireAdmin(), async (req, res) => {
    const { id } = validate(challengeParams, req.params, 'params');
    const snapshot = await deps.content.snapshot();
    const challenge = snapshot.challenge(id);
    if (!challenge) throw notFound('CHALLENGE_NOT_FOUND', `No challenge "${id}" in the active item bank.`, { challengeId: id });
    res.json({
      challenge: toChallengeView(challenge, { competence: competenceRefOf(snapshot, challenge.competenceId), assetBaseUrl: deps.assetBaseUrl }),
      status: challenge.status,
    });
  });

  router.post(`${base}/imports`, writers, express.json({ limit: UPLOAD_LIMIT, type: ITEM_BANK_UPLOAD_TYPE }), async (req, res) => {
    const body = validate(uploadBody, req.body);
    const files: BankFile[] = body.files.map((f) => ({ name: f.name, content: f.text ?? new Uint8Array(Buffer.from(f.base64!, 'base64')) }));
    const principal = adminOf(res);
    const report = await deps.importItemBank({ files, dryRun: body.dryRun, importedBy: principal.email });
    if (!body.dryRun && report.outcome !== 'unchanged') {
      const entry = {
        ...auditFrom(res),
        action: 'content.import',
        target: { type: 'item-bank-version', id: report.versionId ?? 'invalid', ...(report.bank ? { label: `${report.bank.id} ${report.bank.version}` } : {}) },
        outcome: report.ok ? ('success' as const) : ('failure' as const),
        before: { versionId: report.previousVersionId },
        after: { outcome: report.outcome, versionId: report.versionId, errors: report.errors.length, warnings: report.warnings.length, files: files.length },
      };
      // A refused bank changed nothing: only the admin's own academy sees the attempt.
      if (report.ok) await auditEverywhere(principal.academy, entry);
      else await deps.audit.record({ ...entry, scope: { academy: principal.academy } });
    }
    // A refused bank is an answer, not a failure of the request: the report says why.
    res.status(report.ok ? (body.dryRun ? 200 : 201) : 422).json(report);
  });

  router.post(`${base}/challenges/:id/status`, writers, async (req, res) => {
    const { id } = validate(challengeParams, req.params, 'params');
    const { status, reason } = validate(statusBody, req.body);
    const principal = adminOf(res);
    const before = (await deps.content.snapshot()).challenge(id)?.status;
    const result = await deps.setChallengeStatus({ challengeId: id, status, reason, changedBy: principal.email });
    await auditEverywhere(principal.academy, {
      ...auditFrom(res),
      action: 'content.challenge.status',
      target: { type: 'challenge', id },
      before: { status: before },
      after: { status, ...(reason ? { reason } : {}) },
    });
    res.json(result);
  });
}
