import type { Challenge } from './challenge.js';
import { toChallengeView } from './challenge-view.js';
import { renderMarkdown } from './markdown.js';

/**
 * The outside origins the item bank's challenges load into a learner's page: the embedded
 * simulators (frames) and the images (illustrations, images in Markdown). The launch page's
 * Content-Security-Policy allows exactly these, rather than any https site. Only https
 * origins count (the bank format refuses other schemes for embeds and Markdown images); the
 * tool's own assets are the page's `'self'`.
 */
export interface MediaOrigins {
  frames: string[];
  images: string[];
}

const NO_COMPETENCE = { code: '', name: '', areaCode: '', areaName: '' };
const IMG_SRC = /<img\b[^>]*?\ssrc="([^"]+)"/g;

export function mediaOriginsOf(challenges: readonly Challenge[]): MediaOrigins {
  const frames = new Set<string>();
  const images = new Set<string>();
  for (const challenge of challenges) {
    // The view is what reaches the page: Markdown rendered and sanitised as the learner gets it.
    const view = toChallengeView(challenge, { competence: NO_COMPETENCE });
    if (view.embed) addOrigin(frames, view.embed.url);
    if (view.illustration) addOrigin(images, view.illustration.url);
    const html = [
      view.instructionHtml,
      challenge.explanation ? renderMarkdown(challenge.explanation) : '',
      ...(view.response.kind === 'choices' ? view.response.choices.map((c) => c.html) : view.response.parts.map((p) => (p.type === 'text' ? p.html : ''))),
    ];
    for (const fragment of html) for (const [, src] of fragment.matchAll(IMG_SRC)) addOrigin(images, src!.replace(/&amp;/g, '&'));
  }
  return { frames: [...frames].sort(), images: [...images].sort() };
}

function addOrigin(into: Set<string>, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // a path of the tool's own assets: 'self'
  }
  if (parsed.protocol === 'https:') into.add(parsed.origin);
}
