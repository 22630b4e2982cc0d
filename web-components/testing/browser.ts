import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The Chromium started by the global setup (or a private one when run outside vitest's setup). */
export async function connectBrowser(): Promise<Browser> {
  let endpoint: string | undefined;
  try {
    endpoint = inject('chromiumWsEndpoint');
  } catch {
    endpoint = undefined;
  }
  return endpoint ? chromium.connect(endpoint) : chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

export async function openPage(browser: Browser, url: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1024, height: options.height ?? 800 }, locale: options.locale ?? 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon\.ico$/.test(msg.location().url)) errors.push(`${msg.text()} ${msg.location().url}`);
  });
  await page.goto(url);
  return { context, page, errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (every rule: WCAG 2.0/2.1 A and AA plus best practices) on the page,
 * shadow roots included, and returns a readable list of violations (empty when none).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools rather than a <script> tag, so the page's CSP does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary ?? '')).join(' | ')}`);
}

/** Mounts an element on the fake server's component page and sets its properties. */
export async function mount(page: Page, tag: string, properties: Record<string, unknown> = {}, attributes: Record<string, string> = {}): Promise<void> {
  await page.evaluate(
    async ({ tag, properties, attributes }) => {
      await customElements.whenDefined(tag);
      const el = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> } & Record<string, unknown>;
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
      Object.assign(el, properties);
      document.getElementById('root')!.append(el);
      await el.updateComplete;
    },
    { tag, properties, attributes },
  );
}

/** Deep active element's description, through shadow roots: tag, id and text. */
export async function focused(page: Page): Promise<{ tag: string; id: string; text: string }> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { tag: a?.tagName.toLowerCase() ?? '', id: a?.id ?? '', text: (a?.textContent ?? '').trim().replace(/\s+/g, ' ') };
  });
}

/** Collects what polite live regions say (role=status / aria-live), through shadow roots. */
export async function liveText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      root.querySelectorAll('[role="status"],[aria-live],[role="alert"]').forEach((el) => texts.push((el.textContent ?? '').trim()));
      root.querySelectorAll('*').forEach((el) => el.shadowRoot && walk(el.shadowRoot));
    };
    walk(document);
    return texts.filter(Boolean).join(' | ');
  });
}
