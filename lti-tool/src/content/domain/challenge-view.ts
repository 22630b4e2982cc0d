import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { isChoiceChallenge, type Challenge, type ChallengeType, type FieldSpec, type FormPart } from './challenge.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';

/**
 * What a learner's browser receives for a challenge: never the solution, Markdown
 * already rendered to sanitised HTML, and the free-answer form as a structure (text,
 * line breaks and labelled inputs) that the web component turns into accessible
 * controls. Answers refer to choices by `value` (the author's 1-based position),
 * whatever the displayed order, and to fields by `key` — the shapes of `AnswerValue`.
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
  embed?: { url: string; title: string; height: number };
  /** Seconds allowed; absent when the challenge is not timed. */
  timer?: number;
  /** Focus mode: leaving the page makes the answer `focusedOut`. */
  focused: boolean;
  response: ChoicesResponse | FieldsResponse;
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
      /** Accessible name of the input. */
      label: string;
      input: 'text' | 'number' | 'select';
      options?: string[];
      unit?: string;
      size?: number;
      placeholder?: string;
    };

export interface FieldsResponse {
  kind: 'fields';
  parts: FormViewPart[];
}

export interface ChallengeViewOptions {
  /** Draws the order of shuffled choices; the same seed (e.g. the assessment id) gives the same order. */
  shuffleSeed?: string;
  /** Prefix for the tool's own asset paths, e.g. the public URL; absolute URLs are left alone. */
  assetBaseUrl?: string;
}

/** Rendering is the costly part; it depends on the challenge alone, so it is done once per challenge object. */
const rendered = new WeakMap<Challenge, Omit<ChallengeView, 'illustration' | 'attachments'> & Pick<Challenge, 'illustration' | 'attachments'>>();

export function toChallengeView(challenge: Challenge, options: ChallengeViewOptions = {}): ChallengeView {
  let view = rendered.get(challenge);
  if (!view) {
    view = render(challenge);
    rendered.set(challenge, view);
  }
  const resolve = (url: string) => resolveAssetUrl(url, options.assetBaseUrl);
  const result: ChallengeView = {
    ...view,
    illustration: view.illustration && { url: resolve(view.illustration.url), alt: view.illustration.alt },
    attachments: view.attachments.map((a) => ({ name: a.name, url: resolve(a.url) })),
  };
  if (!result.illustration) delete result.illustration;
  if (result.response.kind === 'choices' && isChoiceChallenge(challenge) && challenge.shuffled && options.shuffleSeed) {
    result.response = { ...result.response, choices: shuffle(result.response.choices, `${options.shuffleSeed}:${challenge.id}`) };
  }
  return result;
}

function render(challenge: Challenge) {
  const view = {
    id: challenge.id,
    type: challenge.type,
    locale: challenge.locales[0] ?? 'fr-fr',
    instructionHtml: renderMarkdown(challenge.instruction),
    illustration: challenge.illustration,
    attachments: challenge.attachments,
    embed: challenge.embed && { ...challenge.embed },
    timer: challenge.timer,
    focused: challenge.focused,
    response: isChoiceChallenge(challenge)
        ? { kind: 'choices' as const, multiple: challenge.type === 'QCM', choices: challenge.choices.map((c, i) => ({ value: i + 1, html: renderInlineMarkdown(c) })) }
        : { kind: 'fields' as const, parts: renderForm(challenge.form, challenge.fields) },
  };
  if (!view.embed) delete view.embed;
  if (view.timer === undefined) delete view.timer;
  return view;
}

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
      const html = renderInlineMarkdown(line);
      if (html !== '') parts.push({ type: 'text', html });
    });
  }
  return parts;
}

function resolveAssetUrl(url: string, base: string | undefined): string {
  return base && url.startsWith('/') ? `${base.replace(/\/+$/, '')}${url}` : url;
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
