import type { RequestHandler, Router } from 'express';
import type { AdminGuard } from '../admin/http/require-admin.js';
import type { AuditLog } from '../audit/application/audit-log.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { BankFile } from './application/bank-format/parse-bank-files.js';
import { ContentCatalog } from './application/content-catalog.js';
import { createContentService, type ContentService } from './application/content-service.js';
import { importItemBank, type ImportReport } from './application/import-item-bank.js';
import { setChallengeStatus } from './application/set-challenge-status.js';
import type { ChallengeStatus } from './domain/challenge.js';
import { contentAdminRoutes } from './http/content-admin.routes.js';
import { contentPreviewRoutes, contentPublicRoutes } from './http/content.routes.js';
import { ItemBankRepository } from './infrastructure/item-bank.repository.js';
import { SAMPLE_BANK_DIR, readBankFiles } from './infrastructure/read-bank-folder.js';

export interface ContentModule extends AppModule {
  /** Read services over the active bank version (framework, skills, challenges). */
  content: ContentService;
  /** Validates and imports a bank; every error is in the report, and a bad bank changes nothing. */
  importItemBank(input: { files: readonly BankFile[]; dryRun?: boolean; importedBy?: string }): Promise<ImportReport>;
  /** Withdraws or restores one challenge without a re-import. */
  setChallengeStatus(input: { challengeId: string; status: ChallengeStatus; reason?: string; changedBy?: string }): ReturnType<typeof setChallengeStatus>;
  /** Imports the open sample bank when the database has no bank yet; true if it did. */
  loadSampleBankIfEmpty(): Promise<boolean>;
  /** The item bank screens' API (`/api/admin/item-bank`), mounted by the admin module behind its guard. */
  adminRoutes(router: Router, requireAdmin: AdminGuard, deps: { audit: AuditLog; academies: () => Promise<string[]> }): void;
}

export interface ContentModuleDeps {
  /** Who may preview challenges as learners see them (e.g. teachers in a launch). */
  previewGuard?: RequestHandler;
  /** Who may see corrections and try answers (reveals solutions): admins. */
  correctionGuard?: RequestHandler;
  /** Load the sample bank at start when the database has none (default true). */
  loadSampleBank?: boolean;
  refreshIntervalMs?: number;
}

/** The competence framework and the item bank. */
export function createContentModule(ctx: AppContext, deps: ContentModuleDeps = {}): ContentModule {
  const repository = new ItemBankRepository(ctx.db);
  const catalog = new ContentCatalog(repository, {
    maxReachableLevel: ctx.config.maxReachableLevel,
    refreshIntervalMs: deps.refreshIntervalMs,
    onStaleError: (err) => ctx.log.warn({ err }, 'item bank refresh failed: serving the previous version'),
  });
  const content = createContentService(catalog);
  const activeSnapshot = () => catalog.snapshot();
  const onActivated = () => catalog.invalidate();

  const importBank: ContentModule['importItemBank'] = (input) => importItemBank(input, { repository, activeSnapshot, onActivated, log: ctx.log });

  const loadSampleBankIfEmpty = async () => {
    if (await repository.activeState()) return false;
    const report = await importBank({ files: await readBankFiles([SAMPLE_BANK_DIR]), importedBy: 'sample-bank' });
    if (!report.ok) {
      ctx.log.error({ errors: report.errors.slice(0, 20) }, 'the sample item bank does not validate');
      return false;
    }
    ctx.log.info({ versionId: report.versionId, challenges: report.counts.challenges }, 'loaded the sample item bank into an empty database');
    return true;
  };

  const setStatus: ContentModule['setChallengeStatus'] = (input) => setChallengeStatus(input, { repository, activeSnapshot, onChanged: onActivated });

  return {
    name: 'content',
    content,
    importItemBank: importBank,
    setChallengeStatus: setStatus,
    loadSampleBankIfEmpty,
    adminRoutes: (router, requireAdmin, admin) =>
      contentAdminRoutes(router, requireAdmin, {
        content,
        versions: () => repository.listVersions(),
        importItemBank: importBank,
        setChallengeStatus: setStatus,
        audit: admin.audit,
        academies: admin.academies,
        assetBaseUrl: ctx.config.publicUrl,
      }),
    routes(router) {
      contentPublicRoutes(router, { content, assets: repository });
      if (deps.previewGuard) {
        contentPreviewRoutes(router, {
          content,
          versions: () => repository.listVersions(),
          previewGuard: deps.previewGuard,
          correctionGuard: deps.correctionGuard,
          assetBaseUrl: ctx.config.publicUrl,
        });
      }
    },
    async start() {
      if (deps.loadSampleBank ?? true) await loadSampleBankIfEmpty();
    },
  };
}
