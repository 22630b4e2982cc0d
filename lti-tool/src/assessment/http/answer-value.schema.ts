import { z } from 'zod';
import { MAX_FIELD_LENGTH, type AnswerValue } from '../domain/answer-check.js';

/**
 * The JSON shape of an answer value in requests (see `AnswerValue`). Whether it fits the
 * challenge (a QCU gets one choice, fields match the form) is checked afterwards with
 * `answerShapeProblem`, which needs the challenge.
 */
export const answerValueSchema: z.ZodType<AnswerValue> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choices'), choices: z.array(z.int().min(1).max(50)).min(1).max(50) }).strict(),
  z.object({ kind: z.literal('fields'), fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/), z.string().max(MAX_FIELD_LENGTH)) }).strict(),
  z.object({ kind: z.literal('skip') }).strict(),
]);
