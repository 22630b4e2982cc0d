import type { Express } from 'express';
import request from 'supertest';
import { createKeysModule, type KeysModule } from '../../keys/keys.module.js';
import { createApp } from '../../platform/app.js';
import { parseConfig, type Env } from '../../platform/config.js';
import { ExpirySweeper } from '../../platform/database/expiry-sweeper.js';
import { silentLogger } from '../../platform/logger.js';
import type { AppContext } from '../../platform/module.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createLtiModule, type LtiModule } from '../lti.module.js';
import type { Registration } from '../registrations/domain/registration.js';
import type { TestPlatform } from './test-platform.js';

export const TOOL_URL = 'http://localhost:3999';

export interface TestTool {
  app: Express;
  db: TestDatabase;
  ctx: AppContext;
  lti: LtiModule;
  keys: KeysModule;
  close(): Promise<void>;
}

/** The real app (keys + lti modules) on a test database, for supertest. */
export async function startTestTool(label: string, env: Env = {}): Promise<TestTool> {
  const db = await openTestDatabase(label);
  const parsed = parseConfig({ ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef', NODE_ENV: 'test', PUBLIC_URL: TOOL_URL, ...env });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const log = silentLogger();
  const ctx: AppContext = { config: parsed.config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const keys = await createKeysModule(ctx);
  const lti = createLtiModule(ctx, { keys: keys.store });
  const app = createApp(ctx, [keys, lti]);
  return {
    app,
    db,
    ctx,
    lti,
    keys,
    async close() {
      await lti.stop?.();
      await db.drop();
    },
  };
}

export async function registerTestPlatform(tool: TestTool, platform: TestPlatform, overrides: Partial<Parameters<LtiModule['registrations']['register']>[0]> = {}): Promise<Registration> {
  return tool.lti.registrations.register({
    issuer: platform.issuer,
    clientId: `client-${Math.random().toString(36).slice(2, 10)}`,
    name: 'Moodle de test',
    ...platform.endpoints,
    deploymentIds: ['1'],
    status: 'active',
    origin: 'manual',
    ...overrides,
  });
}

const hiddenInputs = (html: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[decode(m[1]!)] = decode(m[2]!);
  return out;
};
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export interface LoginResult {
  status: number;
  html: string;
  state: string;
  nonce: string;
  /** `name=value` of the binding cookie. */
  cookie: string;
  /** What the page stored in sessionStorage. */
  storedSecret: string;
  body: { code?: string };
}

/** The OIDC login as a platform's iframe does it; returns what the page would keep. */
export async function loginAt(app: Express, registration: Registration, options: { deploymentId?: string } = {}): Promise<LoginResult> {
  const res = await request(app)
    .post('/lti/login')
    .type('form')
    .send({
      iss: registration.issuer,
      login_hint: '42',
      target_link_uri: `${TOOL_URL}/lti/launch`,
      client_id: registration.clientId,
      lti_deployment_id: options.deploymentId ?? registration.deploymentIds[0] ?? '1',
      lti_message_hint: '{"cmid":3,"launchid":"ltilaunch1_123"}',
    });
  const inputs = hiddenInputs(res.text);
  const cookie = (([] as string[]).concat(res.headers['set-cookie'] ?? []))[0]?.split(';')[0] ?? '';
  return {
    status: res.status,
    html: res.text,
    state: inputs.state ?? '',
    nonce: inputs.nonce ?? '',
    cookie,
    storedSecret: decode(/data-storage-value="([^"]*)"/.exec(res.text)?.[1] ?? ''),
    body: res.body as { code?: string },
  };
}

/** The launch page's JSON config. */
export function launchConfigOf(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="pix-launch-config">([^<]*)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`no launch config in:\n${html.slice(0, 2000)}`);
  return JSON.parse(json) as Record<string, unknown>;
}

export function errorCodeOf(html: string): string | undefined {
  return /Code : <code>([A-Z_]+)<\/code>/.exec(html)?.[1];
}

export { hiddenInputs };
