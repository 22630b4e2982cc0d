import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The tool's configuration, read once from the environment at start-up.
 * Nothing else in the code base reads `process.env`: it receives the parts of
 * `Config` it needs, which keeps modules testable and the variables documented
 * in one place (docs/reference/configuration.md).
 */

/** admin-panel/dist of this repository, wherever the process was started from. */
const DEFAULT_ADMIN_PANEL_DIR = fileURLToPath(new URL('../../../admin-panel/dist', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (name: string, fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
      message: `must be a whole number between 1 and 65535 (e.g. ${name}=${fallback})`,
    })
    .transform(Number);

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .refine((v) => /^\d+$/.test(v) && Number(v) > 0, {
      message: `must be a positive whole number (e.g. ${name}=${fallback})`,
    })
    .transform(Number);

/** Pix's improvement and retry delays: whole days from 0 to 365, 4 by default. */
const days = (name: string) =>
  z
    .string()
    .default('4')
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 365, { message: `must be a whole number of days from 0 to 365 (e.g. ${name}=4)` })
    .transform(Number);

const httpUrl = (example: string) =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: `must be an absolute http(s) URL (e.g. ${example})` },
  );

const csv = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      message: 'must be one of development, test, production',
    })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port('PORT', 3000),
  PUBLIC_URL: httpUrl('https://pix-lti.example.org').optional(),
  MONGODB_URI: z
    .string()
    .refine(isMongoUri, {
      message:
        'must be a MongoDB connection string such as mongodb://host:27017/pix_lti or mongodb+srv://cluster.example.net/pix_lti',
    })
    .optional(),
  DATABASE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, { message: 'must be 1–60 letters, digits, "_" or "-" (e.g. DATABASE_NAME=pix_lti)' })
    .default('pix_lti'),
  DATA_DIR: z.string().min(1).default('data'),
  ENCRYPTION_KEY: z
    .string({ message: 'is required: set it to a random secret of at least 32 characters (e.g. `openssl rand -base64 32`)' })
    .min(32, { message: 'must be at least 32 characters long (e.g. `openssl rand -base64 32`)' }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  DB_CONNECT_TIMEOUT_MS: positiveInt('DB_CONNECT_TIMEOUT_MS', 5000),
  SHUTDOWN_TIMEOUT_MS: positiveInt('SHUTDOWN_TIMEOUT_MS', 10000),
  EXPIRY_SWEEP_INTERVAL_MS: positiveInt('EXPIRY_SWEEP_INTERVAL_MS', 60000),
  TRUST_PROXY: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  CORS_ORIGINS: csv.refine((list) => list.every(isOrigin), {
    message: 'must be a comma-separated list of exact origins, scheme and host (and port) only (e.g. CORS_ORIGINS=https://ent.example.org)',
  }),
  REGISTRY_ISSUER_NAME: z.string().trim().min(1).max(200).default('Pix LTI'),
  REGISTRY_CONCURRENCY: positiveInt('REGISTRY_CONCURRENCY', 8),
  REGISTRY_POLL_INTERVAL_MS: positiveInt('REGISTRY_POLL_INTERVAL_MS', 1000),
  REGISTRY_MAX_ATTEMPTS: positiveInt('REGISTRY_MAX_ATTEMPTS', 24),
  REGISTRY_BACKOFF_BASE_MS: positiveInt('REGISTRY_BACKOFF_BASE_MS', 2000),
  REGISTRY_BACKOFF_MAX_MS: positiveInt('REGISTRY_BACKOFF_MAX_MS', 3600000),
  REGISTRY_LEASE_MS: positiveInt('REGISTRY_LEASE_MS', 60000),
  REGISTRY_REQUEST_TIMEOUT_MS: positiveInt('REGISTRY_REQUEST_TIMEOUT_MS', 15000),
  REGISTRY_ALLOW_INSECURE_HTTP: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  VERIFICATION_REQUESTS_PER_MINUTE: positiveInt('VERIFICATION_REQUESTS_PER_MINUTE', 30),
  ADMIN_SESSION_IDLE_MINUTES: positiveInt('ADMIN_SESSION_IDLE_MINUTES', 30),
  ADMIN_SESSION_MAX_HOURS: positiveInt('ADMIN_SESSION_MAX_HOURS', 12),
  ADMIN_PANEL_DIR: z.string().min(1).optional(),
  RETENTION_SCHOOL_YEARS: positiveInt('RETENTION_SCHOOL_YEARS', 1),
  RETENTION_GRACE_MONTHS: z
    .string()
    .default('3')
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 24, { message: 'must be a whole number of months from 0 to 24 (e.g. RETENTION_GRACE_MONTHS=3)' })
    .transform(Number),
  LTI_AUTO_APPROVE_ISSUERS: csv.refine((list) => list.every(isHttpUrl), {
    message: 'must be a comma-separated list of platform issuers, absolute URLs (e.g. LTI_AUTO_APPROVE_ISSUERS=https://elea.ac-versailles.fr)',
  }),
  LTI_ALLOW_PRIVATE_PLATFORMS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  MAX_REACHABLE_LEVEL: z
    .string()
    .default('5')
    .refine((v) => /^[1-8]$/.test(v), { message: 'must be a whole number from 1 to 8 (Pix runs 7 in production; e.g. MAX_REACHABLE_LEVEL=7)' })
    .transform(Number),
  DAYS_BEFORE_IMPROVING: days('DAYS_BEFORE_IMPROVING'),
  DAYS_BEFORE_RETRYING: days('DAYS_BEFORE_RETRYING'),
});

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** Where browsers and LMSs reach the tool; every absolute URL we emit starts with it. */
  publicUrl: string;
  /** Unset: the launcher starts a local server (mongod or FerretDB) under `dataDir`. */
  mongodbUri?: string;
  databaseName: string;
  dataDir: string;
  encryptionKey: string;
  logLevel: (typeof LOG_LEVELS)[number];
  dbConnectTimeoutMs: number;
  shutdownTimeoutMs: number;
  expirySweepIntervalMs: number;
  trustProxy: boolean;
  corsOrigins: string[];
  /** Delivery of certification results to the academies' registries (registry module). */
  registry: {
    issuerName: string;
    concurrency: number;
    pollIntervalMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    leaseMs: number;
    requestTimeoutMs: number;
    allowInsecureHttp: boolean;
  };
  /** Per address, on the public certificate verification and the OAuth token endpoint. */
  verificationRequestsPerMinute: number;
  /** Admin panel sessions: idle and absolute timeouts (docs/adr/0050-admin-authentication.md). */
  adminSession: { idleSeconds: number; maxSeconds: number };
  /** The built admin panel (admin-panel/dist), served under /admin. */
  adminPanelDir: string;
  /** Learner data is kept for `schoolYears` school years (1 Sept–31 Aug) plus `graceMonths` (docs/guides/operations.md). */
  retention: { schoolYears: number; graceMonths: number };
  /** Issuers whose dynamic registrations are active at once; every other one waits for an admin. */
  ltiAutoApproveIssuers: string[];
  /**
   * Whether the tool may call platforms over plain http or on private/loopback addresses
   * (dynamic registration, JWKS). Default: only outside production (SSRF guard).
   */
  ltiAllowPrivatePlatforms: boolean;
  /** Highest competence level a learner can reach (Pix: 5 by default, 7 in production); caps pix and levels. */
  maxReachableLevel: number;
  /** Days before a learner may improve a finished test, and retry a shared one (Pix: 4 and 4). */
  attemptDelays: { daysBeforeImproving: number; daysBeforeRetrying: number };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parses the environment; every bad variable gives one line naming it and the fix. */
export function parseConfig(env: Env, cwd = process.cwd()): ConfigResult {
  // Empty strings count as unset, as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (lines.has(name)) continue;
      const given = cleaned[name];
      const shown = `=${JSON.stringify(redact(name, given ?? ''))}`;
      lines.set(name, given === undefined ? `${name} ${issue.message}` : `${name}${shown}: ${issue.message}`);
    }
    return { ok: false, errors: [...lines.values()] };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      env: e.NODE_ENV,
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      mongodbUri: e.MONGODB_URI,
      databaseName: e.DATABASE_NAME,
      dataDir: path.resolve(cwd, e.DATA_DIR),
      encryptionKey: e.ENCRYPTION_KEY,
      logLevel: e.LOG_LEVEL,
      dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      expirySweepIntervalMs: e.EXPIRY_SWEEP_INTERVAL_MS,
      trustProxy: e.TRUST_PROXY,
      corsOrigins: e.CORS_ORIGINS,
      registry: {
        issuerName: e.REGISTRY_ISSUER_NAME,
        concurrency: e.REGISTRY_CONCURRENCY,
        pollIntervalMs: e.REGISTRY_POLL_INTERVAL_MS,
        maxAttempts: e.REGISTRY_MAX_ATTEMPTS,
        backoffBaseMs: e.REGISTRY_BACKOFF_BASE_MS,
        backoffMaxMs: e.REGISTRY_BACKOFF_MAX_MS,
        leaseMs: e.REGISTRY_LEASE_MS,
        requestTimeoutMs: e.REGISTRY_REQUEST_TIMEOUT_MS,
        allowInsecureHttp: e.REGISTRY_ALLOW_INSECURE_HTTP,
      },
      verificationRequestsPerMinute: e.VERIFICATION_REQUESTS_PER_MINUTE,
      adminSession: { idleSeconds: e.ADMIN_SESSION_IDLE_MINUTES * 60, maxSeconds: e.ADMIN_SESSION_MAX_HOURS * 3600 },
      adminPanelDir: e.ADMIN_PANEL_DIR ? path.resolve(cwd, e.ADMIN_PANEL_DIR) : DEFAULT_ADMIN_PANEL_DIR,
      retention: { schoolYears: e.RETENTION_SCHOOL_YEARS, graceMonths: e.RETENTION_GRACE_MONTHS },
      ltiAutoApproveIssuers: e.LTI_AUTO_APPROVE_ISSUERS.map((i) => i.replace(/\/+$/, '')),
      ltiAllowPrivatePlatforms: e.LTI_ALLOW_PRIVATE_PLATFORMS ?? e.NODE_ENV !== 'production',
      maxReachableLevel: e.MAX_REACHABLE_LEVEL,
      attemptDelays: { daysBeforeImproving: e.DAYS_BEFORE_IMPROVING, daysBeforeRetrying: e.DAYS_BEFORE_RETRYING },
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An exact origin as browsers send it in `Origin`: no path, query, fragment or wildcard. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

function isMongoUri(value: string): boolean {
  const match = /^mongodb(\+srv)?:\/\/([^/?#]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(value);
  if (!match) return false;
  const hosts = match[2]!.split('@').pop()!;
  return hosts.split(',').every((h) => /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(h));
}

function redact(name: string, value: string): string {
  if (/KEY|SECRET|PASSWORD/.test(name)) return '***';
  if (name === 'MONGODB_URI') return redactUri(value);
  return value;
}

/** Hides the password of a connection string before it reaches a log line. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
