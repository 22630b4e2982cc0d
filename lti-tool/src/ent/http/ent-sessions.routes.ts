import type { Request, RequestHandler, Router } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { exchangeAssertion, type ExchangeDeps } from '../application/exchange-assertion.js';

export const ENT_SESSIONS_PATH = '/api/ent/sessions';

export interface ExchangeRateLimits {
  /** Exchanges per minute per (connector issuer, client address): a busy ENT opens many pages at once. */
  perConnectorPerMinute: number;
  /** Refused exchanges per minute per client address: junk and probing stop early. */
  failuresPerMinute: number;
}

export const DEFAULT_EXCHANGE_RATE_LIMITS: ExchangeRateLimits = { perConnectorPerMinute: 1200, failuresPerMinute: 60 };

const body = z.object({ assertion: z.string().min(1).max(16_384) }).strict();

/**
 * `POST /api/ent/sessions { assertion }`: the ENT exchange, server to server (no CORS:
 * the platform's page CORS skips it). Answers `201 { token, expiresAt }`, never cached.
 */
export function entSessionsRoutes(router: Router, deps: ExchangeDeps, limits: ExchangeRateLimits = DEFAULT_EXCHANGE_RATE_LIMITS): void {
  router.post(ENT_SESSIONS_PATH, failureLimiter(limits), connectorLimiter(limits), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const { assertion } = validate(body, req.body ?? {});
    const { token, expiresAt } = await exchangeAssertion(assertion, deps);
    res.status(201).json({ token, expiresAt: expiresAt.toISOString() });
  });
}

function connectorLimiter(limits: ExchangeRateLimits): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.perConnectorPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The issuer is read unverified: it only picks the bucket, it grants nothing.
    keyGenerator: (req) => `${clientOf(req)}|${issuerOf(req)}`,
    handler: limited('connector'),
    validate: { trustProxy: false },
  });
}

function failureLimiter(limits: ExchangeRateLimits): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.failuresPerMinute,
    standardHeaders: false,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => clientOf(req),
    handler: limited('failures'),
    validate: { trustProxy: false },
  });
}

const clientOf = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

function issuerOf(req: Request): string {
  const assertion = (req.body as { assertion?: unknown } | undefined)?.assertion;
  if (typeof assertion !== 'string' || assertion.length > 16_384) return '-';
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' ? iss.slice(0, 300) : '-';
  } catch {
    return '-';
  }
}

function limited(bucket: 'connector' | 'failures') {
  return (req: Request, res: Parameters<RequestHandler>[1], next: Parameters<RequestHandler>[2]) => {
    const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
    const retryAfterSeconds = Math.max(1, Math.ceil(((info?.resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
    res.set('Retry-After', String(retryAfterSeconds));
    next(
      new AppError('ENT_EXCHANGE_RATE_LIMITED', bucket === 'failures' ? 'Too many refused exchanges from this address: wait before trying again.' : 'Too many exchanges for this connector from this address: wait before trying again.', {
        status: 429,
        details: { check: `rate limit (${bucket})`, retryAfterSeconds },
      }),
    );
  };
}
