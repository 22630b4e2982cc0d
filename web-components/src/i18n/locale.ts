import type * as English from './messages.en.js';
import { fr, type Messages } from './messages.fr.js';

export type { Messages };
export type UiLocale = 'fr' | 'en';

/**
 * French is in the main bundle; English is loaded on first need (a few kB a French
 * learner never downloads). Elements do not render until their catalogue is there.
 */
let english: typeof English | undefined;
let loading: Promise<void> | undefined;

export function ensureLocale(locale: UiLocale): Promise<void> {
  if (locale === 'fr' || english) return Promise.resolve();
  return (loading ??= import('./messages.en.js').then((module) => {
    english = module;
  }));
}

export function isLocaleReady(locale: UiLocale): boolean {
  return locale === 'fr' || english !== undefined;
}

/** French unless the language asked for is English (the only other catalogue today). */
export function uiLocaleOf(lang: string | null | undefined): UiLocale {
  return lang && /^en\b/i.test(lang) ? 'en' : 'fr';
}

export function messagesFor(locale: UiLocale): Messages {
  return locale === 'en' && english ? english.en : fr;
}

/** The English module once loaded (the teacher's catalogue reads it too). */
export function loadedEnglish(): typeof English | undefined {
  return english;
}

/**
 * The language in force for an element: its own or its nearest ancestor's `lang`,
 * crossing shadow roots up to the document. Using the HTML attribute itself means the
 * language is also marked for assistive technologies (RGAA 8.3/8.7).
 */
export function langOf(element: Element): string | undefined {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.closest('[lang]')?.getAttribute('lang');
      if (lang) return lang;
    }
    const root: Node = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}
