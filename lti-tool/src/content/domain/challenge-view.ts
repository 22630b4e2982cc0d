import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { isChoiceChallenge, type Challenge, type ChallengeType, type FieldSpec, type FormPart } from './challenge.js';
import type { ContentSnapshot } from './content-snapshot.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';

/**
 * What a learner's browser receives for a challenge — the `ChallengeView` of the student
 * API contract (web-components/src/api/contract.ts, docs/reference/student-api.md), whose
 * response schemas are strict: never a solution, Markdown already rendered to sanitised
 * HTML (the bundle ships no Markdown parser), and the free-answer form as a structure of
 * text, line breaks and labelled inputs. Choices are identified by `value`, their 1-based
 * position in the author's order, whatever the displayed order; fields by their key —
 * the shapes of `AnswerValue`.
 */
export interface ChallengeView {
  id: string;
  type: ChallengeType;
  /** The language of the content (BCP 47), for the `lang` attribute. */
  locale: string;
  instructionHtml: string;
  illustration?: { url: string; alt: string };
  attachments: Array<{ name: string; url: string }>;
  /** A simulator shown in an iframe: `title` names it for assistive technologies. */
  embed?: { url: string; title: string; height: number; autoReply?: boolean };
  /** Seconds the challenge allows; the assessment adds a learner's extra time in its state. */
  timer?: number;
  /** Focus mode: leaving the page makes a right answer `focusedOut`. */
  focused: boolean;
  response: ChoicesResponse | FieldsResponse;
  competence: CompetenceRef;
}

export interface ChoicesResponse {
  kind: 'choices';
  /** QCM (checkboxes) or QCU (radio buttons). */
  multiple: boolean;
  choices: Array<{ value: number; html: string }>;
}

export type FormViewPart =
  | { type: 'text'; html: string }
  | { type: 'break' }
  | {
      type: 'field';
      key: string;
      /** Accessible name of the input, even when text surrounds it. */
      label: string;
      input: 'text' | 'number' | 'select';
      options?: string[];
      /** Shown after a number input, e.g. "Mo". */
      unit?: string;
      size?: number;
      placeholder?: string;
    };

export interface FieldsResponse {
  kind: 'fields';
  parts: FormViewPart[];
}

export interface CompetenceRef {
  code: string;
  name: string;
  areaCode: string;
  areaName: string;
}

export interface ChallengeViewOptions {
  /** The competence as the learner sees it (see `competenceRefOf`). */
  competence: CompetenceRef;
  /** Draws the order of shuffled choices; the same seed (e.g. the assessment id) gives the same order. */
  shuffleSeed?: string;
  /** Prefix for the tool's own asset paths (its public URL); absolute URLs are left alone. */
  assetBaseUrl?: string;
}

/** Rendering Markdown is the costly part and depends on the challenge alone: once per challenge object. */
const rendered = new WeakMap<Challenge, Omit<ChallengeView, 'competence'>>();

export function toChallengeView(challenge: Challenge, options: ChallengeViewOptions): ChallengeView {
  let view = rendered.get(challenge);
  if (!view) {
    view = render(challenge);
    rendered.set(challenge, view);
  }
  const resolve = (url: string) => (options.assetBaseUrl && url.startsWith('/') ? `${options.assetBaseUrl.replace(/\/+$/, '')}${url}` : url);
  const result: ChallengeView = { ...view, attachments: view.attachments.map((a) => ({ name: a.name, url: resolve(a.url) })), competence: options.competence };
  if (view.illustration) result.illustration = { url: resolve(view.illustration.url), alt: view.illustration.alt };
  if (view.response.kind === 'choices' && isChoiceChallenge(challenge) && challenge.shuffled && options.shuffleSeed) {
    result.response = { ...view.response, choices: shuffle(view.response.choices, `${options.shuffleSeed}:${challenge.id}`) };
  }
  return result;
}

/** The competence of a challenge as the contract names it (French names). */
export function competenceRefOf(snapshot: ContentSnapshot, competenceId: string): CompetenceRef {
  const competence = snapshot.competence(competenceId);
  const area = competence && snapshot.area(competence.areaId);
  return { code: competence?.code ?? competenceId, name: competence?.name.fr ?? competenceId, areaCode: area?.code ?? competenceId.split('.')[0]!, areaName: area?.name.fr ?? '' };
}

function render(challenge: Challenge): Omit<ChallengeView, 'competence'> {
  const view: Omit<ChallengeView, 'competence'> = {
    id: challenge.id,
    type: challenge.type,
    locale: challenge.locales[0] ?? 'fr-fr',
    instructionHtml: renderMarkdown(challenge.instruction),
    attachments: challenge.attachments.map((a) => ({ name: a.name, url: a.url })),
    focused: challenge.focused,
    response: isChoiceChallenge(challenge)
      ? { kind: 'choices', multiple: challenge.type === 'QCM', choices: challenge.choices.map((c, i) => ({ value: i + 1, html: renderInlineMarkdown(c) })) }
      : { kind: 'fields', parts: renderForm(challenge.form, challenge.fields) },
  };
  if (challenge.illustration) view.illustration = { ...challenge.illustration };
  if (challenge.embed) view.embed = { url: challenge.embed.url, title: challenge.embed.title, height: challenge.embed.height, autoReply: challenge.embed.autoReply ?? false };
  if (challenge.timer) view.timer = challenge.timer;
  return view;
}

/** The form as text (line breaks as their own parts) and labelled fields, in reading order. */
function renderForm(form: readonly FormPart[], fields: readonly FieldSpec[]): FormViewPart[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const parts: FormViewPart[] = [];
  for (const part of form) {
    if (part.type === 'field') {
      const f = byKey.get(part.key)!;
      const field: FormViewPart = { type: 'field', key: f.key, label: f.label, input: f.input };
      if (f.input === 'select') field.options = [...f.options];
      if (f.input === 'number' && f.unit) field.unit = f.unit;
      if (f.size !== undefined) field.size = f.size;
      if (f.placeholder !== undefined) field.placeholder = f.placeholder;
      parts.push(field);
      continue;
    }
    part.text.split('\n').forEach((line, i) => {
      if (i > 0) parts.push({ type: 'break' });
      const html = renderSegment(line);
      if (html !== '') parts.push({ type: 'text', html });
    });
  }
  return parts;
}

/** Inline Markdown that keeps one space where the text had spaces at its ends: they separate it from the fields. */
function renderSegment(text: string): string {
  const html = renderInlineMarkdown(text);
  if (html === '') return /\s/.test(text) ? ' ' : '';
  return `${/^\s/.test(text) ? ' ' : ''}${html}${/\s$/.test(text) ? ' ' : ''}`;
}

/** Fisher–Yates with a generator seeded from the text: stable across requests and servers. */
function shuffle<T>(items: readonly T[], seedText: string): T[] {
  const seed = createHash('sha256').update(seedText).digest().readInt32LE(0);
  const rng = xoroshiro128plus(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
