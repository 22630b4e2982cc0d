import { z } from 'zod';
import type { CandidateProblemKind } from '@pix-lti/web-components/contract';
import { answerValueSchema } from '../../assessment/http/answer-value.schema.js';
import { IN_CHALLENGE_SUBCATEGORIES, INCIDENT_CATEGORIES } from '../domain/incidents.js';
import { CERTIFICATION_RULES } from '../domain/rules.js';

/** UAI: 7 digits and a letter (e.g. 0781234A). */
export const uai = z.string().trim().toUpperCase().regex(/^\d{7}[A-Z]$/, 'must be a UAI: 7 digits and a letter, e.g. 0781234A');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real date');
const text = (max: number) => z.string().trim().min(1).max(max);
/** INE: 11 characters, letters and digits (e.g. 123456789AB). */
const ine = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{11}$/, 'must be an INE: 11 letters or digits');

export const centreBody = z.object({ uai, name: text(200), academyId: text(64) });
export const sessionBody = z.object({
  date: isoDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'),
  room: text(100),
  invigilator: text(200),
});
export const extraTime = z.number().min(0).max(CERTIFICATION_RULES.maximumExtraTimePercentage);
export const candidateBody = z
  .object({
    learnerId: text(100).optional(),
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    birthdate: isoDate.optional(),
    nationalStudentId: ine.optional(),
    extraTimePercentage: extraTime.optional(),
  })
  .refine((c) => c.learnerId || (c.firstName && c.lastName), { message: 'a candidate needs a learnerId or a first and last name' });
export const incidentBody = z.object({
  courseId: z.string().min(1).max(64).optional(),
  category: z.enum(INCIDENT_CATEGORIES as [string, ...string[]]),
  subcategory: z.enum(IN_CHALLENGE_SUBCATEGORIES).optional(),
  questionIndex: z.number().int().min(0).max(CERTIFICATION_RULES.maximumAnswers - 1).optional(),
  description: z.string().trim().max(2000).default(''),
});
export const finaliseBody = z.object({
  examinerComment: z.string().trim().max(2000).optional(),
  abortReasons: z.record(z.string(), z.enum(['candidate', 'technical'])).optional(),
  neutralisations: z.array(z.object({ courseId: z.string().min(1), questionIndex: z.number().int().min(0) })).max(2000).optional(),
  fraud: z.array(z.string().min(1)).max(500).optional(),
});
export const idParam = z.object({ id: z.string().min(1).max(64) });

/** The number candidates and invigilators type (digits only; a leading "n°" or spaces are tolerated). */
const sessionNumber = z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/\D/g, '')) : v), z.number().int().min(1).max(99_999_999));
const personName = z.string().trim().min(1).max(100);

export const joinBody = z.object({
  sessionNumber,
  accessCode: z.string().trim().min(1).max(20),
  firstName: personName,
  lastName: personName,
  birthdate: isoDate.optional(),
});
export const candidateAnswerBody = z.object({
  questionIndex: z.number().int().min(0).max(CERTIFICATION_RULES.maximumAnswers - 1),
  challengeId: z.string().min(1).max(100),
  value: z.union([answerValueSchema, z.null()]),
  focusedOut: z.boolean().optional(),
});
/** What a candidate may report on a question (the technical subcategories, and "other"); the contract's list. */
const CANDIDATE_PROBLEM_KINDS = [
  'image_not_displaying',
  'embed_not_working',
  'file_not_opening',
  'website_unavailable',
  'link_not_working',
  'software_not_working',
  'accessibility_issue',
  'other',
] as const satisfies readonly CandidateProblemKind[];
export const reportProblemBody = z.object({
  questionIndex: z.number().int().min(0).max(CERTIFICATION_RULES.maximumAnswers - 1),
  kind: z.enum(CANDIDATE_PROBLEM_KINDS),
  description: z.string().trim().max(1000).optional(),
});
export const invigilatorSignInBody = z.object({ sessionNumber, password: z.string().trim().min(1).max(20) });
export const invigilatorAction = z.enum(['confirm-presence', 'cancel-presence', 'admit', 'pause', 'resume', 'end']);
