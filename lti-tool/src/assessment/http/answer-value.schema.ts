import { z } from 'zod';
import { MAX_FIELD_LENGTH, type AnswerValue } from '../domain/answer-check.js';

/**
 * An answer value in requests (`AnswerValue`, the same shape as the student API's): choices
 * by their 1-based value for QCU/QCM, field values by key for QROC/QROCM, or a skip.
 * Whether it fits the challenge is `answerShapeProblem`'s job, which needs the challenge.
 */
export const answerValueSchema: z.ZodType<AnswerValue> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choices'), choices: z.array(z.int().min(1).max(50)).min(1).max(50) }).strict(),
  z.object({ kind: z.literal('fields'), fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/), z.string().max(MAX_FIELD_LENGTH)) }).strict(),
  z.object({ kind: z.literal('skip') }).strict(),
]);
