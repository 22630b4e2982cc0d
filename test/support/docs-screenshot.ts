import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from './processes.js';

/**
 * Screenshots for the admin guide (docs/guides/screens/admin-*.png), taken by the browser
 * tests at the moments they check, only when `DOCS_SCREENS=1`:
 * `DOCS_SCREENS=1 npx vitest run test/browser/admin-*.test.ts`.
 */
export async function docsScreenshot(page: Page, name: string, target?: Locator): Promise<void> {
  if (process.env.DOCS_SCREENS !== '1') return;
  const file = path.join(ROOT, 'docs', 'guides', 'screens', `admin-${name}.png`);
  await page.waitForTimeout(100);
  if (target) await target.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
}
