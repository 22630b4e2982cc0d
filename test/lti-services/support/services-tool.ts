import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  composeToolModules,
  parseConfig,
  silentLogger,
  startTool,
  type AppModule,
  type GradingModule,
  type GradingOptions,
  type LtiModule,
  type RostersModule,
} from '@pix-lti/lti-tool';
import { launchAs, type PlatformSimulator } from '../../lti-platform/index.js';
import { freePort } from '../../support/ports.js';
import type { PixTool } from '../../lti/support/pix-tool.js';
import { browserFor, launchConfigOf } from '../../lti/support/scenario.js';

export interface ServicesTool extends PixTool {
  grading: GradingModule;
  rosters: RostersModule;
  databaseName: string;
}

/** The whole tool (composition root) on a free port, with grading options for tests (short retries). */
export async function startServicesTool(options: { grading?: GradingOptions; databaseName?: string } = {}): Promise<ServicesTool> {
  const port = await freePort();
  const databaseName = options.databaseName ?? `t_svc_${randomBytes(4).toString('hex')}`;
  const parsed = parseConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://localhost:${port}`,
    ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef',
    DATABASE_NAME: databaseName,
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let modules: AppModule[] = [];
  const running = await startTool(
    parsed.config,
    silentLogger(),
    async (ctx) => {
      modules = await composeToolModules(ctx, { grading: options.grading });
      return modules;
    },
    { database: { source: 'MONGODB_URI', uri: inject('mongoUri'), stop: async () => undefined } },
  );
  const find = <T extends AppModule>(name: string) => modules.find((m) => m.name === name) as T;
  return {
    url: parsed.config.publicUrl,
    databaseName,
    lti: find<LtiModule>('lti'),
    grading: find<GradingModule>('grading'),
    rosters: find<RostersModule>('rosters'),
    modules,
    running,
    async stop() {
      await running.ctx.db.connection.dropDatabase().catch(() => undefined);
      await running.close();
    },
  };
}

/** A real launch from the simulated Moodle; returns the bearer token and the verified session. */
export async function launch(sim: PlatformSimulator, tool: ServicesTool, userId: string, activityId: string) {
  const flow = await launchAs(browserFor('allowed').browser, sim, { userId, activityId });
  const token = launchConfigOf(flow.page).token as string;
  const session = await tool.lti.sessions.resolve(token);
  if (!session) throw new Error('the launch left no session');
  return { token, session };
}

/** Waits until the grade leaves the queue (delivered, failed or superseded). */
export async function settled(grading: GradingModule, id: string, timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const status = await grading.status(id);
    if (status && status.status !== 'pending' && status.status !== 'delivering') return status;
    if (Date.now() - started > timeoutMs) throw new Error(`grade ${id} still ${status?.status} after ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
