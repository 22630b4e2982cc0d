import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankFiles, smallBank } from '../../lti-tool/src/content/testing/bank-files.js';
import { startDemoLms, type Activity, type DemoLms, type User } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';
import { launchChromium } from '../support/browser.js';

const SIMULATOR = 'https://simulateurs.example.org';
const IMAGES = 'https://images.example.org';
const ELSEWHERE = 'https://ailleurs.example.net';

/**
 * The launch page's Content-Security-Policy lets the item bank's challenges show what they
 * need, in a real Chromium inside the LMS frame: the embedded simulator (frame-src) and the
 * illustration (img-src) from the bank's https origins — and still nothing from elsewhere.
 * The outside sites are answered by the browser context's routes.
 */
describe('the launch page shows the item bank’s embeds and illustrations in Chromium', () => {
  let tool: PixTool;
  let lms: DemoLms;
  let browser: Browser;
  let student: User;
  let activity: Activity;

  beforeAll(async () => {
    tool = await startPixTool();
    const bank = smallBank();
    bank.header.bank = { id: 'media-bank', version: '2', defaultLocale: 'fr-fr' };
    const challenges = (bank.content as { challenges: Array<Record<string, unknown>> }).challenges;
    for (const c of challenges) {
      c.embed = { url: `${SIMULATOR}/wifi.html?c=${c.id as string}`, title: 'Simulateur de réseau', height: 200 };
      c.illustration = { src: `${IMAGES}/schema.svg`, alt: 'Schéma du réseau' };
    }
    const content = tool.modules.find((m) => m.name === 'content') as unknown as { importItemBank(input: { files: unknown[]; importedBy: string }): Promise<{ errors: unknown[] }> };
    const report = await content.importItemBank({ files: bankFiles(bank), importedBy: 'media-test' });
    expect(report.errors).toEqual([]);

    lms = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/lti/register` } });
    const [pending] = await tool.lti.registrations.list({ status: 'pending' });
    await tool.lti.registrations.changeStatus(pending!.id, 'approve', 'media-test');
    const site = lms.simulator.platform.site;
    student = [...site.users.values()].find((u) => u.username === 'lbernard')!;
    const course = [...site.courses.values()].find((c) => c.shortname === '3B-NUM')!;
    activity = lms.simulator.addActivity({ courseId: course.id, toolId: lms.tool!.registration.id, name: 'Test adaptatif 1.1', instructorCustomParameters: { pix_activity: 'competence-evaluation:competence-1-1' } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lms?.stop();
    await tool?.stop();
  });

  it('frames the simulator and shows the illustration from the bank’s origins, and blocks an image from elsewhere', async () => {
    const context = await browser.newContext();
    try {
      const outside: string[] = [];
      await context.route(`${SIMULATOR}/**`, (route) => {
        outside.push(route.request().url());
        return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Simulateur</title><p id="sim">Simulateur prêt</p></html>' });
      });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#36c"/></svg>';
      await context.route(`${IMAGES}/**`, (route) => {
        outside.push(route.request().url());
        return route.fulfill({ contentType: 'image/svg+xml', body: svg });
      });
      await context.route(`${ELSEWHERE}/**`, (route) => {
        outside.push(route.request().url());
        return route.fulfill({ contentType: 'image/svg+xml', body: svg });
      });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
      });
      const launch = page.waitForResponse((res) => res.url() === `${tool.url}/lti/launch` && res.request().method() === 'POST');
      await page.goto(`${lms.url}/login/index.php?user=${student.id}&next=${encodeURIComponent(`/mod/lti/view.php?id=${activity.cmid}`)}`);
      const csp = (await (await launch).headerValue('content-security-policy')) ?? '';
      expect(csp).toContain(`frame-src ${SIMULATOR}`);
      expect(csp).toContain(`img-src 'self' data: ${IMAGES};`);

      const frame = (await (await page.waitForSelector('iframe.lti')).contentFrame())!;
      await frame.locator('pix-player').getByRole('button', { name: 'Commencer' }).click();
      await frame.locator('pix-challenge').getByRole('heading').first().waitFor({ timeout: 15_000 });

      // The simulator's frame loaded our page.
      let simulator: Frame | undefined;
      for (let i = 0; i < 100 && !simulator; i++) {
        simulator = page.frames().find((f) => f.url().startsWith(SIMULATOR));
        if (!simulator) await new Promise((r) => setTimeout(r, 50));
      }
      expect(simulator, 'the embedded simulator frame').toBeDefined();
      await simulator!.waitForSelector('#sim');
      expect(await simulator!.textContent('#sim')).toBe('Simulateur prêt');
      expect(await frame.locator('pix-challenge').getByTitle('Simulateur de réseau').count()).toBe(1);

      // The illustration is shown.
      const illustration = frame.locator('pix-challenge').getByRole('img', { name: 'Schéma du réseau' });
      await illustration.waitFor();
      await expect.poll(() => illustration.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect(violations).toEqual([]);

      // An image or a frame from a site the bank does not use is still refused (never requested).
      const loaded = await frame.evaluate(async (elsewhere) => {
        const img = new Image();
        const done = new Promise<boolean>((resolve) => {
          img.onload = () => resolve(true);
          img.onerror = () => resolve(false);
        });
        img.src = `${elsewhere}/logo.svg`;
        document.body.append(img);
        const iframe = document.createElement('iframe');
        iframe.src = `${elsewhere}/page.html`;
        document.body.append(iframe);
        return done;
      }, ELSEWHERE);
      expect(loaded).toBe(false);
      await expect.poll(() => violations.filter((v) => v.includes(ELSEWHERE)).length).toBe(2);
      expect(outside.some((u) => u.startsWith(ELSEWHERE))).toBe(false);
    } finally {
      await context.close();
    }
  });
});
