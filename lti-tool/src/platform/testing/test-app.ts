import express, { type Express, type Router } from 'express';
import { errorHandler, notFoundHandler } from '../http/error-handler.js';
import { requestLogging } from '../http/request-logging.js';
import { silentLogger, type Logger } from '../logger.js';

/**
 * A bare app with the platform's request ids, body parsing and error contract, for
 * testing one module's routes with supertest without the whole tool.
 */
export function createTestApp(mount: (router: Router) => void, log: Logger = silentLogger()): Express {
  const app = express();
  app.use(requestLogging(log));
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  const router = express.Router();
  mount(router);
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
