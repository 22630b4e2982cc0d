import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { credentialProblems } from './credential-checks.js';

/** What the receiver recorded for one idempotency key. */
export interface Receipt {
  idempotencyKey: string;
  credentialId: string;
  kid: string;
  /** How many times this key arrived with a valid credential (> 1: duplicates, counted not hidden). */
  count: number;
  firstReceivedAt: string;
  lastReceivedAt: string;
  payload: JWTPayload;
}

export interface ReceiverStats {
  /** Valid POSTs, duplicates included. */
  received: number;
  /** Distinct idempotency keys stored. */
  unique: number;
  /** Valid POSTs of a key already stored. */
  duplicates: number;
  /** POSTs refused (bad token, bad signature, bad shape). */
  rejected: number;
  /** POSTs answered 503 while told to be down. */
  refusedWhileDown: number;
  /** POSTs being processed right now (a sender killed now leaves them unacknowledged). */
  inFlight: number;
}

export type ReceiverMode = 'up' | 'unavailable' | 'closed';

export interface RegistryReceiverOptions {
  /** The tool's JWKS (fetched, cached, refetched on an unknown kid). */
  jwksUrl: string;
  /** If set, credentials from another issuer are refused. */
  expectedIssuer?: string;
  /** If set, POSTs must carry `Authorization: Bearer <token>`. */
  bearerToken?: string;
  /** Delay every accepted answer (to hold a delivery in flight in crash tests). */
  responseDelayMs?: number;
}

/**
 * A stand-in for an academy's central registry, for local runs, tests and benchmarks:
 * `POST /credentials` takes a VC-JWT (`application/vc+jwt`) with an `Idempotency-Key`,
 * checks its signature against the tool's JWKS and its OB 3.0 / VC 2.0 shape, and
 * records it once per key, counting duplicates. It can be told to be down: answering
 * 503, or with its port closed.
 */
export function createRegistryReceiverApp(options: RegistryReceiverOptions) {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 300_000, cooldownDuration: 1_000 });
  const receipts = new Map<string, Receipt>();
  const rejections: Array<{ at: string; reason: string }> = [];
  const stats: ReceiverStats = { received: 0, unique: 0, duplicates: 0, rejected: 0, refusedWhileDown: 0, inFlight: 0 };
  const state = { mode: 'up' as ReceiverMode };
  const app: Express = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: ['application/vc+jwt', 'application/jwt', 'text/plain'], limit: '256kb' }));

  const reject = (res: express.Response, status: number, reason: string) => {
    stats.rejected += 1;
    rejections.push({ at: new Date().toISOString(), reason });
    res.status(status).json({ status: 'rejected', reason });
  };

  app.post('/credentials', async (req, res, next) => {
    stats.inFlight += 1;
    res.once('close', () => (stats.inFlight -= 1));
    next();
  });
  app.post('/credentials', async (req, res) => {
    if (state.mode !== 'up') {
      stats.refusedWhileDown += 1;
      res.status(503).set('Retry-After', '30').json({ status: 'unavailable' });
      return;
    }
    if (options.bearerToken && req.get('authorization') !== `Bearer ${options.bearerToken}`) return reject(res, 401, 'missing or wrong bearer token');
    const key = req.get('idempotency-key');
    if (!key) return reject(res, 400, 'Idempotency-Key header is required');
    if (typeof req.body !== 'string' || req.body.split('.').length !== 3) return reject(res, 400, 'the body must be a compact VC-JWT');
    let payload: JWTPayload;
    let kid: string;
    try {
      const verified = await jwtVerify(req.body, jwks, { algorithms: ['RS256'], typ: 'vc+jwt' });
      payload = verified.payload;
      kid = verified.protectedHeader.kid ?? '';
    } catch (err) {
      const reason = err instanceof joseErrors.JOSEError ? `${err.code}: ${err.message}` : (err as Error).message;
      return reject(res, 422, `signature check failed: ${reason}`);
    }
    const problems = credentialProblems(payload, { expectedIssuer: options.expectedIssuer, idempotencyKey: key });
    if (problems.length > 0) return reject(res, 422, problems.join('; '));
    if (options.responseDelayMs) await new Promise((r) => setTimeout(r, options.responseDelayMs));
    stats.received += 1;
    const now = new Date().toISOString();
    const existing = receipts.get(key);
    if (existing) {
      existing.count += 1;
      existing.lastReceivedAt = now;
      stats.duplicates += 1;
      res.status(200).json({ status: 'duplicate', idempotencyKey: key });
      return;
    }
    receipts.set(key, { idempotencyKey: key, credentialId: String(payload.jti), kid, count: 1, firstReceivedAt: now, lastReceivedAt: now, payload });
    stats.unique += 1;
    res.status(201).json({ status: 'accepted', idempotencyKey: key });
  });

  app.get('/credentials', (_req, res) => {
    res.json({ stats, receipts: [...receipts.values()].map(({ payload: _p, ...r }) => r), rejections: rejections.slice(-50) });
  });
  app.get('/credentials/:key', (req, res) => {
    const receipt = receipts.get(req.params.key);
    if (!receipt) res.status(404).json({ status: 'unknown' });
    else res.json(receipt);
  });
  app.get('/healthz', (_req, res) => res.json({ status: 'ok', mode: state.mode }));

  return { app, receipts, stats, rejections, state };
}

export interface RunningRegistryReceiver {
  url: string;
  port: number;
  /** Where the tool posts credentials. */
  credentialsUrl: string;
  stats(): ReceiverStats;
  receipts(): Receipt[];
  rejections(): Array<{ at: string; reason: string }>;
  /** up; unavailable (503 to every POST); closed (the port refuses connections). */
  setMode(mode: ReceiverMode): Promise<void>;
  close(): Promise<void>;
}

export async function startRegistryReceiver(options: RegistryReceiverOptions & { port?: number; host?: string }): Promise<RunningRegistryReceiver> {
  const receiver = createRegistryReceiverApp(options);
  const host = options.host ?? '127.0.0.1';
  let server: http.Server | undefined;
  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = http.createServer(receiver.app);
      s.keepAliveTimeout = 1000;
      s.once('error', reject);
      s.listen(port, host, () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = undefined;
      s.close(() => resolve());
      s.closeAllConnections();
    });
  await listen();
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    credentialsUrl: `${url}/credentials`,
    stats: () => ({ ...receiver.stats }),
    receipts: () => [...receiver.receipts.values()],
    rejections: () => [...receiver.rejections],
    async setMode(mode) {
      receiver.state.mode = mode;
      if (mode === 'closed') await shut();
      else if (!server) await listen();
    },
    close: shut,
  };
}
