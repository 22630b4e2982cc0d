import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { composeToolModules, parseConfig, silentLogger, startTool, type AppModule, type LtiModule, type RunningTool } from '@pix-lti/lti-tool';
import type { PlatformSimulator, ToolType } from '../../lti-platform/index.js';
import { freePort } from '../../support/ports.js';

export interface PixTool {
  /** The public URL (host `localhost`, while the simulator answers on 127.0.0.1: two sites). */
  url: string;
  lti: LtiModule;
  /** Every module of the composition root, by `name` (admin, ent…). */
  modules: AppModule[];
  running: RunningTool;
  stop(): Promise<void>;
}

/** The whole tool (every module of the composition root) on a free port and a fresh database of the run's server. */
export async function startPixTool(env: Record<string, string> = {}): Promise<PixTool> {
  const port = await freePort();
  const parsed = parseConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://localhost:${port}`,
    ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef',
    DATABASE_NAME: `t_lti_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  let modules: AppModule[] = [];
  const running = await startTool(
    parsed.config,
    silentLogger(),
    async (ctx) => {
      modules = await composeToolModules(ctx);
      return modules;
    },
    { database: { source: 'MONGODB_URI', uri: inject('mongoUri'), stop: async () => undefined } },
  );
  const lti = modules.find((m) => m.name === 'lti') as LtiModule;
  return {
    url: parsed.config.publicUrl,
    lti,
    modules,
    running,
    async stop() {
      await running.ctx.db.connection.dropDatabase().catch(() => undefined);
      await running.close();
    },
  };
}

/**
 * Registers the tool in the simulated Moodle by hand ("Configure a tool manually") and the
 * simulated Moodle in the tool (admin API equivalent); returns both sides.
 */
export async function connect(
  sim: PlatformSimulator,
  tool: PixTool,
  options: { sendNames?: boolean; sendEmail?: boolean; status?: 'active' | 'pending'; register?: boolean } = {},
): Promise<{ toolType: ToolType; registrationId: string }> {
  const toolType = sim.registerTool({
    name: 'Pix',
    initiateLoginUri: `${tool.url}/lti/login`,
    toolUrl: `${tool.url}/lti/launch`,
    redirectUris: [`${tool.url}/lti/launch`],
    jwksUri: `${tool.url}/lti/keys`,
    sendName: options.sendNames ?? false,
    sendEmail: options.sendEmail ?? false,
    acceptGrades: 'delegate',
    gradeSync: 2,
    memberships: true,
    contentItem: true,
  });
  const registration = await tool.lti.registrations.register({
    issuer: sim.issuer,
    clientId: toolType.clientId,
    name: 'Éléa de test',
    authLoginUrl: sim.endpoints.authorization,
    tokenUrl: sim.endpoints.token,
    jwksUrl: sim.endpoints.jwks,
    productFamily: 'moodle',
    deploymentIds: [toolType.id],
    privacy: { sendNames: options.sendNames ?? false, sendEmail: options.sendEmail ?? false },
    status: options.status ?? 'active',
    origin: 'manual',
  });
  return { toolType, registrationId: registration.id };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's database server (lti-tool/src/platform/testing/database.global-setup.ts). */
    mongoUri: string;
  }
}
