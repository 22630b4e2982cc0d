import { CookieJar } from 'tough-cookie';
import type { HTMLElement } from 'node-html-parser';
import { autoSubmittedForm, formsOf, metaRefresh, parseDocument, type BrowserForm } from './html-forms.js';

export interface BrowserRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Form fields, sent `application/x-www-form-urlencoded` (POST) or as the query (GET). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface BrowserStep {
  method: string;
  url: string;
  status: number;
  /** How the browser got to the next step from this response. */
  next: 'redirect' | 'auto-submit' | 'meta-refresh' | 'hook' | 'end';
  /** Fields posted by the request of this step, if any. */
  sent?: Record<string, string>;
}

export class BrowserPage {
  private doc?: HTMLElement;
  private formList?: BrowserForm[];

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
  ) {}

  get contentType(): string {
    return this.headers.get('content-type') ?? '';
  }
  get isHtml(): boolean {
    return this.contentType.includes('html');
  }
  document(): HTMLElement {
    this.doc ??= parseDocument(this.body);
    return this.doc;
  }
  forms(): BrowserForm[] {
    this.formList ??= this.isHtml ? formsOf(this.document(), this.url) : [];
    return this.formList;
  }
  form(selector: { name?: string; id?: string; action?: RegExp } = {}): BrowserForm | undefined {
    return this.forms().find((f) => (!selector.name || f.name === selector.name) && (!selector.id || f.id === selector.id) && (!selector.action || selector.action.test(f.action)));
  }
  json<T = unknown>(): T {
    return JSON.parse(this.body) as T;
  }
  /** The visible text of the page (for assertions on messages). */
  text(): string {
    return this.isHtml ? this.document().querySelector('body')?.text.replace(/\s+/g, ' ').trim() ?? '' : this.body;
  }
}

/** Lets a test complete a step that a real browser would do with a page's script. */
export type ScriptHook = (page: BrowserPage, browser: LtiBrowser) => BrowserRequest | undefined | Promise<BrowserRequest | undefined>;

export interface LtiBrowserOptions {
  /**
   * `allowed` (default): every cookie is kept and sent. `blocked`: cookies of any origin other than
   * the top-level page's are neither stored nor sent (Safari, Chrome with third-party cookies off).
   * `samesite`: in a third-party context only `SameSite=None` cookies are kept and sent (Chrome's defaults).
   */
  thirdPartyCookies?: 'allowed' | 'blocked' | 'samesite';
  userAgent?: string;
  /** Consulted, in order, on every HTML page before the auto-submit detection. */
  scriptHooks?: ScriptHook[];
  /** Upper bound on hops for one navigation (default 25). */
  maxSteps?: number;
}

export interface Navigation {
  page: BrowserPage;
  steps: BrowserStep[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * An HTTP "browser" for LTI flows without a real browser: a cookie jar per origin, redirects,
 * Moodle-style auto-submitted forms and meta refreshes followed, and hooks for script-driven
 * steps. Navigations made "inside the LMS frame" (`topLevelOrigin`) treat every other origin as
 * third-party for the cookie policy. Origins are kept apart even on one host (on loopback the
 * platform and the tool differ only by port; in production they are different sites).
 */
export class LtiBrowser {
  private readonly jars = new Map<string, CookieJar>();
  private readonly blockedOrigins = new Set<string>();
  readonly options: Required<Omit<LtiBrowserOptions, 'userAgent'>> & { userAgent?: string };
  /** The origin of the page the navigation happens in (the LMS page around the iframe), if any. */
  topLevelOrigin?: string;

  constructor(options: LtiBrowserOptions = {}) {
    this.options = { thirdPartyCookies: options.thirdPartyCookies ?? 'allowed', scriptHooks: options.scriptHooks ?? [], maxSteps: options.maxSteps ?? 25, userAgent: options.userAgent };
  }

  /** Forgets every cookie of an origin, and refuses its cookies from now on. */
  blockCookiesFor(origin: string): void {
    const o = new URL(origin).origin;
    this.blockedOrigins.add(o);
    this.jars.delete(o);
  }

  /** Forgets every cookie of an origin (once). */
  dropCookiesFor(origin: string): void {
    this.jars.delete(new URL(origin).origin);
  }

  cookies(url: string): string {
    return this.jars.get(new URL(url).origin)?.getCookieStringSync(url) ?? '';
  }

  /** One HTTP exchange, cookies in and out, no redirect followed. */
  async request(req: BrowserRequest): Promise<BrowserPage> {
    const target = new URL(req.url);
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...req.headers };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (req.form && req.method === 'POST') {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.form) {
      for (const [k, v] of Object.entries(req.form)) target.searchParams.set(k, v);
    }
    const response = await fetch(target, { method: req.method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.storeCookie(target, line);
    return new BrowserPage(target.toString(), response.status, response.headers, await response.text());
  }

  /** Follows redirects, auto-submitted forms, meta refreshes and script hooks until a page stays. */
  async navigate(first: BrowserRequest, options: { topLevelOrigin?: string } = {}): Promise<Navigation> {
    if (options.topLevelOrigin !== undefined) this.topLevelOrigin = new URL(options.topLevelOrigin).origin;
    const steps: BrowserStep[] = [];
    let req: BrowserRequest | undefined = first;
    let page: BrowserPage | undefined;
    while (req) {
      if (steps.length >= this.options.maxSteps) throw new Error(`too many steps (${steps.length}): ${steps.map((s) => `${s.method} ${s.url} → ${s.status}`).join(' | ')}`);
      page = await this.request(req);
      const step: BrowserStep = { method: req.method, url: page.url, status: page.status, next: 'end', sent: req.method === 'POST' ? req.form : undefined };
      steps.push(step);
      req = await this.nextRequest(page, step);
    }
    return { page: page!, steps };
  }

  /** Submits a form of a page (with field overrides) and follows what comes next. */
  submit(form: BrowserForm, overrides: Record<string, string> = {}): Promise<Navigation> {
    return this.navigate({ method: form.method, url: form.action, form: { ...form.fields, ...overrides } });
  }

  private async nextRequest(page: BrowserPage, step: BrowserStep): Promise<BrowserRequest | undefined> {
    const location = page.headers.get('location');
    if (REDIRECTS.has(page.status) && location) {
      step.next = 'redirect';
      const keepMethod = page.status === 307 || page.status === 308;
      return { method: keepMethod ? (step.method as 'GET' | 'POST') : 'GET', url: new URL(location, page.url).toString(), form: keepMethod ? step.sent : undefined };
    }
    if (!page.isHtml) return undefined;
    for (const hook of this.options.scriptHooks) {
      const next = await hook(page, this);
      if (next) {
        step.next = 'hook';
        return next;
      }
    }
    if (!/<form|http-equiv/i.test(page.body)) return undefined;
    const refresh = metaRefresh(page.document(), page.url);
    if (refresh) {
      step.next = 'meta-refresh';
      return { method: 'GET', url: refresh };
    }
    const form = autoSubmittedForm(page.document(), page.forms());
    if (!form) return undefined;
    step.next = 'auto-submit';
    return { method: form.method, url: form.action, form: form.fields };
  }

  private thirdParty(url: URL): boolean {
    return this.topLevelOrigin !== undefined && url.origin !== this.topLevelOrigin;
  }

  private cookieHeader(url: URL): string {
    if (this.blockedOrigins.has(url.origin)) return '';
    if (this.thirdParty(url) && this.options.thirdPartyCookies === 'blocked') return '';
    const jar = this.jars.get(url.origin);
    if (!jar) return '';
    if (this.thirdParty(url) && this.options.thirdPartyCookies === 'samesite') {
      return jar
        .getCookiesSync(url.toString())
        .filter((c) => c.sameSite === 'none')
        .map((c) => c.cookieString())
        .join('; ');
    }
    return jar.getCookieStringSync(url.toString());
  }

  private storeCookie(url: URL, line: string): void {
    if (this.blockedOrigins.has(url.origin)) return;
    if (this.thirdParty(url) && this.options.thirdPartyCookies === 'blocked') return;
    if (this.thirdParty(url) && this.options.thirdPartyCookies === 'samesite' && !/;\s*samesite\s*=\s*none/i.test(line)) return;
    let jar = this.jars.get(url.origin);
    if (!jar) {
      jar = new CookieJar(undefined, { rejectPublicSuffixes: false, allowSecureOnLocal: true });
      this.jars.set(url.origin, jar);
    }
    try {
      jar.setCookieSync(line, url.toString(), { ignoreError: true });
    } catch {
      // A cookie a browser would drop.
    }
  }
}
