import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AdminModule } from '../admin.module.js';
import type { AuditModule } from '../../audit/audit.module.js';
import { formatReport } from '../../content/cli/content-import-cli.js';
import type { ContentModule } from '../../content/content.module.js';
import type { EntConnector, EntModule } from '../../ent/ent.module.js';
import { readBankFiles } from '../../content/infrastructure/read-bank-folder.js';
import type { KeysModule } from '../../keys/keys.module.js';
import { DEFAULT_OVERLAP_SECONDS } from '../../keys/domain/keyring.js';
import { learnerIdOf, tenantIdOf } from '../../lti/session/identifiers.js';
import { AppError } from '../../platform/errors.js';
import type { Env } from '../../platform/config.js';
import type { AppModule } from '../../platform/module.js';
import { PersonalDataRegistry, type DataSubject } from '../../platform/privacy/personal-data.js';
import { retentionCutoff } from '../../platform/privacy/retention.js';
import { OPERATOR } from '../application/acting.js';
import { normaliseEmail } from '../application/admin-accounts.js';
import { ADMIN_ROLES, type AdminRole } from '../domain/admin-principal.js';
import { CliError, openCliContext, type CliContext } from './cli-context.js';

export interface CliIo {
  env: Env;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The whole of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
}

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-academy --code <code> --name <name>
  create-admin   --email <e-mail> --name <display name> --role academy-admin|school-admin|auditor
                 --academy <code> [--uai <UAI>] [--password-stdin]
                 (without --password-stdin, a strong password is generated and printed once)
  setup-link     print a one-time first-admin setup link (only while no admin exists)
  rotate-keys    [--overlap-days <days>]   (default 7; the old key stays published that long)
  export-personal-data  --learner <learner id>
                 | --issuer <iss> --client-id <id> --deployment-id <id> --sub <sub>
                 | --admin-email <e-mail>
                 [--output <file>]          (JSON; default: standard output)
  import-item-bank [--dry-run] [--json] <bank folder or files>…
                 validate and import an item bank (docs/reference/item-bank-format.md);
                 every error is reported with its file, line and field, and a bad bank changes nothing
  purge          [--dry-run] [--now <ISO date>]   delete data past the retention period
  ent-connector-create --academy <code> --issuer <url> --name <name> --uais <UAI,UAI…>
                 (--jwks-url <url> | --jwks-file <public JWKS file>) [--origins <origin,origin…>]
                 register an ENT whose server exchanges signed assertions for sessions (docs/guides/ent-integration.md)
  ent-connector-list   [--academy <code>]
  ent-connector-disable --id <connector id>  |  ent-connector-enable --id <connector id>
`;

type Command = (cli: CliContext, values: Record<string, string | boolean | undefined>, io: CliIo, positionals: string[]) => Promise<void | number>;

const str = (values: Record<string, string | boolean | undefined>, name: string): string => {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new CliError(`--${name} is required.\n\n${USAGE}`);
  return v.trim();
};

const moduleOf = <T extends AppModule>(cli: CliContext, name: string) => cli.modules.find((m) => m.name === name) as T;

const COMMANDS: Record<string, { options: Record<string, { type: 'string' | 'boolean' }>; positionals?: boolean; run: Command }> = {
  'create-academy': {
    options: { code: { type: 'string' }, name: { type: 'string' } },
    async run(cli, values, io) {
      const academy = await moduleOf<AdminModule>(cli, 'admin').academies.create({ code: str(values, 'code'), name: str(values, 'name') });
      io.out(`Created academy ${academy.code} (${academy.name}).\n`);
    },
  },
  'create-admin': {
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, academy: { type: 'string' }, uai: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    async run(cli, values, io) {
      const role = str(values, 'role');
      if (!ADMIN_ROLES.includes(role as AdminRole)) throw new CliError(`--role must be one of ${ADMIN_ROLES.join(', ')}.`);
      const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
      const { account, generatedPassword } = await moduleOf<AdminModule>(cli, 'admin').accounts.create({
        email: str(values, 'email'),
        displayName: str(values, 'name'),
        role: role as AdminRole,
        academy: str(values, 'academy'),
        ...(typeof values.uai === 'string' ? { uai: values.uai.trim().toUpperCase() } : {}),
        ...(password !== undefined ? { password } : {}),
      });
      io.out(`Created ${account.role} ${account.email} (academy ${account.academy}${account.uai ? `, school ${account.uai}` : ''}).\n`);
      if (generatedPassword) io.out(`Password (shown once, give it to the person securely): ${generatedPassword}\n`);
    },
  },
  'setup-link': {
    options: {},
    async run(cli, _values, io) {
      const link = await moduleOf<AdminModule>(cli, 'admin').setup.issueLink(cli.ctx.config.publicUrl);
      if (!link) throw new CliError('An admin already exists: no setup link. Use create-admin instead.');
      io.out(`First-admin setup link (single use, until ${link.expiresAt.toISOString()}):\n${link.url}\n`);
    },
  },
  'rotate-keys': {
    options: { 'overlap-days': { type: 'string' } },
    async run(cli, values, io) {
      const days = values['overlap-days'];
      const overlapSeconds = typeof days === 'string' ? Number(days) * 86_400 : DEFAULT_OVERLAP_SECONDS;
      if (!Number.isFinite(overlapSeconds) || overlapSeconds <= 0) throw new CliError('--overlap-days must be a positive number of days.');
      const rotation = await moduleOf<KeysModule>(cli, 'keys').store.rotate(overlapSeconds);
      // The keyring serves every academy: each academy's audit log shows the rotation.
      const audit = moduleOf<AuditModule>(cli, 'audit').log;
      for (const academy of await moduleOf<AdminModule>(cli, 'admin').academies.all()) {
        await audit.record({
          actor: OPERATOR,
          action: 'keys.rotate',
          target: { type: 'signing-key', id: rotation.activeKid },
          scope: { academy: academy.code },
          before: { activeKid: rotation.previousKid },
          after: { activeKid: rotation.activeKid, previousRetireAt: rotation.previousRetireAt, overlapSeconds },
        });
      }
      io.out(`New signing key ${rotation.activeKid}; ${rotation.previousKid} stays published until ${rotation.previousRetireAt.toISOString()}.\n`);
    },
  },
  'export-personal-data': {
    options: {
      learner: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'deployment-id': { type: 'string' },
      sub: { type: 'string' },
      'admin-email': { type: 'string' },
      output: { type: 'string' },
    },
    async run(cli, values, io) {
      const subject = await subjectOf(cli, values);
      const sections = await PersonalDataRegistry.fromModules(cli.modules).exportFor(subject);
      const document = JSON.stringify({ subject, generatedAt: new Date().toISOString(), sections }, null, 2);
      if (typeof values.output === 'string') {
        // Personal data: readable by the operator only.
        await fs.writeFile(values.output, `${document}\n`, { mode: 0o600 });
        const count = sections.reduce((n, s) => n + s.records.length, 0);
        io.out(`Wrote ${count} records from ${sections.length} sources to ${values.output}.\n`);
      } else {
        io.out(`${document}\n`);
      }
    },
  },
  'import-item-bank': {
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: true,
    async run(cli, values, io, paths) {
      if (paths.length === 0) throw new CliError(`Give the bank's folder or files.\n\n${USAGE}`);
      let files;
      try {
        files = await readBankFiles(paths.map((p) => path.resolve(p)));
      } catch (err) {
        throw new CliError(`Cannot read ${paths.join(', ')}: ${(err as Error).message}`);
      }
      const dryRun = values['dry-run'] === true;
      const report = await moduleOf<ContentModule>(cli, 'content').importItemBank({ files, dryRun, importedBy: 'operator (admin CLI)' });
      io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      if (report.ok && !dryRun && report.outcome !== 'unchanged') {
        // The bank serves every academy: each academy's audit log shows the import.
        const audit = moduleOf<AuditModule>(cli, 'audit').log;
        for (const academy of await moduleOf<AdminModule>(cli, 'admin').academies.all()) {
          await audit.record({
            actor: OPERATOR,
            action: 'content.import',
            target: { type: 'item-bank-version', id: report.versionId ?? 'unknown', label: report.bank ? `${report.bank.id} ${report.bank.version}` : undefined },
            scope: { academy: academy.code },
            before: { versionId: report.previousVersionId },
            after: { versionId: report.versionId, outcome: report.outcome, counts: report.counts, warnings: report.warnings.length },
          });
        }
      }
      return report.ok ? 0 : 1;
    },
  },
  ...entConnectorCommands(),
  purge: {
    options: { 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
    async run(cli, values, io) {
      const now = typeof values.now === 'string' ? new Date(values.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new CliError('--now must be an ISO date, e.g. 2026-12-01.');
      const before = retentionCutoff(now, cli.ctx.config.retention);
      const dryRun = values['dry-run'] === true;
      const reports = await PersonalDataRegistry.fromModules(cli.modules).purge({ before, now, dryRun });
      io.out(`${dryRun ? 'Would delete' : 'Deleted'} data last touched before ${before.toISOString()} (retention: ${cli.ctx.config.retention.schoolYears} school year(s) + ${cli.ctx.config.retention.graceMonths} months):\n`);
      for (const r of reports) io.out(`  ${r.source}: ${r.error ? `FAILED (${r.error})` : r.count}\n`);
      cli.ctx.log.info({ event: 'privacy.purge', before, dryRun, reports }, 'retention purge');
      if (reports.some((r) => r.error)) throw new CliError('Some purges failed: see above.');
    },
  },
};

const list = (value: string | boolean | undefined) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

function entConnectorCommands(): typeof COMMANDS {
  const connectors = (cli: CliContext) => moduleOf<EntModule>(cli, 'ent').connectors;
  const line = (c: EntConnector) => `${c.id}  ${c.status.padEnd(8)}  ${c.academy}  ${c.issuer}  "${c.name}"  schools ${c.uais.join(',')}  origins ${c.origins.join(',') || '-'}\n`;
  const setStatus = (status: 'active' | 'disabled') => ({
    options: { id: { type: 'string' as const } },
    async run(cli: CliContext, values: Record<string, string | boolean | undefined>, io: CliIo) {
      io.out(line(await connectors(cli).setStatus('operator', str(values, 'id'), status)));
    },
  });
  return {
    'ent-connector-create': {
      options: { academy: { type: 'string' }, issuer: { type: 'string' }, name: { type: 'string' }, 'jwks-url': { type: 'string' }, 'jwks-file': { type: 'string' }, uais: { type: 'string' }, origins: { type: 'string' } },
      async run(cli, values, io) {
        let jwks: Record<string, unknown>[] | undefined;
        if (typeof values['jwks-file'] === 'string') {
          try {
            jwks = (JSON.parse(await fs.readFile(values['jwks-file'], 'utf8')) as { keys: Record<string, unknown>[] }).keys;
          } catch (err) {
            throw new CliError(`Cannot read the JWKS in ${values['jwks-file']}: ${(err as Error).message}`);
          }
          if (!Array.isArray(jwks)) throw new CliError(`${values['jwks-file']} is not a JWKS ({ "keys": [...] }).`);
        }
        const connector = await connectors(cli).create('operator', {
          academy: str(values, 'academy'),
          issuer: str(values, 'issuer'),
          name: str(values, 'name'),
          ...(typeof values['jwks-url'] === 'string' ? { jwksUrl: values['jwks-url'] } : {}),
          ...(jwks ? { jwks } : {}),
          uais: list(str(values, 'uais')),
          origins: list(values.origins),
        });
        io.out(`Created ENT connector ${connector.id}: its server posts assertions with iss=${connector.issuer} and aud=${cli.ctx.config.publicUrl} to ${cli.ctx.config.publicUrl}/api/ent/sessions.\n`);
      },
    },
    'ent-connector-list': {
      options: { academy: { type: 'string' } },
      async run(cli, values, io) {
        const all = await connectors(cli).list('operator', typeof values.academy === 'string' ? { academy: values.academy } : {});
        io.out(all.length ? all.map(line).join('') : 'No ENT connector.\n');
      },
    },
    'ent-connector-disable': setStatus('disabled'),
    'ent-connector-enable': setStatus('active'),
  };
}

async function subjectOf(cli: CliContext, values: Record<string, string | boolean | undefined>): Promise<DataSubject> {
  if (typeof values['admin-email'] === 'string') {
    const email = normaliseEmail(values['admin-email']);
    const account = await moduleOf<AdminModule>(cli, 'admin').accounts.findByEmail(email);
    if (!account) throw new CliError(`No admin account ${email}.`);
    return { kind: 'admin', adminId: account.id, email };
  }
  if (typeof values.learner === 'string') return { kind: 'learner', learnerId: values.learner.trim() };
  if (typeof values.sub === 'string') {
    const tenantId = tenantIdOf({ issuer: str(values, 'issuer'), clientId: str(values, 'client-id'), deploymentId: str(values, 'deployment-id') });
    return { kind: 'learner', learnerId: learnerIdOf(tenantId, values.sub), tenantId, sub: values.sub };
  }
  throw new CliError(`Say whose data: --learner, --issuer/--client-id/--deployment-id/--sub, or --admin-email.\n\n${USAGE}`);
}

/** Runs one command; resolves with the process exit code. */
export async function runAdminCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    (name && name !== 'help' && name !== '--help' ? io.err : io.out)(`${name && name !== 'help' && name !== '--help' ? `Unknown command ${name}.\n\n` : ''}${USAGE}`);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let values;
  let positionals: string[] = [];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals ?? false }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let cli: CliContext | undefined;
  try {
    cli = await openCliContext(io.env);
    return (await command.run(cli, values, io, positionals)) ?? 0;
  } catch (err) {
    if (err instanceof CliError) io.err(`${err.message}\n`);
    else if (err instanceof AppError) io.err(`${err.code}: ${err.message}\n`);
    else io.err(`Failed: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  } finally {
    await cli?.close();
  }
}
