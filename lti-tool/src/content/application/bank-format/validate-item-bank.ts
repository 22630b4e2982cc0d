import type { BankContent } from '../../domain/bank.js';
import { CHALLENGE_TYPES, type ChallengeStatus, type ChallengeType } from '../../domain/challenge.js';
import { checkBankRules } from './bank-rules.js';
import type { ImportIssue } from './import-issues.js';
import { parseBankFiles, type Asset, type BankFile } from './parse-bank-files.js';
import { assetPath, toBankContent } from './to-bank-content.js';

export interface BankCounts {
  files: number;
  areas: number;
  competences: number;
  tubes: number;
  skills: number;
  challenges: number;
  assets: number;
  byType: Record<ChallengeType, number>;
  byStatus: Partial<Record<ChallengeStatus, number>>;
}

export interface BankValidation {
  ok: boolean;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Present when `ok`: the bank ready to store. */
  content?: BankContent;
  /** Assets the bank uses (unused ones are only warned about, and not stored). */
  assets: Asset[];
  counts: BankCounts;
}

/** Reads and checks a whole bank without touching the database: every error at once. */
export function validateItemBank(files: readonly BankFile[]): BankValidation {
  const parsed = parseBankFiles(files);
  const rules = checkBankRules(parsed);
  const errors = [...parsed.errors, ...rules.errors];
  const counts: BankCounts = {
    files: files.length,
    areas: parsed.areas.length,
    competences: parsed.competences.length,
    tubes: parsed.tubes.length,
    skills: parsed.tubes.reduce((n, t) => n + t.value.skills.length, 0),
    challenges: parsed.challenges.length,
    assets: parsed.assets.size,
    byType: Object.fromEntries(CHALLENGE_TYPES.map((t) => [t, parsed.challenges.filter((c) => c.value.type === t).length])) as Record<ChallengeType, number>,
    byStatus: {},
  };
  for (const c of parsed.challenges) counts.byStatus[c.value.status] = (counts.byStatus[c.value.status] ?? 0) + 1;
  if (errors.length > 0) return { ok: false, errors, warnings: rules.warnings, assets: [], counts };
  const content = toBankContent(parsed);
  const usedUrls = new Set(content.challenges.flatMap((c) => [c.illustration?.url, ...c.attachments.map((a) => a.url)]));
  const assets = [...parsed.assets.values()].filter((a) => usedUrls.has(assetPath(a)));
  counts.assets = assets.length;
  return { ok: true, errors, warnings: rules.warnings, content, assets, counts };
}
