// `npm start`: the whole product on one machine, with a persistent local database.
// One process hosts the tool (and, as they arrive, the demo LMS and the registry
// receiver); the database server is its guarded child. Ctrl-C stops everything.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createLogger, parseConfig, startDatabaseServer, startTool, composeToolModules, LOCAL_DATABASE_FILE, type AdminModule, type AppModule } from '@pix-lti/lti-tool';
import { startDemoLms } from '../test/lti-platform/index.js';
import { localEnv } from './local-env.js';

const { env } = await localEnv(process.env);
const demoLmsPort = Number(env.DEMO_LMS_PORT || 3100);
const demoLmsUrl = `http://localhost:${demoLmsPort}`;
// The demo LMS registers itself with the tool: let the tool approve it without an admin.
env.LTI_AUTO_APPROVE_ISSUERS ||= demoLmsUrl;

const parsed = parseConfig(env);
if (!parsed.ok) {
  for (const line of parsed.errors) process.stderr.write(`Configuration error: ${line}\n`);
  process.exit(1);
}
const config = parsed.config;
const log = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
const started = Date.now();

let database;
try {
  database = await startDatabaseServer({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    log,
  });
} catch (err) {
  process.stderr.write(`Cannot start the database: ${(err as Error).message}\n`);
  process.exit(1);
}

const stoppers: Array<() => Promise<void>> = [database.stop];
// `npm run admin` uses this database while we run instead of starting another on the same files.
const databaseFile = path.join(config.dataDir, LOCAL_DATABASE_FILE);
if (database.source !== 'MONGODB_URI') {
  await fs.writeFile(databaseFile, JSON.stringify({ uri: database.uri, pid: process.pid }), { mode: 0o600 });
  stoppers.push(() => fs.rm(databaseFile, { force: true }));
}
let modules: AppModule[] = [];
let setupLine: string | undefined;
try {
  const tool = await startTool(config, log, async (ctx) => (modules = await composeToolModules(ctx)), { database });
  stoppers.unshift(tool.close);
  const link = await (modules.find((m) => m.name === 'admin') as AdminModule | undefined)?.setup.issueLink(config.publicUrl);
  if (link) setupLine = `  First admin: ${link.url}  (single use, valid until ${link.expiresAt.toLocaleTimeString()}; or: npm run admin -- create-admin …)`;
} catch (err) {
  process.stderr.write(`Cannot start the tool: ${(err as Error).message}\n`);
  await database.stop();
  process.exit(1);
}

let demoLms;
try {
  demoLms = await startDemoLms({
    port: demoLmsPort,
    publicUrl: demoLmsUrl,
    tool: { baseUrl: config.publicUrl, registrationUrl: `${config.publicUrl}/lti/register` },
    log: (line) => log.warn(line),
  });
  stoppers.unshift(demoLms.stop);
} catch (err) {
  process.stderr.write(`Cannot start the demo LMS on port ${demoLmsPort} (set DEMO_LMS_PORT): ${(err as Error).message}\n`);
  for (const stop of stoppers) await stop().catch(() => undefined);
  process.exit(1);
}

const dataNote = database.source === 'MONGODB_URI' ? 'MONGODB_URI' : `${database.source}, data in ${path.relative(process.cwd(), config.dataDir) || '.'}`;
process.stdout.write(
  [
    '',
    `Pix LTI is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Tool:      ${config.publicUrl}`,
    `  Admin:     ${config.publicUrl}/admin/`,
    ...(setupLine ? [setupLine] : []),
    `  Readiness: ${config.publicUrl}/readyz`,
    `  Demo LMS:  ${demoLms.url.replace('127.0.0.1', 'localhost')} (tool registered ${demoLms.tool?.via === 'dynamic-registration' ? 'by dynamic registration' : 'by hand'})`,
    `  Database:  ${dataNote}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n') + '\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('Stopping…');
    void (async () => {
      for (const stop of stoppers) await stop().catch((err: unknown) => log.error({ err }, 'stop failed'));
      process.exit(0);
    })();
  });
}
