import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoLms, type DemoLms, type User } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';
import { axeViolations, launchChromium } from '../support/browser.js';

/**
 * The demo LMS that `npm start` offers on :3100, page by page in Chromium: French, one h1,
 * named controls and no axe-core WCAG 2.1 A/AA violation (the tool's frames are checked by
 * the components' own tests).
 */
describe('the demo LMS pages in Chromium', () => {
  let tool: PixTool;
  let lms: DemoLms;
  let browser: Browser;
  let user: (username: string) => User;
  let courseId: string;

  beforeAll(async () => {
    tool = await startPixTool();
    lms = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/lti/register` } });
    const site = lms.simulator.platform.site;
    user = (username) => [...site.users.values()].find((u) => u.username === username)!;
    courseId = [...site.courses.values()].find((c) => c.shortname === '3B-NUM')!.id;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lms?.stop();
    await tool?.stop();
  });

  async function visit(as: string | undefined, path: string, check: (page: Page) => Promise<void> = async () => undefined, status = 200): Promise<void> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => {
        // A refusal's own status is the page's, not an error of the page.
        if (msg.type() === 'error' && !msg.location().url.startsWith(tool.url) && !(status !== 200 && msg.text().includes(`status of ${status}`))) errors.push(`${msg.text()} (${msg.location().url})`);
      });
      const url = as ? `${lms.url}/login/index.php?user=${user(as).id}&next=${encodeURIComponent(path)}` : `${lms.url}${path}`;
      const response = await page.goto(url);
      expect(response?.status()).toBe(status);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.title()).toMatch(/— Éléa démo$/);
      await check(page);
      expect(await axeViolations(page), `${as ?? 'anonymous'} ${path}`).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it('home, logged out and logged in', async () => {
    await visit(undefined, '/', async (page) => {
      expect(await page.getByRole('button', { name: 'Se connecter en tant que Léa Bernard' }).count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    });
    await visit('lbernard', '/');
  });

  it('a course, for its teacher (add an activity, gradebook) and for a student', async () => {
    await visit('cmartin', `/course/view.php?id=${courseId}`, async (page) => {
      expect(await page.getByRole('link', { name: 'Ajouter une activité Pix' }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Carnet de notes' }).count()).toBe(1);
    });
    await visit('lbernard', `/course/view.php?id=${courseId}`, async (page) => {
      expect(await page.getByRole('link', { name: 'Carnet de notes' }).count()).toBe(0);
    });
  });

  it('the deep-linking page and the activity page, with titled frames', async () => {
    const tool = lms.tool!.registration;
    await visit('cmartin', `/course/modedit.php?course=${courseId}&typeid=${tool.id}`, async (page) => {
      expect(await page.getByTitle('Sélection de contenu Pix').count()).toBe(1);
    });
    const activity = [...lms.simulator.platform.site.activities.values()].find((a) => a.courseId === courseId)!;
    await visit('lbernard', `/mod/lti/view.php?id=${activity.cmid}`, async (page) => {
      expect(await page.locator('iframe.lti').getAttribute('title')).toContain(activity.name);
    });
  });

  it('the gradebook, the tools administration and a refusal', async () => {
    await visit('cmartin', `/grade/report/grader/index.php?id=${courseId}`, async (page) => {
      expect(await page.getByRole('rowheader', { name: 'Léa Bernard' }).count()).toBe(1);
    });
    await visit('admin', '/admin/tool/lti/index.php', async (page) => {
      expect(await page.getByLabel('URL de base de l’outil').count()).toBe(1);
      expect(await page.getByLabel('Partager le nom des utilisateurs').count()).toBe(1);
    });
    await visit('lbernard', '/admin/tool/lti/index.php', async () => undefined, 403);
    await visit('lbernard', `/grade/report/grader/index.php?id=${courseId}`, async () => undefined, 403);
  });
});
