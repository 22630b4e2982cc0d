import type { z } from 'zod';
import { badRequest } from '../errors.js';

/**
 * Parses request input with a zod schema; a failure becomes a 400 `VALIDATION_FAILED`
 * listing every bad field, so a client can fix them all at once.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw badRequest('VALIDATION_FAILED', `The request ${where} is invalid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}.`, details);
}
