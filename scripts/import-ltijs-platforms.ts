// `npm run lti:import-ltijs -- --from mongodb://host/ltijs [--keep-active] [--academy CODE]`
// Moves the platforms registered in an existing ltijs 5 deployment into Pix LTI's
// registrations (docs/adr/0004-ltijs.md). LTIJS_ENCRYPTION_KEY: the old deployment's key.
import { parseArgs } from 'node:util';
import { createLogger, parseConfig, runLtijsImport } from '@pix-lti/lti-tool';

const { values } = parseArgs({
  options: { from: { type: 'string' }, 'keep-active': { type: 'boolean', default: false }, academy: { type: 'string' } },
});
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  for (const line of parsed.errors) process.stderr.write(`Configuration error: ${line}\n`);
  process.exit(1);
}
const from = values.from ?? process.env.LTIJS_MONGODB_URI;
const ltijsKey = process.env.LTIJS_ENCRYPTION_KEY;
if (!from || !ltijsKey) {
  process.stderr.write('Usage: LTIJS_ENCRYPTION_KEY=… npm run lti:import-ltijs -- --from mongodb://host/ltijs [--keep-active] [--academy CODE]\n');
  process.exit(1);
}
const log = createLogger({ level: parsed.config.logLevel, pretty: process.stdout.isTTY });
try {
  const report = await runLtijsImport({ config: parsed.config, log, ltijsMongoUri: from, ltijsEncryptionKey: ltijsKey, keepActive: values['keep-active'], academy: values.academy });
  for (const r of report.imported) process.stdout.write(`imported ${r.issuer} (${r.clientId}) as ${r.status}, deployments: ${r.deploymentIds.join(', ') || 'none seen'}\n`);
  for (const s of report.skipped) process.stdout.write(`skipped  ${s.issuer} (${s.clientId}): ${s.reason}\n`);
  process.stdout.write(
    `\nIn each platform, point the tool at Pix LTI: login ${parsed.config.publicUrl}/lti/login, redirect ${parsed.config.publicUrl}/lti/launch, keyset ${parsed.config.publicUrl}/lti/keys; then approve the registration.\n`,
  );
  process.exit(0);
} catch (err) {
  process.stderr.write(`Import failed: ${(err as Error).message}\n`);
  process.exit(1);
}
