/**
 * One error contract for every failed response: `{ code, message, details?, requestId }`.
 * Domain and application code throw `AppError`s with a stable `code` (documented in
 * docs/reference/error-codes.md); the HTTP error handler maps them to a status.
 * Anything else is an internal error whose message never reaches the client.
 */

export type ErrorDetails = Record<string, unknown> | unknown[];

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: ErrorDetails;

  constructor(code: string, message: string, options: { status?: number; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 400;
    this.details = options.details;
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { status: 400, details });
export const unauthorized = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { status: 401, details });
export const forbidden = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { status: 403, details });
export const notFound = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { status: 404, details });
export const conflict = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(code, message, { status: 409, details });

export interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetails;
  requestId: string;
}

export const INTERNAL_ERROR_MESSAGE = 'An unexpected error occurred. It has been logged; quote the request id when reporting it.';
