import { createHash } from 'node:crypto';
import type { Logger } from '../../platform/logger.js';
import type { BankContent, BankVersionInfo } from '../domain/bank.js';
import type { ContentSnapshot } from '../domain/content-snapshot.js';
import { skillName } from '../domain/framework.js';
import type { ImportIssue } from './bank-format/import-issues.js';
import type { BankFile } from './bank-format/parse-bank-files.js';
import { validateItemBank, type BankCounts } from './bank-format/validate-item-bank.js';
import type { ItemBankRepository } from '../infrastructure/item-bank.repository.js';

export interface ImportReport {
  ok: boolean;
  /**
   * `imported`: a new version was written and made active; `unchanged`: this content is
   * already the active version; `reactivated`: an earlier version with this content became
   * active again; `validated`: dry run, nothing written; `invalid`: errors, nothing written.
   */
  outcome: 'imported' | 'unchanged' | 'reactivated' | 'validated' | 'invalid';
  versionId?: string;
  previousVersionId?: string;
  bank?: { id: string; version: string };
  counts: BankCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ImportItemBankDeps {
  repository: Pick<ItemBankRepository, 'activeState' | 'versionInfo' | 'listVersions' | 'writeVersion' | 'activate'>;
  /** The active content, to warn about what the new version removes. */
  activeSnapshot: () => Promise<ContentSnapshot>;
  /** Called after a switch so this instance's cache reloads at once. */
  onActivated?: () => void;
  log: Logger;
  now?: () => Date;
}

/**
 * Imports an item bank (the admin screen and `npm run content:import` call this). Every
 * file is validated first and every error is reported; with any error nothing is written.
 * A valid bank is stored as a new version (id derived from its content) and then made
 * active in one atomic switch. Importing the same content again changes nothing.
 */
export async function importItemBank(
  input: { files: readonly BankFile[]; dryRun?: boolean; importedBy?: string },
  deps: ImportItemBankDeps,
): Promise<ImportReport> {
  const validation = validateItemBank(input.files);
  const report: ImportReport = { ok: validation.ok, outcome: 'invalid', counts: validation.counts, errors: validation.errors, warnings: validation.warnings };
  if (!validation.ok || !validation.content) return report;
  const content = validation.content;
  const versionId = bankVersionId(content);
  report.bank = { id: content.bank.id, version: content.bank.version };
  report.versionId = versionId;

  report.warnings.push(...removalWarnings(await deps.activeSnapshot(), content, versionId));
  const reused = (await deps.repository.listVersions()).find((v) => v.bankId === content.bank.id && v.label === content.bank.version && v.id !== versionId);
  if (reused) {
    report.warnings.push({
      code: 'VERSION_LABEL_REUSED',
      file: '*',
      section: 'bank',
      field: 'version',
      message: `Version "${content.bank.version}" was already imported with different content (${reused.id}); give this one a new version label.`,
    });
  }
  if (input.dryRun) return { ...report, outcome: 'validated' };

  const state = await deps.repository.activeState();
  report.previousVersionId = state?.versionId;
  if (state?.versionId === versionId) return { ...report, outcome: 'unchanged' };

  const existing = await deps.repository.versionInfo(versionId);
  const now = (deps.now ?? (() => new Date()))();
  const info: BankVersionInfo & { importedBy?: string } = { id: versionId, bankId: content.bank.id, label: content.bank.version, importedAt: now, challengeCount: content.challenges.length, importedBy: input.importedBy };
  await deps.repository.writeVersion(info, content, validation.assets.map((a) => ({ hash: a.hash, contentType: a.contentType, bytes: Buffer.from(a.bytes) })));
  await deps.repository.activate(versionId, now);
  deps.onActivated?.();
  deps.log.info({ versionId, previous: state?.versionId, challenges: content.challenges.length, warnings: report.warnings.length }, 'item bank version activated');
  return { ...report, outcome: existing?.complete ? 'reactivated' : 'imported' };
}

/**
 * What the new version drops from the active one: tubes and skills that campaigns may
 * target, and challenges that learners may have answered. Warnings, not errors: retiring
 * content is legitimate, but it should be deliberate (prefer archiving a challenge).
 */
function removalWarnings(active: ContentSnapshot, next: BankContent, nextId: string): ImportIssue[] {
  if (!active.version || active.version.id === nextId) return [];
  const tubes = new Set(next.tubes.map((t) => t.name));
  const skills = new Set(next.tubes.flatMap((t) => t.skills.map((s) => skillName(t.name, s.level))));
  const challenges = new Set(next.challenges.map((c) => c.id));
  const removed = (kind: string, ids: string[]): ImportIssue[] =>
    ids.length === 0
      ? []
      : [{ code: 'REMOVED_FROM_ACTIVE_VERSION', file: '*', message: `${ids.length} ${kind} of the active version ${active.version!.id} are not in this bank: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? '…' : ''}.` }];
  return [
    ...removed('tubes', active.tubes.filter((t) => !tubes.has(t.id)).map((t) => t.id)),
    ...removed('skills', active.skills.filter((s) => !skills.has(s.id)).map((s) => s.id)),
    ...removed('challenges', active.challenges.filter((c) => !challenges.has(c.id)).map((c) => c.id)),
  ];
}

/** The version id: the bank's name and a digest of its whole content, assets included (their URLs hold their hashes). */
export function bankVersionId(content: BankContent): string {
  return `${content.bank.id}@${createHash('sha256').update(stableJson(content)).digest('hex').slice(0, 16)}`;
}

/** JSON with object keys sorted, so that equal content always gives the same digest. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
