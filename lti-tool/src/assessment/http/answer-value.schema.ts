import { z } from 'zod';
import { MAX_FIELD_LENGTH } from '../domain/answer-check.js';

/**
 * An answer value as the student API sends it (`AnswerValue` of
 * web-components/src/api/contract.ts): proposal ids for QCU/QCM, field values by key for
 * QROC/QROCM, or null. Convert it with `toAnswerValue`; whether it fits the challenge is
 * `answerShapeProblem`'s job.
 */
export const contractAnswerValueSchema = z.union([
  z.object({ proposalIds: z.array(z.string().regex(/^\d{1,3}$/)).min(1).max(50) }).strict(),
  z.object({ fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/), z.string().max(MAX_FIELD_LENGTH)) }).strict(),
  z.null(),
]);
