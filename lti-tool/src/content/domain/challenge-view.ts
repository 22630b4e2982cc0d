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
 * HTML, free answers as labelled fields placed in a layout of text and fields. Choices
 * are identified by their 1-based position in the author's order ("1", "2"…), whatever
 * the displayed order; fields by their key.
 */
export interface ChallengeView {
  id: string;
  type: ChallengeType;
  locale: string;
  instructionHtml: string;
  proposals?: Array<{ id: string; html: string }>;
  fields?: AnswerFieldView[];
  layout?: Array<{ kind: 'text'; html: string } | { kind: 'field'; key: string }>;
  illustration?: { url: string; alt: string };
  attachments?: Array<{ url: string; name: string; format: string }>;
  embed?: { url: string; title: string; height: number; autoReply: boolean };
  /** `allowedSeconds` is `baseSeconds` here; the assessment adds a learner's extra time. */
  timer?: { baseSeconds: number; allowedSeconds: number };
  focused: boolean;
  competence: CompetenceRef;
}

export interface AnswerFieldView {
  key: string;
  label: string;
  kind: 'input' | 'select';
  format: 'words' | 'sentence' | 'paragraph' | 'number';
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
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

/** Text inputs longer than this many characters are shown as a wide "sentence" field. */
const SENTENCE_SIZE = 30;

/** Rendering Markdown is the costly part and depends on the challenge alone: once per challenge object. */
const rendered = new WeakMap<Challenge, Omit<ChallengeView, 'competence'>>();

export function toChallengeView(challenge: Challenge, options: ChallengeViewOptions): ChallengeView {
  let view = rendered.get(challenge);
  if (!view) {
    view = render(challenge);
    rendered.set(challenge, view);
  }
  const resolve = (url: string) => (options.assetBaseUrl && url.startsWith('/') ? `${options.assetBaseUrl.replace(/\/+$/, '')}${url}` : url);
  const result: ChallengeView = { ...view, competence: options.competence };
  if (view.illustration) result.illustration = { url: resolve(view.illustration.url), alt: view.illustration.alt };
  if (view.attachments) result.attachments = view.attachments.map((a) => ({ ...a, url: resolve(a.url) }));
  if (view.proposals && isChoiceChallenge(challenge) && challenge.shuffled && options.shuffleSeed) {
    result.proposals = shuffle(view.proposals, `${options.shuffleSeed}:${challenge.id}`);
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
    focused: challenge.focused,
  };
  if (isChoiceChallenge(challenge)) {
    view.proposals = challenge.choices.map((c, i) => ({ id: String(i + 1), html: renderInlineMarkdown(c) }));
  } else {
    view.fields = challenge.fields.map(toFieldView);
    view.layout = renderLayout(challenge.form, challenge.fields);
  }
  if (challenge.illustration) view.illustration = { ...challenge.illustration };
  if (challenge.attachments.length > 0) {
    view.attachments = challenge.attachments.map((a) => ({ url: a.url, name: a.name, format: (a.url.split(/[?#]/)[0]!.split('.').pop() ?? '').toLowerCase() || 'file' }));
  }
  if (challenge.embed) view.embed = { url: challenge.embed.url, title: challenge.embed.title, height: challenge.embed.height, autoReply: challenge.embed.autoReply ?? false };
  if (challenge.timer) view.timer = { baseSeconds: challenge.timer, allowedSeconds: challenge.timer };
  return view;
}

function toFieldView(field: FieldSpec): AnswerFieldView {
  const view: AnswerFieldView =
    field.input === 'select'
      ? { key: field.key, label: field.label, kind: 'select', format: 'words', options: field.options.map((o) => ({ value: o, label: o })) }
      : { key: field.key, label: field.label, kind: 'input', format: field.input === 'number' ? 'number' : (field.size ?? 0) > SENTENCE_SIZE ? 'sentence' : 'words' };
  if (field.placeholder) view.placeholder = field.placeholder;
  return view;
}

/**
 * The form as text and field segments. Line breaks become `<br>` inside text; a number
 * field's unit is written right after it, so "250 Mo" reads naturally.
 */
function renderLayout(form: readonly FormPart[], fields: readonly FieldSpec[]): NonNullable<ChallengeView['layout']> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const layout: NonNullable<ChallengeView['layout']> = [];
  const pushText = (html: string) => {
    if (html === '') return;
    const last = layout[layout.length - 1];
    if (last?.kind === 'text') last.html += html;
    else layout.push({ kind: 'text', html });
  };
  for (const part of form) {
    if (part.type === 'text') {
      pushText(part.text.split('\n').map(renderSegment).join('<br />'));
      continue;
    }
    layout.push({ kind: 'field', key: part.key });
    const field = byKey.get(part.key);
    if (field?.input === 'number' && field.unit) pushText(` ${renderInlineMarkdown(field.unit)}`);
  }
  return layout;
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
