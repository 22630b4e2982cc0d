import type { RequestHandler } from 'express';
import { AppError, forbidden } from '../../platform/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Applies to all of /api/admin, before any guard: responses are never cached; a
 * state-changing request coming from another site (Origin / Sec-Fetch-Site, set by
 * browsers) is refused outright, and must be JSON — a cross-site HTML form cannot send
 * that without a CORS preflight we never grant. Defence in depth besides SameSite and CSRF.
 */
export function adminRequestPolicy(publicUrl: string): RequestHandler {
  const ownOrigin = new URL(publicUrl).origin;
  return (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const foreignOrigin = origin !== undefined && origin !== ownOrigin;
    const foreignSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (foreignOrigin || foreignSite) {
      throw forbidden('ADMIN_ORIGIN_FORBIDDEN', 'Admin changes are accepted only from the admin panel itself.', { origin: origin ?? null });
    }
    const length = Number(req.get('content-length') ?? 0);
    // `application/*+json`: the item bank upload's own type (larger limit); like JSON it needs a CORS preflight.
    if ((length > 0 || req.get('transfer-encoding')) && !req.is(['application/json', 'application/*+json'])) {
      throw new AppError('ADMIN_JSON_REQUIRED', 'Send the request body as JSON (Content-Type: application/json).', { status: 415 });
    }
    next();
  };
}
