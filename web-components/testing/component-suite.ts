import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectBrowser, openPage, type TestPage } from './browser.js';
import { startFakeApi, type FakeApi } from './fake-api.js';

/** Shared set-up of a component test file: one browser connection, one fake API, pages closed after each test. */
export function componentSuite(): { browser(): Browser; api(): FakeApi; open(path: string, options?: { width?: number; locale?: string }): Promise<TestPage> } {
  let browser: Browser;
  let api: FakeApi;
  const opened: TestPage[] = [];
  beforeAll(async () => {
    browser = await connectBrowser();
    api = await startFakeApi();
  });
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.context.close();
    api.reset();
  });
  afterAll(async () => {
    await api.close();
    await browser.close();
  });
  return {
    browser: () => browser,
    api: () => api,
    async open(path, options) {
      const t = await openPage(browser, api.url + path, options);
      opened.push(t);
      return t;
    },
  };
}
