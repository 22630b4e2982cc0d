import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { sendError } from '../../platform/http/error-handler.js';

/**
 * Per-address limit on public lookups, so verification codes cannot be enumerated.
 * The count is per instance (memory store): behind several instances the effective
 * limit multiplies, which still makes guessing 3·10¹⁰ codes hopeless.
 */
export function publicLookupLimit(options: { perMinute: number }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      sendError(res, 429, 'RATE_LIMITED', 'Too many verification requests from this address; wait a minute and try again.');
    },
  });
}
