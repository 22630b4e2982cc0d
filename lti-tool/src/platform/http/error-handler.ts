import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, INTERNAL_ERROR_MESSAGE, type ErrorBody, type ErrorDetails } from '../errors.js';

export function requestIdOf(res: Response): string {
  return String(res.req.id ?? res.getHeader('X-Request-Id') ?? 'unknown');
}

export function sendError(res: Response, status: number, code: string, message: string, details?: ErrorDetails): void {
  const body: ErrorBody = { code, message, requestId: requestIdOf(res) };
  if (details !== undefined) body.details = details;
  res.status(status).json(body);
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}.`);
};

/** Maps every thrown error to the error contract; 500s are logged in full and answered blandly. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    req.log.error({ err }, 'error after the response started');
    res.destroy();
    return;
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err, code: err.code }, err.message);
    else req.log.warn({ code: err.code, details: err.details }, err.message);
    sendError(res, err.status, err.code, err.message, err.details);
    return;
  }
  const bodyError = asBodyParserError(err);
  if (bodyError) {
    req.log.warn({ code: bodyError.code }, bodyError.message);
    sendError(res, bodyError.status, bodyError.code, bodyError.message);
    return;
  }
  req.log.error({ err }, 'unhandled error');
  sendError(res, 500, 'INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE);
};

/** express.json() and friends throw errors carrying `type` and `status`. */
function asBodyParserError(err: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const type = String((err as { type: unknown }).type);
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'MALFORMED_BODY', message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { status: 413, code: 'BODY_TOO_LARGE', message: 'The request body is too large.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_ENCODING', message: 'The request body encoding is not supported.' };
    default:
      return undefined;
  }
}
