import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoLms, type Activity, type DemoLms, type User } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';
import { rightAnswerOf } from './support/bank-answers.js';
import { answerByKeyboard, frameAxeViolations, isButton, nextScreen, screenOf, shownChallenge, skipByKeyboard, tabTo } from './support/keyboard-learner.js';

/**
 * Issue 5's acceptance, end to end in Debian's Chromium, on the real tool and the Moodle-shaped
 * demo LMS: a teacher adds an adaptive test to a course through deep linking with the content
 * picker → the LMS creates the gradebook column → a student launches it in the course page's
 * iframe (the LMS on 127.0.0.1, the tool on localhost: the frame is third-party) → answers to
 * the end by keyboard alone → shares → the grade is in the LMS's gradebook. Twice: with
 * third-party cookies allowed, and blocked.
 */
const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Mode {
  name: string;
  args: string[];
  /** Third-party cookies blocked: the tool's frame has no unpartitioned cookie access. */
  blocked: boolean;
  /** Drop the tool's login cookie, as a browser without partitioned cookies (Safari) keeps it from the frame. */
  noLoginCookie?: boolean;
  /** The frame's storage refused too (Chrome blocking every cookie): the launch continues in a new tab. */
  noFrameStorage?: boolean;
  student: string;
  competence: string;
  /** Check each screen of the tool with axe-core, with the real item bank and data. */
  axe?: boolean;
  /** A phone: the tool's frame is about 325 px wide in the LMS page; no screen may scroll sideways. */
  phone?: boolean;
}

const MODES: Mode[] = [
  { name: 'third-party cookies allowed', args: [], blocked: false, student: 'lbernard', competence: '1.1', axe: true },
  { name: 'third-party cookies blocked', args: ['--test-third-party-cookie-phaseout'], blocked: true, student: 'hpetit', competence: '4.1' },
  {
    name: 'third-party cookies blocked and no partitioned cookie (Safari)',
    // A response fulfilled by the test's route has no server address: Chromium would count it public and block its loopback navigations (Local Network Access).
    args: ['--test-third-party-cookie-phaseout', '--disable-features=LocalNetworkAccessChecks'],
    blocked: true,
    noLoginCookie: true,
    student: 'imoreau',
    competence: '2.1',
    phone: true,
  },
  {
    name: 'storage refused in the frame too (new tab)',
    args: ['--test-third-party-cookie-phaseout', '--disable-features=LocalNetworkAccessChecks'],
    blocked: true,
    noLoginCookie: true,
    noFrameStorage: true,
    student: 'lbernard',
    competence: '5.1',
  },
];

describe('the journey in Chromium: deep linking → launch in the LMS frame → keyboard → grade in the gradebook', () => {
  let tool: PixTool;
  let lms: DemoLms;
  let teacher: User;
  let courseId: string;

  beforeAll(async () => {
    tool = await startPixTool();
    lms = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/lti/register` } });
    expect(lms.tool?.via).toBe('dynamic-registration');
    const [pending] = await tool.lti.registrations.list({ status: 'pending' });
    await tool.lti.registrations.changeStatus(pending!.id, 'approve', 'journey-test');
    teacher = userNamed('cmartin');
    courseId = [...lms.simulator.platform.site.courses.values()].find((c) => c.shortname === '3B-NUM')!.id;
  }, 60_000);

  afterAll(async () => {
    await lms?.stop();
    await tool?.stop();
  });

  function userNamed(username: string): User {
    return [...lms.simulator.platform.site.users.values()].find((u) => u.username === username)!;
  }

  async function newContext(browser: Browser, mode: Mode): Promise<BrowserContext> {
    const context = await browser.newContext(mode.phone ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } : {});
    if (mode.noLoginCookie) {
      await context.route(`${tool.url}/lti/login**`, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['set-cookie'];
        await route.fulfill({ response, headers });
      });
    }
    if (mode.noFrameStorage) {
      await context.addInitScript((toolOrigin: string) => {
        if (location.origin === toolOrigin && window.top !== window) {
          for (const name of ['sessionStorage', 'localStorage']) {
            Object.defineProperty(window, name, {
              get() {
                throw new DOMException('The operation is insecure.', 'SecurityError');
              },
            });
          }
        }
      }, new URL(tool.url).origin);
    }
    return context;
  }

  async function logIn(context: BrowserContext, user: User, next: string): Promise<Page> {
    const page = watch(await context.newPage());
    await page.goto(`${lms.url}/login/index.php?user=${user.id}&next=${encodeURIComponent(next)}`);
    return page;
  }

  /** Records the page's console errors, failed responses and requests to the tool. */
  function watch(page: Page): Page {
    const problems: string[] = [];
    page.on('console', (msg) => {
      // The network cut the journey makes on purpose is not a defect of the page.
      if (msg.type() === 'error' && !msg.text().includes('ERR_INTERNET_DISCONNECTED')) problems.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
    });
    const toolRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(tool.url)) toolRequests.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    seen.set(page, { problems, toolRequests });
    return page;
  }

  /** Per page: console errors, failed responses and the tool's requests. */
  const seen = new WeakMap<Page, { problems: string[]; toolRequests: string[] }>();
  const problemsOf = (page: Page) => seen.get(page)!.problems;

  /** The tool as the user reaches it: in the LMS page's frame, or in the new tab the frame offers. */
  async function toolFrame(page: Page, mode: Mode): Promise<{ page: Page; frame: Frame }> {
    const handle = await page.waitForSelector('iframe.lti');
    const frame = (await handle.contentFrame())!;
    if (mode.noFrameStorage) {
      // Nothing can keep the launch in the frame: it offers to continue in a new tab (focused), by keyboard.
      await frame.getByRole('button', { name: 'Continuer dans un nouvel onglet' }).waitFor({ timeout: 15_000 });
      expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Continuer dans un nouvel onglet');
      const [tab] = await Promise.all([page.context().waitForEvent('page'), frame.getByRole('button', { name: 'Continuer dans un nouvel onglet' }).press('Enter')]);
      watch(tab);
      await tab.waitForSelector('#pix-launch-config', { state: 'attached', timeout: 15_000 });
      expect(tab.url()).toBe(`${tool.url}/lti/launch/continue`);
      return { page: tab, frame: tab.mainFrame() };
    }
    await frame.waitForSelector('#pix-launch-config', { state: 'attached', timeout: 15_000 });
    expect(frame.url().startsWith(tool.url)).toBe(true);
    // The frame is really third-party: without unpartitioned cookies when they are blocked.
    if (mode.blocked) expect(await frame.evaluate(() => document.hasStorageAccess())).toBe(false);
    // Without the login cookie the launch is bound through the frame's sessionStorage instead.
    expect(seen.get(page)!.toolRequests.includes('POST /lti/launch/bind')).toBe(mode.noLoginCookie === true);
    return { page, frame };
  }

  /** The teacher adds the competence's adaptive test with the content picker; returns the new activity. */
  async function teacherAddsAdaptiveTest(browser: Browser, mode: Mode): Promise<Activity> {
    const competence = mode.competence;
    const context = await newContext(browser, mode);
    try {
      const page = await logIn(context, teacher, `/course/view.php?id=${courseId}`);
      await page.getByRole('link', { name: 'Ajouter une activité Pix' }).click();
      const { page: toolPage, frame } = await toolFrame(page, mode);
      const picker = frame.locator('pix-content-picker');
      await picker.getByRole('heading', { name: 'Choisir une activité Pix' }).waitFor({ timeout: 15_000 });
      if (mode.axe) expect(await frameAxeViolations(frame), 'the content picker').toEqual([]);
      await picker.getByLabel('Compétence', { exact: true }).selectOption(competence);
      const title = new RegExp(`Test adaptatif ${competence.replace('.', '\\.')}`);
      await picker.getByLabel(title).check();
      const before = new Set(lms.simulator.platform.site.activities.keys());
      if (toolPage === page) {
        // In the frame: the LMS takes the response and brings the whole page back to the course.
        await Promise.all([page.waitForURL(`${lms.url}/course/view.php?id=${courseId}`, { timeout: 15_000 }), picker.getByRole('button', { name: 'Ajouter au cours' }).click()]);
      } else {
        // In the new tab: the LMS takes the response there; the teacher goes back to the course's tab.
        await picker.getByRole('button', { name: 'Ajouter au cours' }).click();
        await toolPage.getByRole('heading', { name: '1 activité ajoutée' }).waitFor({ timeout: 15_000 });
        expect(problemsOf(toolPage)).toEqual([]);
        await page.goto(`${lms.url}/course/view.php?id=${courseId}`);
      }
      const added = [...lms.simulator.platform.site.activities.values()].filter((a) => !before.has(a.id));
      expect(added).toHaveLength(1);
      const activity = added[0]!;
      // Back on the course page, the new activity is listed.
      await page.getByRole('link', { name: activity.name }).waitFor();
      expect(activity.name).toMatch(title);
      expect(problemsOf(page)).toEqual([]);
      return activity;
    } finally {
      await context.close();
    }
  }

  /** The student takes the test in the course page's frame, by keyboard alone, and shares; returns the pix score shown. */
  async function studentTakesTest(browser: Browser, mode: Mode, student: User, activity: Activity): Promise<{ pix: number; answered: number }> {
    const context = await newContext(browser, mode);
    try {
      const { page, frame } = await toolFrame(await logIn(context, student, `/mod/lti/view.php?id=${activity.cmid}`), mode);
      await frame.locator('pix-player').getByRole('button', { name: 'Commencer' }).waitFor({ timeout: 15_000 });
      // Keyboard only from here: focus starts on the LMS page and Tab walks into the frame.
      await page.locator('body').focus();
      await tabTo(page, frame, isButton('Commencer'), '"Commencer"', 60);
      let screen = await screenOf(frame);
      await page.keyboard.press('Enter');
      let answered = 0;
      for (let step = 0; step < 120; step++) {
        screen = await nextScreen(frame, screen.key);
        if (mode.axe) expect(await frameAxeViolations(frame), `the player: ${screen.key}`).toEqual([]);
        if (mode.phone) {
          const widths = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
          expect(widths.client).toBeLessThan(340);
          expect(widths.scroll, `no sideways scrolling on ${screen.key}`).toBeLessThanOrEqual(widths.client);
        }
        if (screen.buttons.includes('J’envoie mes résultats')) break;
        expect(screen.buttons, await frame.locator('pix-launch-app').innerText()).not.toContain('Réessayer');
        const action = screen.buttons.find((b) => ['Continuer', 'Voir mes résultats', 'Commencer la question'].includes(b));
        if (action && !screen.buttons.includes('Je valide')) {
          await tabTo(page, frame, isButton(action), `"${action}"`);
          await page.keyboard.press('Enter');
          continue;
        }
        const shown = await shownChallenge(frame);
        expect(shown, `a question on screen (buttons: ${screen.buttons.join(', ')})`).not.toBeNull();
        answered++;
        if (answered === 2) {
          // The pupil does not know this one: "Je passe".
          await skipByKeyboard(page, frame);
          continue;
        }
        const answer = await rightAnswerOf(tool.modules, shown!);
        if (process.env.JOURNEY_DEBUG) console.log(JSON.stringify({ shown, answer, screen }));
        if (answered === 3) {
          // The network drops as the pupil validates: the answer is kept on the device, said so, and sent when it returns.
          await answerByKeyboard(page, frame, answer, () => context.setOffline(true));
          const notice = frame.locator('pix-player').getByText('Ta réponse est gardée sur cet appareil');
          await notice.waitFor({ timeout: 15_000 });
          await context.setOffline(false);
          await notice.waitFor({ state: 'detached', timeout: 30_000 });
          continue;
        }
        await answerByKeyboard(page, frame, answer);
      }
      const results = frame.locator('pix-results');
      const pixText = await results.getByText(/^\d+ pix$/).first().textContent();
      const pix = Number(/\d+/.exec(pixText ?? '')![0]);
      await tabTo(page, frame, isButton('J’envoie mes résultats'), '"J’envoie mes résultats"');
      await page.keyboard.press('Enter');
      await results.getByRole('region', { name: /Envoyer tes résultats/ }).getByText(/^Résultats envoyés le /).waitFor({ timeout: 15_000 });
      expect(problemsOf(page)).toEqual([]);
      return { pix, answered };
    } finally {
      await context.close();
    }
  }

  /**
   * The teacher opens the activity: the dashboard in the frame shows the class from the roster
   * (one of three shared), the results, exports the CSV, and sends the failed grade again.
   */
  async function teacherFollowsTheClass(browser: Browser, mode: Mode, activity: Activity, pix: number): Promise<void> {
    const context = await newContext(browser, mode);
    try {
      const { page, frame } = await toolFrame(await logIn(context, teacher, `/mod/lti/view.php?id=${activity.cmid}`), mode);
      const dashboard = frame.locator('pix-teacher-dashboard');
      await dashboard.getByRole('heading', { name: /^Suivi de la classe/ }).waitFor({ timeout: 15_000 });
      // The class comes from the roster (NRPS): the three students, and the non-editing teacher,
      // whom Moodle ≤ 4.x lists as a Learner there (no manageactivities): one shared, three not started.
      await dashboard.getByText('Résultats envoyés : 1 sur 4').waitFor({ state: 'attached' });
      if (mode.axe) expect(await frameAxeViolations(frame), 'the teacher dashboard').toEqual([]);
      expect(await dashboard.getByText('Pas commencé : 3 sur 4').count()).toBe(1);
      const learners = dashboard.getByRole('region', { name: /^Tableau des élèves/ });
      expect(await learners.getByRole('row').filter({ hasText: 'Résultats envoyés' }).filter({ hasText: String(pix) }).count()).toBe(1);

      // CSV export: a file with the class, the shared result among it.
      const [download] = await Promise.all([page.waitForEvent('download'), dashboard.getByRole('button', { name: 'Exporter (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^suivi-pix-.*\.csv$/);
      const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
      expect(csv).toContain('Nombre de pix total');
      expect(csv.split(/\r?\n/).filter((line) => line.trim()).length).toBe(5);

      // The LMS refused the grade once: the dashboard says so and sends it again, by keyboard.
      const grades = dashboard.getByRole('region', { name: /^Tableau des notes/ });
      await grades.getByText('Échec').waitFor();
      expect(await grades.getByText('Incorrect score received').count()).toBe(1);
      await page.locator('body').focus();
      await tabTo(page, frame, isButton('Envoyer à nouveau'), '"Envoyer à nouveau"', 80);
      await page.keyboard.press('Enter');
      await dashboard.getByRole('status').filter({ hasText: /^Note de .* : (Envoyée|En attente|En cours d’envoi)\.$/ }).waitFor({ timeout: 15_000 });
      expect(problemsOf(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }

  /** The teacher opens the gradebook: the student's grade in the activity's column. */
  async function gradebookCell(browser: Browser, student: User, activity: Activity): Promise<string> {
    const context = await browser.newContext();
    try {
      const page = await logIn(context, teacher, `/course/view.php?id=${courseId}`);
      await page.getByRole('link', { name: 'Carnet de notes' }).click();
      const columns = await page.locator('thead th').allTextContents();
      const column = columns.findIndex((c) => c.startsWith(activity.name));
      expect(column, `a gradebook column for ${activity.name} (columns: ${columns.join(' | ')})`).toBeGreaterThan(0);
      const row = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: `${student.firstname} ${student.lastname}` }) });
      for (let i = 0; i < 50; i++) {
        const cell = (await row.locator('td').nth(column - 1).textContent())!.trim();
        if (cell !== '—') return cell;
        await new Promise((r) => setTimeout(r, 200));
        await page.reload();
      }
      return '—';
    } finally {
      await context.close();
    }
  }

  for (const mode of MODES) {
    it(`runs from the teacher's deep linking to the grade, ${mode.name}`, async () => {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...mode.args] });
      try {
        const activity = await teacherAddsAdaptiveTest(browser, mode);
        // The deep-linking response carried a line item: the LMS created the gradebook column.
        const column = lms.simulator.gradebook(courseId).find((c) => c.item.itemname === activity.name);
        expect(column?.item.grademax).toBeGreaterThan(0);

        const student = userNamed(mode.student);
        // Moodle refuses the first score (as for a pupil not yet gradable): the grade fails, kept with its reason.
        const refusal = lms.simulator.addFault({ target: 'scores', effect: { status: 400, body: 'Incorrect score received' }, times: 1 });
        const { pix, answered } = await studentTakesTest(browser, mode, student, activity);
        if (process.env.JOURNEY_DEBUG) console.log({ pix, answered, grademax: column?.item.grademax });
        expect(answered).toBeGreaterThan(3);
        expect(pix).toBeGreaterThan(0);

        for (let i = 0; i < 100 && refusal.stats().affected === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(refusal.stats().affected).toBe(1);
        refusal.remove();
        expect(lms.simulator.grade(column!.item.id, student.id)?.finalgrade ?? null).toBeNull();

        await teacherFollowsTheClass(browser, mode, activity, pix);
        expect(await gradebookCell(browser, student, activity)).toBe(String(pix));
        expect(lms.simulator.grade(column!.item.id, student.id)).toMatchObject({ finalgrade: pix, gradingProgress: 'FullyGraded' });
      } finally {
        await browser.close();
      }
    }, 180_000);
  }
});
