import { z } from 'zod';
import { CHALLENGE_STATUSES } from '../../domain/challenge.js';

/**
 * The item-bank file format, version 1 (docs/reference/item-bank-format.md). A bank is
 * one or more YAML or JSON files; each says which format it follows, and may hold any of
 * the sections below. Structure is checked here (and exported as JSON Schema for
 * editors); the rules that need the whole bank (references, solutions against choices…)
 * are in `bank-rules.ts`.
 */
export const ITEM_BANK_FORMAT = 'pix-lti/item-bank@1';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const localized = z
  .object({ fr: text(2000).describe('French text (required)'), en: text(2000).optional().describe('English text') })
  .strict()
  .describe('A text in French, optionally in English');
const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit');
const locale = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i, 'must be a language tag such as "fr-fr", "fr" or "en"');
const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an absolute https URL' });
/** An asset: an https URL, or a path relative to the bank's root folder ("images/wifi.svg"). */
const assetRef = z
  .string()
  .min(1)
  .max(500)
  .describe('An absolute https URL, or a path relative to the bank folder (e.g. "images/wifi.svg")');
const areaCode = z.string().regex(/^[1-9]$/, 'must be a digit from 1 to 9, e.g. "1"');
const competenceCode = z.string().regex(/^[1-9]\.[1-9]$/, 'must look like "1.1"');
export const TUBE_NAME = /^@[A-Za-z](?:[A-Za-z0-9]*[A-Za-z])?$/;
const tubeName = z.string().regex(TUBE_NAME, 'must be "@" followed by letters and digits, not ending with a digit, e.g. "@rechercheWeb"');
const skillRef = z
  .string()
  .regex(/^@[A-Za-z](?:[A-Za-z0-9]*[A-Za-z])?[1-8]$/, 'must be a tube name followed by a level from 1 to 8, e.g. "@rechercheWeb2"');
const level = z.int().min(1).max(8);

export const bankHeaderSchema = z
  .object({
    id: identifier.describe('Stable name of the bank'),
    version: z.string().trim().min(1).max(40).describe("The authors' version label, e.g. \"2025.1\""),
    title: localized.optional(),
    defaultLocale: locale.default('fr-fr').describe('Locale of challenges that do not list their own'),
    license: z.string().trim().min(1).max(100).optional().describe('e.g. "CC-BY-SA-4.0"'),
  })
  .strict();

export const areaSchema = z.object({ code: areaCode, name: localized }).strict();

export const competenceSchema = z
  .object({ code: competenceCode, area: areaCode, name: localized, description: localized.optional() })
  .strict();

const tutorialSchema = z
  .object({
    title: text(200),
    url: httpsUrl,
    format: z.enum(['video', 'page', 'pdf', 'audio', 'other']).default('page'),
    durationMinutes: z.number().positive().max(600).optional(),
    source: z.string().trim().min(1).max(100).optional().describe('Who publishes it, e.g. "CNIL"'),
  })
  .strict();

export const tubeSchema = z
  .object({
    name: tubeName.describe('Identifier of the tube; its skills are this name followed by their level'),
    competence: competenceCode,
    title: localized.describe('What the tube is about, shown to teachers choosing a target profile'),
    description: localized.optional(),
    skills: z
      .array(
        z
          .object({
            level: level,
            status: z.enum(['active', 'draft', 'archived']).default('active'),
            hint: localized.optional(),
            tutorials: z.array(tutorialSchema).max(10).default([]),
          })
          .strict(),
      )
      .min(1)
      .max(8),
  })
  .strict();

const acceptedValue = z.union([z.string().max(500), z.number()]);
const fieldSchema = z
  .object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be a letter followed by letters, digits, "_" or "-"'),
    label: text(200).describe('Accessible name of the input, read by screen readers'),
    input: z.enum(['text', 'number', 'select']).default('text'),
    placeholder: z.string().trim().min(1).max(100).optional(),
    size: z.int().min(1).max(200).optional(),
    unit: z.string().trim().min(1).max(20).optional().describe('number inputs: unit shown after the input and accepted after the number'),
    unitAliases: z.array(z.string().trim().min(1).max(30)).optional().describe('number inputs: other accepted spellings of the unit'),
    margin: z.number().min(0).optional().describe('number inputs: accepted absolute difference'),
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(30).optional().describe('select inputs: the options, in order'),
    accepted: z.array(acceptedValue).min(1).max(50).optional().describe('QROC and QROCM-ind: accepted answers (alternatives)'),
  })
  .strict();

const toleranceSchema = z
  .object({ t1: z.boolean().optional(), t2: z.boolean().optional(), t3: z.boolean().optional() })
  .strict()
  .describe('Normalisation treatments, all on by default: t1 case/accents/spaces, t2 punctuation, t3 typos (Levenshtein ratio ≤ 0.25)');

const common = {
  id: identifier.describe('Stable identifier of the challenge: never reuse one for another question'),
  skill: skillRef,
  status: z.enum(CHALLENGE_STATUSES).default('validated'),
  locales: z.array(locale).min(1).max(10).optional(),
  instruction: text(20_000).describe('Markdown'),
  explanation: text(20_000).optional().describe('Markdown shown with the correction'),
  illustration: z
    .object({ src: assetRef, alt: text(500).describe('Alternative text, required') })
    .strict()
    .optional(),
  attachments: z
    .array(z.object({ name: text(200), src: assetRef }).strict())
    .max(10)
    .default([]),
  embed: z
    .object({
      url: httpsUrl,
      title: text(200).describe('Accessible title of the embedded page'),
      height: z.int().min(100).max(2000).default(600),
      autoReply: z.boolean().default(false).describe('The page posts the answer itself (postMessage); the challenge then has one field'),
    })
    .strict()
    .optional(),
  timer: z.int().min(5).max(3600).optional().describe('Seconds allowed'),
  focused: z.boolean().default(false).describe('Focus mode: leaving the page makes the answer "focusedOut"'),
  irt: z
    .object({ discrimination: z.number().gt(0).max(5), difficulty: z.number().min(-6).max(6) })
    .strict()
    .optional()
    .describe('2PL parameters: discrimination a > 0, difficulty b on the θ scale'),
};

const choices = z.array(text(2000)).min(2).max(10).describe('Inline Markdown; the solution refers to them by 1-based position');

const fieldsCommon = {
  form: z.string().min(1).max(20_000).optional().describe('Text around the inputs, with {{key}} where each input goes'),
  fields: z.array(fieldSchema).min(1).max(20),
  tolerance: toleranceSchema.optional(),
};

export const challengeSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('QCU'), choices, solution: z.int().min(1).describe('Position of the right choice'), shuffled: z.boolean().default(false) }).strict(),
  z
    .object({ ...common, type: z.literal('QCM'), choices, solution: z.array(z.int().min(1)).min(1).describe('Positions of the right choices'), shuffled: z.boolean().default(false) })
    .strict(),
  z.object({ ...common, type: z.literal('QROC'), ...fieldsCommon }).strict(),
  z.object({ ...common, type: z.literal('QROCM-ind'), ...fieldsCommon }).strict(),
  z
    .object({
      ...common,
      type: z.literal('QROCM-dep'),
      ...fieldsCommon,
      groups: z
        .array(z.array(acceptedValue).min(1).max(50))
        .min(1)
        .optional()
        .describe('Any order: each field must match a different group of alternatives'),
      combinations: z
        .array(z.record(z.string(), z.array(acceptedValue).min(1).max(50)))
        .min(1)
        .optional()
        .describe('The fields together must match one combination (field key → alternatives)'),
    })
    .strict(),
]);

/** What sections a file may hold; each item is checked on its own so that every error is reported. */
export const bankFileEnvelopeSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.string(),
    bank: z.unknown().optional(),
    areas: z.array(z.unknown()).optional(),
    competences: z.array(z.unknown()).optional(),
    tubes: z.array(z.unknown()).optional(),
    challenges: z.array(z.unknown()).optional(),
  })
  .strict();

/** The whole file, as published in JSON Schema for editors (item-bank.schema.json). */
export const bankFileSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(ITEM_BANK_FORMAT),
    bank: bankHeaderSchema.optional().describe('Exactly one file of the bank has this section'),
    areas: z.array(areaSchema).optional(),
    competences: z.array(competenceSchema).optional(),
    tubes: z.array(tubeSchema).optional(),
    challenges: z.array(challengeSchema).optional(),
  })
  .strict()
  .describe('One file of a Pix LTI item bank (format pix-lti/item-bank@1)');

export type BankHeaderInput = z.output<typeof bankHeaderSchema>;
export type AreaInput = z.output<typeof areaSchema>;
export type CompetenceInput = z.output<typeof competenceSchema>;
export type TubeInput = z.output<typeof tubeSchema>;
export type ChallengeInput = z.output<typeof challengeSchema>;
export type FieldInput = z.output<typeof fieldSchema>;

/** Sections, in the order they are read, with the schema of one item and how an item names itself. */
export const SECTIONS = {
  areas: { schema: areaSchema, idOf: (item: Record<string, unknown>) => item.code },
  competences: { schema: competenceSchema, idOf: (item: Record<string, unknown>) => item.code },
  tubes: { schema: tubeSchema, idOf: (item: Record<string, unknown>) => item.name },
  challenges: { schema: challengeSchema, idOf: (item: Record<string, unknown>) => item.id },
} as const;
export type SectionName = keyof typeof SECTIONS;
