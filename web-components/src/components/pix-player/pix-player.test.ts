import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { axeViolations, focused, liveText, type TestPage } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

function launch(token: string, options: { locale?: string; width?: number } = {}): Promise<TestPage> {
  return suite.open(`/launch?token=${token}&locale=${options.locale ?? 'fr-FR'}`, { width: options.width });
}

const heading = (page: Page) => page.locator('pix-challenge h2, pix-checkpoint h2, pix-results h2').first();

/** Answers the current question with the keyboard only. */
async function answerByKeyboard(page: Page, kind: string): Promise<void> {
  const kb = page.keyboard;
  switch (kind) {
    case 'rec-qcu-1': // radio group: Tab into it, arrow to the 2nd choice
      await kb.press('Tab');
      await kb.press('ArrowDown');
      break;
    case 'rec-qcm-1':
      await kb.press('Tab');
      await kb.press('Tab');
      await kb.press('Space');
      await kb.press('Tab');
      await kb.press('Tab');
      await kb.press('Space');
      break;
    case 'rec-qroc-1':
      await kb.press('Tab');
      await kb.type('20');
      break;
    case 'rec-qrocm-ind-1':
      await kb.press('Tab');
      await kb.type('.odt');
      await kb.press('Tab');
      await kb.type('.jpg');
      break;
    case 'rec-qrocm-dep-1':
      await kb.press('Tab');
      await kb.type('Mastodon');
      await kb.press('Tab');
      await kb.type('Pixelfed');
      await kb.press('Tab');
      await kb.press('ArrowDown');
      await kb.press('ArrowDown');
      break;
    case 'rec-timed-1':
      await kb.press('Tab');
      await kb.press('ArrowDown');
      break;
    case 'rec-focus-1':
      // Skip past the two attachment links to the field.
      await kb.press('Tab');
      await kb.press('Tab');
      await kb.press('Tab');
      await kb.type('12');
      break;
    default:
      throw new Error(`no keyboard script for ${kind}`);
  }
}

/** Moves focus to the "Je valide" button with Tab and presses Enter. */
async function validateByKeyboard(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const f = await focused(page);
    if (f.tag === 'button' && /Je valide|Submit/.test(f.text)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error('"Je valide" not reachable by Tab');
}

describe('<pix-player> in a launch page', () => {
  it('takes a whole test by keyboard alone, with focus on each new question, checkpoints, results and sharing; axe finds nothing on any screen', async () => {
    const { page, errors } = await launch('learner-keyboard');
    await page.locator('pix-player h1').waitFor();
    expect(await page.locator('pix-player h1').textContent()).toContain('Parcours de rentrée');
    expect(await axeViolations(page)).toEqual([]);

    // Start with the keyboard.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Commencer');
    await page.keyboard.press('Enter');

    const plan = ['rec-qcu-1', 'rec-qcm-1', 'rec-qroc-1', 'rec-qrocm-ind-1', 'rec-qrocm-dep-1', 'checkpoint', 'rec-timed-1', 'rec-focus-1', 'rec-embed-1', 'checkpoint'];
    let number = 0;
    for (const step of plan) {
      await heading(page).waitFor();
      if (step === 'checkpoint') {
        await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2' });
        expect((await focused(page)).text).toMatch(/Point d’étape|Tes dernières réponses/);
        expect(await axeViolations(page)).toEqual([]);
        // Open one correction with the keyboard, then go on.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        expect(await axeViolations(page)).toEqual([]);
        for (let i = 0; i < 30 && !/Continuer|Voir mes résultats/.test((await focused(page)).text); i++) await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        continue;
      }
      number++;
      await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: `Question ${number}` });
      if (step === 'rec-timed-1' || step === 'rec-focus-1') {
        // Briefing first: the timer/focus warning and a start button.
        expect(await page.locator('pix-challenge .notice-title').first().textContent()).toMatch(/chronométrée|Mode focus/);
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Tab');
        expect((await focused(page)).text).toBe('Commencer la question');
        await page.keyboard.press('Enter');
        await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: `Question ${number}` });
        if (step === 'rec-timed-1') {
          await page.locator('pix-timer').waitFor();
          await expect.poll(() => liveText(page)).toContain('Le chronomètre a démarré : 45 s pour répondre.');
        }
      }
      expect(await axeViolations(page)).toEqual([]);
      if (step === 'rec-embed-1') {
        // The simulator posts the answer; "Je valide" becomes meaningful.
        await page.frameLocator('pix-challenge iframe').locator('#send').click();
        await page.locator('pix-challenge').getByText('Le simulateur a transmis ta réponse').waitFor();
        await page.locator('pix-challenge h2').focus();
      } else {
        await answerByKeyboard(page, step);
      }
      await validateByKeyboard(page);
    }

    await page.locator('pix-results h2').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: 'Tes résultats' });
    expect(await page.locator('pix-results .score').textContent()).toMatch(/\d+ pix/);
    expect(await page.locator('pix-results table tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('pix-competence-chart [role="img"]').getAttribute('aria-label')).toContain('tableau');
    expect(await axeViolations(page)).toEqual([]);

    for (let i = 0; i < 10 && (await focused(page)).text !== 'J’envoie mes résultats'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('pix-results .notice.success').waitFor();
    await expect.poll(() => liveText(page)).toContain('Résultats envoyés le');
    expect(await axeViolations(page)).toEqual([]);

    // What the server recorded: 8 answers, right where the keyboard put them.
    expect(suite.api().answers.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(suite.api().answers.every((a) => a.request.idempotencyKey.length >= 16)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('resumes where the learner left off after a reload', async () => {
    const { page } = await launch('learner-resume');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.locator('pix-challenge').getByText('À exclure les pages').click();
    await page.getByRole('button', { name: 'Je valide' }).click();
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 2' });
    await page.getByRole('button', { name: 'Je passe' }).click();
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 3' });

    await page.reload();
    await page.locator('pix-player .notice').getByText('Tu as déjà répondu à 2 questions').waitFor();
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 3' });
    expect(suite.api().answers.map((a) => [a.request.challengeId, a.status])).toEqual([
      ['rec-qcu-1', 'ok'],
      ['rec-qcm-1', 'aband'],
    ]);
  });

  it('says what is missing, on the field, when the learner validates an empty answer', async () => {
    const { page } = await launch('learner-empty');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('button', { name: 'Je valide' }).click();
    const alert = page.locator('pix-challenge [role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('Je passe');
    expect((await focused(page)).tag).toBe('input');
    expect(await axeViolations(page)).toEqual([]);
    expect(suite.api().answers).toEqual([]);
  });

  it('keeps an answer given offline on the device, says so, and sends it once when the network is back', async () => {
    const { page, context } = await launch('learner-offline');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.locator('pix-challenge').getByText('À exclure les pages').click();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Je valide' }).click();

    const notice = page.locator('pix-player .notice.warning');
    await notice.getByText('Ta réponse est gardée sur cet appareil').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Kept in storage with its idempotency key before any send succeeded.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pix-lti:pending-answers:v1') ?? '[]') as { request: { idempotencyKey: string; challengeId: string } }[]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.request.challengeId).toBe('rec-qcu-1');
    expect(suite.api().answers).toHaveLength(0);

    expect(await page.getByRole('button', { name: 'Réessayer maintenant' }).isVisible()).toBe(true);

    // Back online: the browser's "online" event sends it, nobody has to click.
    await context.setOffline(false);
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 2' });
    await page.locator('pix-player .notice.success').getByText('a bien été envoyée').waitFor();
    expect(suite.api().answers).toHaveLength(1);
    expect(suite.api().answers[0]!.request.idempotencyKey).toBe(stored[0]!.request.idempotencyKey);
    expect(await page.evaluate(() => localStorage.getItem('pix-lti:pending-answers:v1'))).toBeNull();
  });

  it('records an answer once when the response was lost and the client sent it again', async () => {
    const { page } = await launch('learner-lost');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.locator('pix-challenge').getByText('À exclure les pages').click();
    suite.api().loseResponses(1);
    await page.getByRole('button', { name: 'Je valide' }).click();
    // The resend is Chromium's own (a reset reused connection) or the player's (after its first back-off).
    await expect.poll(() => focused(page), { timeout: 15_000 }).toMatchObject({ text: 'Question 2' });
    expect(suite.api().answers).toHaveLength(1);
    expect(suite.api().requests.filter((r) => r.endsWith('/answers'))).toHaveLength(2);
  });

  it('sends at the next launch an answer left on the device when the page was closed offline', async () => {
    const first = await launch('learner-closed');
    await first.page.getByRole('button', { name: 'Commencer' }).click();
    await first.page.locator('pix-challenge').getByText('À exclure les pages').click();
    await first.context.setOffline(true);
    await first.page.getByRole('button', { name: 'Je valide' }).click();
    await first.page.locator('pix-player .notice.warning').waitFor();
    const storage = await first.context.storageState();
    await first.context.close(); // The suite closes it again after the test: a no-op.
    expect(suite.api().answers).toHaveLength(0);

    const context = await suite.browser().newContext({ storageState: storage });
    const page = await context.newPage();
    onTestFinished(() => context.close());
    await page.goto(`${suite.api().url}/launch?token=learner-closed`);
    await page.locator('pix-player .notice').getByText('Tu as déjà répondu à 1 question').waitFor();
    expect(suite.api().answers).toHaveLength(1);
    expect(suite.api().answers[0]!.request.challengeId).toBe('rec-qcu-1');
  });

  it('speaks English when the launch asks for it', async () => {
    const { page } = await launch('learner-en', { locale: 'en-GB' });
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 1' });
    expect(await page.locator('pix-challenge legend').textContent()).toBe('Choose one answer.');
    expect(await page.locator('pix-launch-app').getAttribute('lang')).toBe('en');
    // The content is French: marked as such inside the English interface.
    expect(await page.locator('pix-challenge .instruction').getAttribute('lang')).toBe('fr-FR');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const { page } = await launch('learner-narrow', { width: 320 });
    await page.getByRole('button', { name: 'Commencer' }).click();
    await expect.poll(() => focused(page)).toMatchObject({ text: 'Question 1' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('tells a learner whose session expired to reopen the activity', async () => {
    const { page } = await launch('expired');
    await page.locator('pix-player').getByText('Ta session a expiré').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
