import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, focused, liveText, mount } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';
import { CHALLENGES } from '../../../testing/fixtures.js';

const suite = componentSuite();
const view = (id: string) => CHALLENGES.find((c) => c.view.id === id)!.view;

async function mountChallenge(page: Page, id: string, state: Record<string, unknown> = {}) {
  await mount(page, 'pix-challenge', { challenge: view(id), state: { number: 3, focusedOut: false, ...state }, progress: { answered: 2 } });
  await page.evaluate(() => {
    (window as unknown as { answers: unknown[] }).answers = [];
    document.querySelector('pix-challenge')!.addEventListener('pix-answer', (e) => (window as unknown as { answers: unknown[] }).answers.push((e as CustomEvent).detail));
  });
}
const answers = (page: Page) => page.evaluate(() => (window as unknown as { answers: { value: unknown; timedOut: boolean; focusedOut: boolean }[] }).answers);

describe('<pix-challenge>', () => {
  for (const id of ['rec-qcu-1', 'rec-qcm-1', 'rec-qroc-1', 'rec-qrocm-ind-1', 'rec-qrocm-dep-1', 'rec-embed-1']) {
    it(`renders ${id} with labelled controls and no axe violation`, async () => {
      const { page } = await suite.open('/component');
      await mountChallenge(page, id);
      expect(await page.locator('pix-challenge h2').textContent()).toBe('Question 3');
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('QCU: arrow keys move within the radio group and the answer carries the choice value', async () => {
    const { page } = await suite.open('/component');
    await mountChallenge(page, 'rec-qcu-1');
    await page.locator('pix-challenge input[type=radio]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Je valide' }).click();
    expect((await answers(page))[0]).toMatchObject({ value: { kind: 'choices', choices: [3] }, timedOut: false });
  });

  it('QROCM-ind: blanks inside the text are each labelled; a missing one is pointed out and focused', async () => {
    const { page } = await suite.open('/component');
    await mountChallenge(page, 'rec-qrocm-ind-1');
    expect(await page.getByLabel('Extension d’un texte LibreOffice').count()).toBe(1);
    await page.getByLabel('Extension d’un texte LibreOffice').fill('.odt');
    await page.getByRole('button', { name: 'Je valide' }).click();
    expect(await page.locator('pix-challenge [role=alert]').textContent()).toContain('Il reste 1 champ vide');
    expect(await focused(page)).toMatchObject({ tag: 'input', id: 'field-image' });
    expect(await page.locator('#field-image').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    expect(await answers(page)).toEqual([]);
  });

  it('"Je passe" sends a skip', async () => {
    const { page } = await suite.open('/component');
    await mountChallenge(page, 'rec-qroc-1');
    await page.getByRole('button', { name: 'Je passe' }).click();
    expect((await answers(page))[0]!.value).toEqual({ kind: 'skip' });
  });

  it('timed: warns before the start (extra time included), then counts down; when the time is over it says so and "Continuer" sends a timed-out answer', async () => {
    const { page } = await suite.open('/component');
    await mountChallenge(page, 'rec-timed-1', { allowedSeconds: 45 });
    const notice = page.locator('pix-challenge .notice.warning');
    expect(await notice.textContent()).toContain('Tu auras 45 s pour répondre');
    expect(await notice.textContent()).toContain('15 s de temps supplémentaire');
    expect(await notice.textContent()).toContain('ne peut pas être mis en pause');
    expect(await axeViolations(page)).toEqual([]);
    const started = page.evaluate(() => new Promise<string>((resolve) => document.querySelector('pix-challenge')!.addEventListener('pix-challenge-start', (e) => resolve((e as CustomEvent).detail.challengeId), { once: true })));
    await page.getByRole('button', { name: 'Commencer la question' }).click();
    expect(await started).toBe('rec-timed-1');
    // The host answers the start with the server's state; here the learner resumes with 2 s left.
    await page.evaluate(() => {
      const el = document.querySelector('pix-challenge')!;
      el.state = { number: 3, allowedSeconds: 45, startedAt: new Date().toISOString(), remainingSeconds: 2, focusedOut: false };
    });
    await page.locator('pix-timer').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('pix-challenge').getByText('Temps écoulé').first().waitFor({ timeout: 5000 });
    await expect.poll(() => liveText(page)).toContain('Temps écoulé.');
    expect(await page.getByRole('button', { name: 'Je passe' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect((await answers(page))[0]).toMatchObject({ value: null, timedOut: true });
  });

  it('focus mode: warns before the start, and leaving the page is noticed, told and sent with the answer', async () => {
    const { page } = await suite.open('/component');
    await mountChallenge(page, 'rec-focus-1');
    expect(await page.locator('pix-challenge .notice').first().textContent()).toContain('Mode focus');
    await page.evaluate(() => {
      const el = document.querySelector('pix-challenge')!;
      el.state = { number: 3, startedAt: new Date().toISOString(), focusedOut: false };
    });
    await page.getByLabel('Moyenne').fill('12');
    const lost = page.evaluate(() => new Promise<string>((resolve) => document.querySelector('pix-challenge')!.addEventListener('pix-focus-lost', (e) => resolve((e as CustomEvent).detail.challengeId), { once: true })));
    // Another tab takes the foreground.
    const other = await page.context().newPage();
    await other.bringToFront();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await lost).toBe('rec-focus-1');
    await page.bringToFront();
    await page.locator('pix-challenge').getByText('Tu as quitté la page').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Je valide' }).click();
    expect((await answers(page))[0]).toMatchObject({ value: { kind: 'fields', fields: { moyenne: '12' } }, focusedOut: true });
  });
});
