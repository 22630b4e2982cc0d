// `npm run docs:screens`: screenshots of every screen for docs/guides/screens/, taken in
// Debian's Chromium against the fake API (web-components/testing/fake-api.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
// @ts-expect-error plain .mjs helper shared with `npm start`
import { ensureBuilt } from './ensure-built.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../testing/chromium.js';
import { startFakeApi } from '../testing/fake-api.js';

const OUT = fileURLToPath(new URL('../../docs/guides/screens/', import.meta.url));

(ensureBuilt as () => boolean)();
const api = await startFakeApi();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });

async function shoot(name: string, url: string, act: (page: Page) => Promise<void>, options: { width?: number; height?: number; locale?: string } = {}): Promise<void> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1024, height: options.height ?? 800 }, deviceScaleFactor: 1, locale: options.locale ?? 'fr-FR' });
  const page = await context.newPage();
  await page.goto(api.url + url);
  await act(page);
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  await context.close();
  console.log(`  ${name}.png`);
}

const start = async (page: Page) => {
  await page.getByRole('button', { name: /^(Commencer|Reprendre|Start)$/ }).click();
  await page.locator('pix-challenge h2').waitFor();
};
const answerQcu = async (page: Page) => {
  await page.locator('pix-challenge').getByText('À exclure les pages').click();
  await page.getByRole('button', { name: 'Je valide' }).click();
  await page.locator('pix-challenge h2').getByText('Question 2').waitFor();
};
/** Skips questions (starting timed/focused ones, going through checkpoints) until question `n`, or to the results with n = Infinity. */
const skipTo = async (page: Page, n: number) => {
  for (;;) {
    const screen = page.locator('pix-challenge h2, pix-checkpoint h2, pix-results h2').first();
    await screen.waitFor();
    if (await page.locator('pix-results h2').count()) return;
    if (await page.locator('pix-checkpoint h2').count()) {
      await page.locator('pix-checkpoint button').click();
      await page.locator('pix-checkpoint').waitFor({ state: 'detached' });
      continue;
    }
    const text = (await screen.textContent()) ?? '';
    if (Number(/\d+/.exec(text)?.[0]) >= n) return;
    const begin = page.getByRole('button', { name: 'Commencer la question' });
    if (await begin.count()) {
      await begin.click();
      await page.getByRole('button', { name: 'Je passe' }).waitFor();
    }
    await page.getByRole('button', { name: 'Je passe' }).click();
    await page.locator('pix-challenge h2', { hasText: text }).waitFor({ state: 'detached' }).catch(() => undefined);
  }
};

try {
  await shoot('01-player-start', '/launch?token=shot-start', async (p) => void (await p.locator('pix-player h2').waitFor()));
  await shoot('02-qcu-illustration', '/launch?token=shot-qcu', async (p) => {
    await start(p);
    await p.locator('pix-challenge').getByText('À exclure les pages').click();
  });
  await shoot('03-qcm', '/launch?token=shot-qcm', async (p) => {
    await start(p);
    await answerQcu(p);
  });
  await shoot('04-qrocm-inline-error', '/launch?token=shot-qrocm', async (p) => {
    await start(p);
    await skipTo(p, 4);
    await p.getByLabel('Extension d’un texte LibreOffice').fill('.odt');
    await p.getByRole('button', { name: 'Je valide' }).click();
  });
  await shoot('05-qrocm-dep-select', '/launch?token=shot-dep', async (p) => {
    await start(p);
    await skipTo(p, 5);
  });
  await shoot('06-checkpoint', '/launch?token=shot-checkpoint', async (p) => {
    await start(p);
    await answerQcu(p);
    for (let i = 0; i < 4; i++) {
      await p.getByRole('button', { name: 'Je passe' }).click();
      await p.locator('pix-challenge h2, pix-checkpoint h2').first().waitFor();
      await p.waitForTimeout(100);
    }
    await p.locator('pix-checkpoint h2').waitFor();
    await p.locator('pix-checkpoint summary').nth(1).click();
  }, { height: 1000 });
  await shoot('07-timed-briefing', '/launch?token=shot-timed', async (p) => {
    await start(p);
    await skipTo(p, 6);
  });
  await shoot('08-timed-running', '/launch?token=shot-timer', async (p) => {
    await start(p);
    await skipTo(p, 6);
    await p.getByRole('button', { name: 'Commencer la question' }).click();
    await p.locator('pix-timer').waitFor();
  });
  await shoot('09-focus-briefing-attachments', '/launch?token=shot-focus', async (p) => {
    await start(p);
    await skipTo(p, 7);
    await p.getByRole('button', { name: 'Commencer la question' }).click();
    await p.locator('pix-challenge .attachments').waitFor();
  });
  await shoot('10-embed', '/launch?token=shot-embed', async (p) => {
    await start(p);
    await skipTo(p, 8);
  });
  await shoot('11-offline', '/launch?token=shot-offline', async (p) => {
    await start(p);
    await p.locator('pix-challenge').getByText('À exclure les pages').click();
    await p.context().setOffline(true);
    await p.getByRole('button', { name: 'Je valide' }).click();
    await p.locator('pix-player .notice.warning').waitFor();
  });
  await shoot('12-results', '/launch?token=shot-results', async (p) => {
    await start(p);
    await answerQcu(p);
    await skipTo(p, Infinity);
    await p.locator('pix-results h2').waitFor();
  }, { height: 1000 });
  await shoot('13-player-320px', '/launch?token=shot-narrow', async (p) => {
    await start(p);
    await p.locator('pix-challenge').getByText('À exclure les pages').click();
  }, { width: 320, height: 640 });
  await shoot('14-player-english', '/launch?token=shot-en&locale=en-GB', async (p) => {
    await start(p);
  }, { locale: 'en-GB' });
  await shoot('15-ent-page-themed', '/ent?token=shot-ent', async (p) => void (await p.locator('pix-player h2').waitFor()));
  await shoot('16-content-picker', '/launch?view=deep-linking&token=teacher-shots', async (p) => {
    await p.locator('pix-content-picker li.item').first().waitFor();
    await p.locator('pix-content-picker button[aria-controls="item-campaign-campaign-2-preview"]').click();
    await p.getByLabel('Sécurité et vie privée').check();
  }, { height: 900 });
  await shoot('17-teacher-dashboard', '/launch?view=instructor&token=teacher-shots', async (p) => void (await p.locator('pix-teacher-dashboard h1').waitFor()), { width: 1200 });
} finally {
  await browser.close();
  await api.close();
}
