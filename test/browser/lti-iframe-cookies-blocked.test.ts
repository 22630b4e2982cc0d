import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoLms, type DemoLms } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';

/**
 * A real Chromium, third-party cookies blocked, the demo LMS on 127.0.0.1 framing the
 * tool on localhost (two sites, so the tool is third-party in the frame). The launch must
 * work: through the partitioned cookie where Chromium allows it, through the frame's
 * sessionStorage where no cookie comes back (Safari), and through a new tab when
 * storage is blocked as well.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--test-third-party-cookie-phaseout',
  // A response fulfilled by the test's route has no server address, so Chromium counts its
  // document as public and blocks its navigation to the loopback platform (Local Network
  // Access). Real responses from localhost are local already; this only undoes the artefact.
  '--disable-features=LocalNetworkAccessChecks',
];

describe('an LTI launch inside the LMS iframe in Chromium with third-party cookies blocked', () => {
  let browser: Browser;
  let tool: PixTool;
  let lms: DemoLms;
  let launchPath: string;

  beforeAll(async () => {
    tool = await startPixTool();
    lms = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/lti/register` } });
    expect(lms.tool?.via).toBe('dynamic-registration');
    const [pending] = await tool.lti.registrations.list({ status: 'pending' });
    await tool.lti.registrations.changeStatus(pending!.id, 'approve', 'browser-test');
    const student = [...lms.simulator.platform.site.users.values()].find((u) => u.username === 'lbernard')!;
    const course = [...lms.simulator.platform.site.courses.values()].find((c) => c.shortname === '3B-NUM')!;
    const activity = lms.simulator.addActivity({ courseId: course.id, toolId: lms.tool!.registration.id, name: 'Évaluation Pix', instructorCustomParameters: { pix_activity: 'campaign:ABCDEF123' } });
    launchPath = `/login/index.php?user=${student.id}&next=${encodeURIComponent(`/mod/lti/view.php?id=${activity.cmid}`)}`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lms?.stop();
    await tool?.stop();
  });

  /** Drops the binding cookie the login sets, as a browser that stores it unpartitioned and then blocks it would. */
  async function dropLoginCookie(context: BrowserContext): Promise<void> {
    await context.route(`${tool.url}/lti/login**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['set-cookie'];
      await route.fulfill({ response, headers });
    });
  }

  async function openActivity(context: BrowserContext): Promise<{ page: Page; toolRequests: string[] }> {
    const page = await context.newPage();
    const toolRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(tool.url)) toolRequests.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    await page.goto(`${lms.url}${launchPath}`);
    return { page, toolRequests };
  }

  async function launchFrame(page: Page): Promise<Frame> {
    const handle = await page.waitForSelector('iframe.lti');
    const frame = (await handle.contentFrame())!;
    await frame.waitForSelector('#pix-launch-config', { state: 'attached', timeout: 15_000 });
    return frame;
  }

  async function firstApiCall(frame: Frame): Promise<{ status: number; roles: unknown }> {
    return frame.evaluate(async () => {
      const config = JSON.parse(document.getElementById('pix-launch-config')!.textContent!) as { token: string; apiBase: string };
      const res = await fetch(`${config.apiBase}/lti/session`, { headers: { authorization: `Bearer ${config.token}` } });
      return { status: res.status, roles: ((await res.json()) as { roles: unknown }).roles };
    });
  }

  it('launches through the partitioned cookie, in the frame', async () => {
    const context = await browser.newContext();
    try {
      const { page, toolRequests } = await openActivity(context);
      const frame = await launchFrame(page);
      expect(frame.url()).toBe(`${tool.url}/lti/launch`);
      // Third-party cookies are blocked for the frame: it has no unpartitioned cookie access.
      expect(await frame.evaluate(() => document.hasStorageAccess())).toBe(false);
      expect(await frame.textContent('#pix-launch-fallback')).toContain('Ouverture réussie');
      expect(toolRequests).not.toContain('POST /lti/launch/bind');
      expect(await firstApiCall(frame)).toEqual({ status: 200, roles: { learner: true, instructor: false, administrator: false } });
    } finally {
      await context.close();
    }
  });

  it('launches through sessionStorage when the binding cookie never comes back (Safari)', async () => {
    const context = await browser.newContext();
    try {
      // The binding cookie is stored unpartitioned, as a browser without CHIPS would: blocked third-party cookies keep it from the frame.
      await dropLoginCookie(context);
      const { page, toolRequests } = await openActivity(context);
      const frame = await launchFrame(page);
      expect(toolRequests).toContain('POST /lti/launch/bind');
      expect(await frame.textContent('#pix-launch-fallback')).toContain('Campagne d’évaluation');
      expect((await firstApiCall(frame)).status).toBe(200);
    } finally {
      await context.close();
    }
  });

  it('offers "Continuer dans un nouvel onglet" when storage is blocked too, and the launch opens there', async () => {
    const context = await browser.newContext();
    try {
      await dropLoginCookie(context);
      // Chromium with every cookie blocked also denies the frame's storage.
      await context.addInitScript((toolOrigin: string) => {
        if (location.origin === toolOrigin && window.top !== window) {
          Object.defineProperty(window, 'sessionStorage', {
            get() {
              throw new DOMException('The operation is insecure.', 'SecurityError');
            },
          });
        }
      }, new URL(tool.url).origin);
      const { page } = await openActivity(context);
      const frame = page.frames().find((f) => f.url().startsWith(tool.url)) ?? (await (await page.waitForSelector('iframe.lti')).contentFrame())!;
      const button = await frame.waitForSelector('button:has-text("Continuer dans un nouvel onglet")', { timeout: 15_000 });
      expect(await button.isVisible()).toBe(true);
      expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Continuer dans un nouvel onglet');
      const [tab] = await Promise.all([context.waitForEvent('page'), button.click()]);
      await tab.waitForSelector('#pix-launch-config', { state: 'attached', timeout: 15_000 });
      expect(tab.url()).toBe(`${tool.url}/lti/launch/continue`);
      expect(await tab.textContent('#pix-launch-fallback')).toContain('Ouverture réussie');
      expect((await firstApiCall(tab.mainFrame())).status).toBe(200);
    } finally {
      await context.close();
    }
  });
});
