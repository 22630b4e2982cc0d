import { parseConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { startTool } from './platform/server.js';
import { composeToolModules } from './modules.js';

/**
 * Entry point of the tool process: configuration, start, and signals.
 * Exit code 1 with one line per problem when the configuration or the database is unusable.
 */
async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) process.stderr.write(`Configuration error: ${line}\n`);
    process.exit(1);
  }
  const { config } = parsed;
  const log = createLogger({ level: config.logLevel });
  let tool;
  try {
    tool = await startTool(config, log, composeToolModules);
  } catch (err) {
    process.stderr.write(`Cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  log.info({ url: config.publicUrl, listening: tool.url }, `Pix LTI tool ready at ${config.publicUrl}`);

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log.warn('second signal: exiting without waiting');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    tool.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
