import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown of the item bank rendered to sanitised HTML on the server, so the browser
 * bundle ships no Markdown parser and no author (or compromised bank file) can inject
 * script. Raw HTML in the Markdown is kept only where it fits the allow-list.
 */

const marked = new Marked({ gfm: true, breaks: true, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'code', 'pre', 'kbd', 'sub', 'sup', 'mark',
    'ul', 'ol', 'li', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'img',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'span', 'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel', 'lang'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    span: ['lang'],
    '*': ['lang'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Headings h1/h2 belong to the page around the challenge: demote them.
  transformTags: {
    h1: 'h3',
    h2: 'h3',
    // Links leave the LMS frame in a new tab, without giving the target a handle on us.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.alt,
};

/** Block Markdown (instructions, explanations) → safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, SANITIZE).trim();
}

/** Inline Markdown (choices, text around fields) → safe HTML without a wrapping paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parseInline(markdown) as string, SANITIZE).trim();
}
