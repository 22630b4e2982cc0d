import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Where the origins of the pages allowed to call the API come from, besides
 * `CORS_ORIGINS` (e.g. the ENT connectors' registered origins). Asked for each
 * cross-origin request: keep the answer in memory.
 */
export interface PageOrigins {
  allows(origin: string): boolean | Promise<boolean>;
}

export interface PageCorsOptions {
  /** Operator-wide origins (`CORS_ORIGINS`). */
  origins: readonly string[];
  sources: readonly PageOrigins[];
  /** Paths under /api that never answer CORS (server-to-server or cookie-authenticated). */
  serverOnly: readonly string[];
}

/** Always server-only: the admin API rides on a cookie and must never be readable cross-origin. */
const ALWAYS_SERVER_ONLY = ['/api/admin'];
/** Chromium caps a preflight's cache at 2 hours; each actual request is checked again anyway. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/**
 * CORS for the pages (ENT pages, school sites) that host the web components and call the
 * bearer-token API from another origin: the allowed origins get `GET, POST`, the
 * `Authorization` and `Content-Type` headers, no credentials (the API never uses cookies),
 * and a cached preflight; any other origin gets no CORS header at all, so the browser
 * keeps the answer from the page. One middleware for the whole API, before every route.
 */
export function pageCors(options: PageCorsOptions): RequestHandler {
  const fixed = new Set(options.origins);
  const serverOnly = [...ALWAYS_SERVER_ONLY, ...options.serverOnly];
  const allowed = async (origin: string): Promise<boolean> => {
    if (fixed.has(origin)) return true;
    for (const source of options.sources) if (await source.allows(origin)) return true;
    return false;
  };
  const handler = cors({
    origin(origin, callback) {
      if (!origin) return callback(null, false);
      allowed(origin).then(
        (ok) => callback(null, ok ? origin : false),
        (err: unknown) => callback(err as Error),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
  return (req, res, next) => {
    const path = req.path;
    if (!path.startsWith('/api/') || serverOnly.some((p) => path === p || path.startsWith(`${p}/`))) return next();
    // Answers differ by Origin, whether or not this one is allowed: shared caches must key on it.
    res.vary('Origin');
    handler(req, res, next);
  };
}
