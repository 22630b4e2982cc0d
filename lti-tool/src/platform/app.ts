import express, { type Express } from 'express';
import helmet from 'helmet';
import { healthRoutes } from './health/health.routes.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { pageCors } from './http/page-cors.js';
import { requestLogging } from './http/request-logging.js';
import type { AppContext, AppModule } from './module.js';

/**
 * The Express application: cross-cutting middleware, the health probes, each
 * module's routes, then the error contract. No listening and no I/O here, so tests
 * drive it with supertest.
 */
export function createApp(ctx: AppContext, modules: AppModule[]): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestLogging(ctx.log, { logHashKey: ctx.config.encryptionKey }));
  app.use(
    helmet({
      // The tool lives inside LMS iframes; which LMS may frame it is decided per
      // registration (CSP frame-ancestors) by the LTI module, not here.
      frameguard: false,
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use(
    pageCors({
      origins: ctx.config.corsOrigins,
      sources: modules.flatMap((m) => (m.pageOrigins ? [m.pageOrigins] : [])),
      serverOnly: modules.flatMap((m) => m.serverOnlyPaths ?? []),
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(healthRoutes(ctx.db));
  for (const module of modules) {
    if (!module.routes) continue;
    const router = express.Router();
    module.routes(router);
    app.use(router);
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
