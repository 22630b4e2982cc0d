import path from 'node:path';
import { parseConfig, type Env } from '../../platform/config.js';
import { connectAppDatabase } from '../../platform/database/connection.js';
import { startDatabaseServer, type DatabaseServer } from '../../platform/database/launcher.js';
import { createLogger } from '../../platform/logger.js';
import type { ImportIssue } from '../application/bank-format/import-issues.js';
import { ContentCatalog } from '../application/content-catalog.js';
import { ContentSnapshot } from '../domain/content-snapshot.js';
import { importItemBank, type ImportReport } from '../application/import-item-bank.js';
import { ItemBankRepository } from '../infrastructure/item-bank.repository.js';
import { readBankFiles } from '../infrastructure/read-bank-folder.js';

export const CONTENT_IMPORT_USAGE = `Usage: npm run content:import -- [--dry-run] [--json] <bank folder or files>…

Validates an item bank (docs/reference/item-bank-format.md) and imports it as the active
version. Every error is listed with its file, line, item and field; with any error nothing
is written. --dry-run validates only (no database). --json prints the report as JSON.

Database: MONGODB_URI, else the local server under DATA_DIR (stop \`npm start\` first, or
point MONGODB_URI at its server).
`;

/**
 * `npm run content:import`: exit code 0 when the bank is imported (or valid, in a dry run),
 * 1 when it has errors, 2 for a usage or environment problem.
 */
export async function runContentImportCli(argv: readonly string[], io: { env: Env; out(text: string): void; err(text: string): void }): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const paths = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--dry-run', '--json', '--help'].includes(f));
  if (flags.has('--help') || paths.length === 0 || unknown.length > 0) {
    if (unknown.length > 0) io.err(`Unknown option ${unknown.join(', ')}\n`);
    (flags.has('--help') ? io.out : io.err)(CONTENT_IMPORT_USAGE);
    return flags.has('--help') ? 0 : 2;
  }
  let files;
  try {
    files = await readBankFiles(paths.map((p) => path.resolve(p)));
  } catch (err) {
    io.err(`Cannot read ${paths.join(', ')}: ${(err as Error).message}\n`);
    return 2;
  }
  // The import never encrypts anything; the key is only required by the shared config parser.
  const parsed = parseConfig({ ENCRYPTION_KEY: 'unused-by-content-import-'.padEnd(32, '-'), ...io.env });
  if (!parsed.ok) {
    io.err(parsed.errors.map((e) => `Configuration error: ${e}\n`).join(''));
    return 2;
  }
  const config = parsed.config;
  const log = createLogger({ level: io.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const dryRun = flags.has('--dry-run');
  let server: DatabaseServer | undefined;
  let report: ImportReport;
  try {
    if (dryRun) {
      report = await importItemBank({ files, dryRun: true }, { repository: offline, activeSnapshot: async () => ContentSnapshot.empty(config.maxReachableLevel), log });
    } else {
      server = await startDatabaseServer({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs, log });
      const db = await connectAppDatabase({ uri: server.uri, dbName: config.databaseName, connectTimeoutMs: config.dbConnectTimeoutMs, log });
      try {
        const repository = new ItemBankRepository(db);
        const catalog = new ContentCatalog(repository, { maxReachableLevel: config.maxReachableLevel, refreshIntervalMs: 0 });
        report = await importItemBank({ files, importedBy: 'cli' }, { repository, activeSnapshot: () => catalog.snapshot(), log });
      } finally {
        await db.close();
      }
    }
  } catch (err) {
    io.err(`Import failed: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await server?.stop();
  }
  io.out(flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

/** For a dry run: nothing is active, nothing was imported before. */
const offline = {
  activeState: async () => undefined,
  versionInfo: async () => undefined,
  listVersions: async () => [],
  writeVersion: async () => {
    throw new Error('a dry run never writes');
  },
  activate: async () => {
    throw new Error('a dry run never writes');
  },
};

export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const c = report.counts;
  lines.push(
    `${c.files} files: ${c.areas} areas, ${c.competences} competences, ${c.tubes} tubes, ${c.skills} skills, ${c.challenges} challenges (${Object.entries(c.byType)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')}), ${c.assets} assets`,
  );
  for (const e of report.errors) lines.push(`error   ${where(e)}  ${e.message} [${e.code}]`);
  for (const w of report.warnings) lines.push(`warning ${where(w)}  ${w.message} [${w.code}]`);
  const outcome: Record<ImportReport['outcome'], string> = {
    imported: `Imported and activated version ${report.versionId}.`,
    reactivated: `Reactivated the stored version ${report.versionId}.`,
    unchanged: `Unchanged: version ${report.versionId} is already active.`,
    validated: `Valid (dry run, nothing written): would be version ${report.versionId}.`,
    invalid: `${report.errors.length} error(s): nothing was imported.`,
  };
  lines.push(outcome[report.outcome]);
  return `${lines.join('\n')}\n`;
}

function where(issue: ImportIssue): string {
  return [`${issue.file}${issue.line ? `:${issue.line}` : ''}`, issue.item, issue.field].filter(Boolean).join(' ');
}
