/**
 * A second instance of the tool in its own process, for the crash test: the whole
 * composition root on the database and port the environment names, with a short grade
 * lease. Prints `ready <url>` once listening; the test kills it with SIGKILL.
 */
import { composeToolModules, createLogger, parseConfig, startTool } from '@pix-lti/lti-tool';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.errors.join('\n')}\n`);
  process.exit(1);
}
const leaseMs = Number(process.env.GRADE_LEASE_MS ?? 60_000);
const tool = await startTool(parsed.config, createLogger({ level: parsed.config.logLevel }), (ctx) =>
  composeToolModules(ctx, { grading: { leaseMs, pollMs: 100, scanIntervalMs: 100 } }),
);
process.stdout.write(`ready ${tool.url}\n`);
