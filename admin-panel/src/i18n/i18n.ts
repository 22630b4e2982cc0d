import { en } from './messages.en.js';
import { fr, type Messages } from './messages.fr.js';

export type { Messages };
export type Locale = 'fr' | 'en';

const STORAGE_KEY = 'pix-admin-locale';
const listeners = new Set<() => void>();
let current: Locale = initialLocale();

/** French unless the person chose English here before, or the browser asks for English first. */
function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  return /^en\b/i.test(globalThis.navigator?.language ?? '') ? 'en' : 'fr';
}

export function locale(): Locale {
  return current;
}

export function messages(): Messages {
  return current === 'en' ? en : fr;
}

/** Changes the language everywhere, and marks it on <html lang> for assistive technologies (RGAA 8.3). */
export function setLocale(next: Locale): void {
  current = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The sentence to show for a failed API call: by its code, else a generic one with the request id. */
export function errorMessage(m: Messages, error: unknown): string {
  const e = error as { code?: string; requestId?: string };
  const code = e?.code ?? 'INTERNAL_ERROR';
  return m.errors[code] ?? m.errorFallback(code, e?.requestId);
}
