import DOMPurify from 'dompurify';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/**
 * Content HTML (instructions, proposals, corrections) is sanitised by the server; the
 * components sanitise it again before it reaches the DOM (defence in depth: a bug or a
 * bad import on the server side must not become script in a pupil's browser).
 */
const CONFIG = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'code', 'pre', 'kbd', 'ul', 'ol', 'li', 'a', 'span', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'img', 'abbr', 'mark'],
  ALLOWED_ATTR: ['href', 'title', 'lang', 'alt', 'src', 'width', 'height', 'scope', 'colspan', 'rowspan'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
};

let hooked = false;

export function cleanHtml(html: string): string {
  if (!hooked) {
    // Links in content open a new window: the player must stay where it is.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, CONFIG);
}

/** Lit directive input for sanitised content HTML. */
export const contentHtml = (html: string) => unsafeHTML(cleanHtml(html));
