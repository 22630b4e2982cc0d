import { Router } from 'express';
import type { AppDatabase } from '../database/connection.js';
import { sendError } from '../http/error-handler.js';

/**
 * `/healthz`: the process is alive (for restarts). `/readyz`: it can serve, i.e. the
 * database answers a ping (for load balancers); it names the server so an operator
 * sees at a glance whether production really runs on MongoDB.
 */
export function healthRoutes(db: AppDatabase): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const started = Date.now();
    try {
      await db.connection.db!.command({ ping: 1 }, { timeoutMS: 2000 });
      res.json({ status: 'ready', database: { ...db.capabilities, pingMs: Date.now() - started } });
    } catch {
      sendError(res, 503, 'DATABASE_UNAVAILABLE', 'The database does not answer; the tool cannot serve requests.', {
        kind: db.capabilities.kind,
      });
    }
  });
  return router;
}
