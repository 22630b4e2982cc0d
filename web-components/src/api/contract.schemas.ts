/**
 * The contract of `contract.ts` as zod schemas: the server validates requests with the
 * request schemas, and its contract tests (and the fake API's own tests) check every
 * response against the response schemas. Response objects are strict, so a field that
 * should never leave the server (a solution, a name the roster did not give) fails them.
 *
 * Not bundled into the browser code (the components trust the server's shapes and
 * keep their bundle small); imported by Node code only.
 */
import { z } from 'zod';
import type * as C from './contract.js';

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(200);

export const competenceRef = z.strictObject({
  code: z.string().regex(/^\d+(\.\d+)?$/),
  name: z.string().min(1),
  areaCode: z.string().min(1),
  areaName: z.string().min(1),
}) satisfies z.ZodType<C.CompetenceRef>;

export const activityView = z.strictObject({
  type: z.enum(['campaign', 'competence-evaluation']),
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  code: z.string().regex(/^[A-Z]{6}\d{3}$/).optional(),
}) satisfies z.ZodType<C.ActivityView>;

const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/);

const formViewPart = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), html: z.string() }),
  z.strictObject({ type: z.literal('break') }),
  z.strictObject({
    type: z.literal('field'),
    key: fieldKey,
    label: z.string().min(1),
    input: z.enum(['text', 'number', 'select']),
    options: z.array(z.string()).min(1).optional(),
    unit: z.string().optional(),
    size: z.number().int().positive().optional(),
    placeholder: z.string().optional(),
  }),
]) satisfies z.ZodType<C.FormViewPart>;

export const challengeView = z
  .strictObject({
    id,
    type: z.enum(['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']),
    locale: z.string().min(2),
    instructionHtml: z.string(),
    illustration: z.strictObject({ url: z.string().min(1), alt: z.string() }).optional(),
    attachments: z.array(z.strictObject({ name: z.string().min(1), url: z.string().min(1) })),
    embed: z.strictObject({ url: z.string().min(1), title: z.string().min(1), height: z.number().int().positive(), autoReply: z.boolean().optional() }).optional(),
    timer: z.number().int().positive().optional(),
    focused: z.boolean(),
    response: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('choices'), multiple: z.boolean(), choices: z.array(z.strictObject({ value: z.number().int().min(1), html: z.string() })).min(2) }),
      z.strictObject({ kind: z.literal('fields'), parts: z.array(formViewPart).min(1) }),
    ]),
    competence: competenceRef,
  })
  .superRefine((c, ctx) => {
    const choice = c.type === 'QCU' || c.type === 'QCM';
    if (choice !== (c.response.kind === 'choices')) ctx.addIssue({ code: 'custom', path: ['response'], message: `${c.type} needs a ${choice ? 'choices' : 'fields'} response` });
    if (c.response.kind === 'choices' && c.response.multiple !== (c.type === 'QCM')) ctx.addIssue({ code: 'custom', path: ['response', 'multiple'], message: 'multiple is true for QCM only' });
    if (c.response.kind === 'fields') {
      const fields = c.response.parts.filter((p) => p.type === 'field');
      if (fields.length === 0) ctx.addIssue({ code: 'custom', path: ['response', 'parts'], message: 'a form needs at least one field' });
      if (c.type === 'QROC' && fields.length !== 1) ctx.addIssue({ code: 'custom', path: ['response', 'parts'], message: 'QROC has exactly one field' });
      if (new Set(fields.map((f) => f.key)).size !== fields.length) ctx.addIssue({ code: 'custom', path: ['response', 'parts'], message: 'field keys are unique' });
    }
  }) satisfies z.ZodType<C.ChallengeView>;

export const challengeState = z.strictObject({
  number: z.number().int().positive(),
  allowedSeconds: z.number().int().positive().optional(),
  startedAt: isoDate.optional(),
  remainingSeconds: z.number().int().min(0).optional(),
  focusedOut: z.boolean(),
}) satisfies z.ZodType<C.ChallengeState>;

export const assessmentProgress = z.strictObject({
  answered: z.number().int().min(0),
  total: z.number().int().positive().optional(),
}) satisfies z.ZodType<C.AssessmentProgress>;

export const sharingState = z.strictObject({
  status: z.enum(['NOT_SHAREABLE', 'TO_SHARE', 'SHARED']),
  sharedAt: isoDate.optional(),
}) satisfies z.ZodType<C.SharingState>;

export const assessmentSummary = z.strictObject({
  id,
  status: z.enum(['started', 'completed']),
  activity: activityView,
  checkpoints: z.boolean(),
  progress: assessmentProgress,
  startedAt: isoDate,
  completedAt: isoDate.optional(),
  sharing: sharingState,
}) satisfies z.ZodType<C.AssessmentSummary>;

const tutorial = z.strictObject({
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  format: z.enum(['video', 'page', 'pdf', 'audio', 'other']),
  durationMinutes: z.number().positive().optional(),
  source: z.string().optional(),
}) satisfies z.ZodType<C.Tutorial>;

export const checkpoint = z.strictObject({
  id,
  number: z.number().int().positive(),
  final: z.boolean(),
  answers: z.array(
    z.strictObject({
      answerId: id,
      challengeId: id,
      number: z.number().int().positive(),
      instructionHtml: z.string(),
      status: z.enum(['ok', 'ko', 'aband', 'timedout', 'focusedOut', 'unimplemented']),
      givenAnswer: z.string(),
      correction: z.strictObject({ solutionHtml: z.string().optional(), explanationHtml: z.string().optional() }).optional(),
      tutorials: z.array(tutorial),
    }),
  ),
}) satisfies z.ZodType<C.Checkpoint>;

export const nextStep = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('challenge'), challenge: challengeView, state: challengeState, progress: assessmentProgress }),
  z.strictObject({ kind: z.literal('checkpoint'), checkpoint, progress: assessmentProgress }),
  z.strictObject({ kind: z.literal('completed'), progress: assessmentProgress }),
]) satisfies z.ZodType<C.NextStep>;

// --- requests

export const startAssessmentRequest = z.strictObject({
  campaignCode: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{6}\d{3}$/, 'a campaign code is 6 letters and 3 digits, e.g. BCTERD153'))
    .optional(),
}) satisfies z.ZodType<C.StartAssessmentRequest, unknown>;

/** As the assessment module's `answerValueSchema` (choices 1–50, field values ≤ 500 characters). */
const answerValue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choices'), choices: z.array(z.number().int().min(1).max(50)).min(1).max(50) }),
  z.strictObject({ kind: z.literal('fields'), fields: z.record(fieldKey, z.string().max(500)) }),
  z.strictObject({ kind: z.literal('skip') }),
]) satisfies z.ZodType<C.AnswerValue>;

export const submitAnswerRequest = z
  .strictObject({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'a client-generated id such as a UUID'),
    challengeId: id,
    value: answerValue.nullable(),
    timedOut: z.boolean(),
    focusedOut: z.boolean(),
    timeSpentSeconds: z.number().int().min(0).max(86_400),
    answeredAt: isoDate,
  })
  .superRefine((a, ctx) => {
    if (!a.timedOut && a.value === null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'an answer needs a value (or { kind: "skip" }) unless the time ran out' });
  }) satisfies z.ZodType<C.SubmitAnswerRequest>;

export const shareResultsRequest = z.strictObject({ consent: z.literal(true) }) satisfies z.ZodType<C.ShareResultsRequest>;

// --- responses

export const startAssessmentResponse = z.strictObject({ assessment: assessmentSummary, resumed: z.boolean(), next: nextStep }) satisfies z.ZodType<C.StartAssessmentResponse>;
export const getAssessmentResponse = z.strictObject({ assessment: assessmentSummary }) satisfies z.ZodType<C.GetAssessmentResponse>;
export const getNextStepResponse = z.strictObject({ next: nextStep }) satisfies z.ZodType<C.GetNextStepResponse>;
export const startChallengeResponse = z.strictObject({ state: challengeState }) satisfies z.ZodType<C.StartChallengeResponse>;
export const focusLostResponse = z.strictObject({ state: challengeState }) satisfies z.ZodType<C.FocusLostResponse>;
export const submitAnswerResponse = z.strictObject({
  answer: z.strictObject({ id, challengeId: id, replayed: z.boolean() }),
  next: nextStep,
}) satisfies z.ZodType<C.SubmitAnswerResponse>;
export const acknowledgeCheckpointResponse = z.strictObject({ next: nextStep }) satisfies z.ZodType<C.AcknowledgeCheckpointResponse>;

const competenceResult = competenceRef.extend({
  level: z.number().int().min(0).max(8),
  maxLevel: z.number().int().min(1).max(8),
  pixScore: z.number().int().min(0),
  masteryRate: z.number().min(0).max(1).optional(),
}) satisfies z.ZodType<C.CompetenceResult>;

export const assessmentResults = z.strictObject({
  assessmentId: id,
  activity: activityView,
  completedAt: isoDate,
  pixScore: z.number().int().min(0).max(1024),
  maxPixScore: z.number().int().positive().max(1024),
  masteryRate: z.number().min(0).max(1),
  certifiable: z.boolean(),
  competences: z.array(competenceResult),
  sharing: sharingState,
  nextAttempt: z.strictObject({ kind: z.enum(['improve', 'retry']), availableAt: isoDate }).optional(),
}) satisfies z.ZodType<C.AssessmentResults>;

export const shareResultsResponse = z.strictObject({ sharing: sharingState }) satisfies z.ZodType<C.ShareResultsResponse>;

export const classProgress = z.strictObject({
  activity: activityView,
  context: z.strictObject({ id, title: z.string().optional() }),
  competences: z.array(competenceRef),
  rosterSource: z.enum(['roster', 'participants']),
  generatedAt: isoDate,
  learners: z.array(
    z.strictObject({
      learnerId: id,
      displayName: z.string().nullable(),
      status: z.enum(['NOT_STARTED', 'IN_PROGRESS', 'TO_SHARE', 'SHARED']),
      answered: z.number().int().min(0),
      progress: z.number().min(0).max(1).optional(),
      startedAt: isoDate.optional(),
      completedAt: isoDate.optional(),
      sharedAt: isoDate.optional(),
      results: z
        .strictObject({
          pixScore: z.number().int().min(0),
          masteryRate: z.number().min(0).max(1),
          certifiable: z.boolean(),
          competences: z.array(z.strictObject({ code: z.string(), level: z.number().int().min(0).max(8), pixScore: z.number().int().min(0) })),
        })
        .optional(),
    }),
  ),
}) satisfies z.ZodType<C.ClassProgress>;

export const apiError = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string().min(1),
  details: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  requestId: z.string().min(1),
}) satisfies z.ZodType<C.ApiError>;

// Certification (certification-contract.ts): strict, so a field too many (a solution, another candidate's data) fails.
const courseState = z.enum(['registered', 'present', 'admitted', 'in_progress', 'paused', 'resumed', 'ended']);
const endReason = z.enum(['completed', 'candidate', 'invigilator', 'time_limit', 'finalisation']);
export const candidateCourseView = z.strictObject({
  id,
  session: z.strictObject({ number: z.number().int().positive(), date: z.string(), time: z.string(), room: z.string() }),
  candidate: z.strictObject({ firstName: z.string().optional(), lastName: z.string().optional() }),
  state: courseState,
  endReason: endReason.optional(),
  answered: z.number().int().min(0).max(32),
  total: z.literal(32),
  remainingSeconds: z.number().int().min(0).optional(),
  allowedSeconds: z.number().int().positive(),
  extraTimePercentage: z.number().min(0).max(100),
}) satisfies z.ZodType<C.CandidateCourseView>;
export const joinCertificationResponse = z.strictObject({ course: candidateCourseView, resumed: z.boolean() }) satisfies z.ZodType<C.JoinCertificationResponse>;
export const candidateQuestionResponse = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('question'), index: z.number().int().min(0).max(31), challenge: challengeView, course: candidateCourseView }),
  z.strictObject({ kind: z.literal('waiting'), course: candidateCourseView }),
  z.strictObject({ kind: z.literal('ended'), course: candidateCourseView }),
]) satisfies z.ZodType<C.CandidateQuestionResponse>;
export const candidateAnswerResponse = z.strictObject({ recorded: z.boolean(), course: candidateCourseView }) satisfies z.ZodType<C.CandidateAnswerResponse>;
export const invigilatedCandidateView = z.strictObject({
  id,
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  state: courseState,
  endReason: endReason.optional(),
  joined: z.boolean(),
  answered: z.number().int().min(0).max(32),
  remainingSeconds: z.number().int().min(0).optional(),
  extraTimePercentage: z.number().min(0).max(100),
  reportedProblems: z.number().int().min(0),
}) satisfies z.ZodType<C.InvigilatedCandidateView>;
export const invigilatedSessionView = z.strictObject({
  session: z.strictObject({
    id,
    number: z.number().int().positive(),
    centreUai: z.string(),
    date: z.string(),
    time: z.string(),
    room: z.string(),
    invigilator: z.string(),
    accessCode: z.string().regex(/^[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}$/),
    status: z.enum(['created', 'started', 'finalised', 'published']),
  }),
  candidates: z.array(invigilatedCandidateView),
  total: z.number().int().min(0),
}) satisfies z.ZodType<C.InvigilatedSessionView>;
