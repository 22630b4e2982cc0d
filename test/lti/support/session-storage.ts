import type { BrowserPage, BrowserRequest, LtiBrowser, ScriptHook } from '../../lti-platform/index.js';

/**
 * What the launch pages' one script does in a real browser (lti-tool/src/lti/launch/http/launch-pages.ts),
 * for the HTTP browser: `data-storage-set` stores a value in the frame's sessionStorage,
 * `data-storage-get` fills a field from it before the auto-submit — or, when storage is
 * "blocked", stops and shows the new-tab offer. One storage per tool origin and top-level
 * site, as partitioned storage is.
 */
export class FrameSessionStorage {
  readonly values = new Map<string, string>();
  /** Storage unavailable too (Chrome with all cookies blocked). */
  blocked = false;
  /**
   * The page where a blocked storage stopped the script (the new-tab offer). The HTTP
   * browser has no "stay here" for hooks, so the hook records the page and ends the
   * navigation on a non-HTML answer of the tool (its health probe).
   */
  stoppedAt?: BrowserPage;

  hook(): ScriptHook {
    return (page: BrowserPage, browser: LtiBrowser): BrowserRequest | undefined => {
      const form = page.document().querySelector('form[data-auto-submit]');
      if (!form) return undefined;
      const partition = `${browser.topLevelOrigin ?? ''}|${new URL(page.url).origin}`;
      const setKey = form.getAttribute('data-storage-set');
      if (setKey && !this.blocked) this.values.set(`${partition}|${setKey}`, form.getAttribute('data-storage-value') ?? '');
      const getKey = form.getAttribute('data-storage-get');
      if (!getKey) return undefined;
      const parsed = page.form({ id: form.getAttribute('id') ?? undefined });
      if (!parsed) return undefined;
      if (this.blocked) {
        this.stoppedAt = page;
        return { method: 'GET', url: new URL('/healthz', page.url).toString() };
      }
      const value = this.values.get(`${partition}|${getKey}`) ?? '';
      this.values.delete(`${partition}|${getKey}`);
      return { method: parsed.method, url: parsed.action, form: { ...parsed.fields, [form.getAttribute('data-storage-field') ?? 'secret']: value } };
    };
  }
}
