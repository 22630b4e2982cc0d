import { parse, type HTMLElement } from 'node-html-parser';

export interface BrowserForm {
  /** Absolute URL the form submits to. */
  action: string;
  method: 'GET' | 'POST';
  name?: string;
  id?: string;
  /** Successful controls: hidden/text inputs with a name, checked boxes, selects, textareas. */
  fields: Record<string, string>;
}

export function parseDocument(body: string): HTMLElement {
  return parse(body, { comment: false, blockTextElements: { script: true, style: false, noscript: false } });
}

export function formsOf(doc: HTMLElement, baseUrl: string): BrowserForm[] {
  return doc.querySelectorAll('form').map((form) => {
    const fields: Record<string, string> = {};
    for (const input of form.querySelectorAll('input')) {
      const name = input.getAttribute('name');
      if (!name) continue;
      const type = (input.getAttribute('type') ?? 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && input.getAttribute('checked') === undefined) continue;
      if (type === 'submit' || type === 'button' || type === 'image' || type === 'file') continue;
      fields[name] = input.getAttribute('value') ?? (type === 'checkbox' ? 'on' : '');
    }
    for (const area of form.querySelectorAll('textarea')) {
      const name = area.getAttribute('name');
      if (name) fields[name] = area.text;
    }
    for (const select of form.querySelectorAll('select')) {
      const name = select.getAttribute('name');
      if (!name) continue;
      const options = select.querySelectorAll('option');
      const chosen = options.find((o) => o.getAttribute('selected') !== undefined) ?? options[0];
      if (chosen) fields[name] = chosen.getAttribute('value') ?? chosen.text;
    }
    const method = (form.getAttribute('method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    return {
      action: new URL(form.getAttribute('action') || baseUrl, baseUrl).toString(),
      method,
      name: form.getAttribute('name'),
      id: form.getAttribute('id'),
      fields,
    };
  });
}

/**
 * The form a page submits by itself on load: a script calling `.submit()` on it (Moodle's
 * `document.ltiLaunchForm.submit()`, `document.forms[0].submit()`, `getElementById(…).submit()`),
 * or a form marked `data-auto-submit`.
 */
export function autoSubmittedForm(doc: HTMLElement, forms: BrowserForm[]): BrowserForm | undefined {
  const marked = doc.querySelectorAll('form').findIndex((f) => f.getAttribute('data-auto-submit') !== undefined);
  if (marked >= 0) return forms[marked];
  const scripts = doc.querySelectorAll('script').map((s) => s.text).join('\n');
  if (!/\.submit\(\s*\)/.test(scripts)) return undefined;
  const named = forms.find((f) => (f.name && scripts.includes(f.name)) || (f.id && scripts.includes(f.id)));
  if (named) return named;
  return forms.length === 1 ? forms[0] : undefined;
}

/** `<meta http-equiv="refresh" content="0;url=…">` target, if any. */
export function metaRefresh(doc: HTMLElement, baseUrl: string): string | undefined {
  const meta = doc.querySelectorAll('meta').find((m) => (m.getAttribute('http-equiv') ?? '').toLowerCase() === 'refresh');
  const match = meta?.getAttribute('content')?.match(/url\s*=\s*['"]?([^'"]+)/i);
  return match ? new URL(match[1]!, baseUrl).toString() : undefined;
}
