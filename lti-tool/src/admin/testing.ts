import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../platform/app.js';
import { parseConfig, type Config } from '../platform/config.js';
import { ExpirySweeper } from '../platform/database/expiry-sweeper.js';
import { silentLogger, type Logger } from '../platform/logger.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { TestDatabase } from '../platform/testing/test-database.js';
import type { AdminModule } from './admin.module.js';
import type { AdminRole } from './domain/admin-principal.js';
import { ADMIN_COOKIE } from './http/admin-cookie.js';

export const TEST_PUBLIC_URL = 'http://localhost:3999';

/** The whole tool's app (every module, as `npm start` composes them) on a test database. */
export async function createAdminTestApp(
  db: TestDatabase,
  options: { log?: Logger; env?: Record<string, string>; compose?: (ctx: AppContext) => Promise<AppModule[]> } = {},
): Promise<{ app: Express; ctx: AppContext; modules: AppModule[]; admin: AdminModule }> {
  const parsed = parseConfig({ ENCRYPTION_KEY: 'test-only-encryption-key-0123456789abcdef', NODE_ENV: 'test', PUBLIC_URL: TEST_PUBLIC_URL, ...options.env });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const config: Config = parsed.config;
  const log = options.log ?? silentLogger();
  const ctx: AppContext = { config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const compose = options.compose ?? (await import('../modules.js')).composeToolModules;
  const modules = await compose(ctx);
  for (const module of modules) await module.start?.();
  const admin = modules.find((m) => m.name === 'admin') as AdminModule;
  return { app: createApp(ctx, modules), ctx, modules, admin };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  id: string;
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** Creates an admin (academy and school must exist) and signs it in over HTTP. */
export async function createSignedInAdmin(
  app: Express,
  admin: AdminModule,
  account: { email: string; role: AdminRole; academy: string; uai?: string; displayName?: string },
): Promise<SignedIn> {
  await admin.accounts.create({ displayName: account.displayName ?? account.email.split('@')[0]!, password: TEST_PASSWORD, ...account });
  return signInOver(app, account.email, TEST_PASSWORD);
}

export async function signInOver(app: Express, email: string, password: string): Promise<SignedIn> {
  const res = await request(app).post('/api/admin/session').send({ email, password });
  if (res.status !== 201) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: cookieOf(res.headers['set-cookie']), csrf: res.body.csrfToken as string, id: res.body.admin.id as string };
}

/** The `name=value` of the admin cookie from Set-Cookie headers. */
export function cookieOf(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = all.find((c) => c.startsWith(`${ADMIN_COOKIE}=`));
  if (!line) throw new Error(`no ${ADMIN_COOKIE} cookie in ${JSON.stringify(all)}`);
  return line.split(';')[0]!;
}
