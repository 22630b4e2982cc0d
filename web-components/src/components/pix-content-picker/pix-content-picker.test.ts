import { describe, expect, it } from 'vitest';
import { axeViolations, liveText } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-content-picker> in a deep-linking launch', () => {
  it('filters by type, area and competence, previews, chooses several and posts the signed JWT to the LMS', async () => {
    const { page } = await suite.open('/launch?view=deep-linking&token=teacher-dl');
    const picker = page.locator('pix-content-picker');
    await picker.locator('li.item').first().waitFor();
    expect(await picker.locator('li.item').count()).toBe(6);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Type').selectOption('competence-evaluation');
    expect(await picker.locator('li.item').count()).toBe(3);
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Domaine').selectOption('4');
    expect(await picker.locator('li.item').count()).toBe(2);
    await page.getByLabel('Compétence').selectOption('4.2');
    await expect.poll(() => liveText(page)).toContain('2 activités');
    await page.getByLabel('Domaine').selectOption('');
    await page.getByLabel('Compétence').selectOption('');
    await page.getByLabel('Rechercher', { exact: true }).fill('programmer');
    expect(await picker.locator('li.item').count()).toBe(1);
    await page.getByLabel('Rechercher', { exact: true }).fill('');

    const preview = picker.locator('button[aria-controls="item-campaign-campaign-2-preview"]');
    expect(await preview.textContent()).toContain('Aperçu');
    await preview.click();
    expect(await preview.getAttribute('aria-expanded')).toBe('true');
    expect(await picker.locator('.preview:not([hidden])').textContent()).toContain('Mots de passe, données personnelles');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Sécurité et vie privée').check();
    await page.getByLabel('Test adaptatif — Programmer').check();
    await expect.poll(() => liveText(page)).toContain('2 activités choisies.');
    await Promise.all([page.waitForURL('**/lms/deep-link-return'), page.getByRole('button', { name: 'Ajouter au cours' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Retour reçu par la plateforme');
    expect(suite.api().deepLinkingResponses).toEqual([
      [
        { type: 'campaign', id: 'campaign-2' },
        { type: 'competence-evaluation', id: '3.4' },
      ],
    ]);
  });

  it('offers radio buttons when the platform accepts one item, and asks for a choice before returning', async () => {
    const { page } = await suite.open('/launch?view=deep-linking&token=teacher-single&multiple=false');
    const picker = page.locator('pix-content-picker');
    await picker.locator('li.item').first().waitFor();
    expect(await picker.locator('input[type=radio]').count()).toBe(6);
    await page.getByRole('button', { name: 'Ajouter au cours' }).click();
    expect(await picker.locator('[role=alert]').textContent()).toBe('Choisissez au moins une activité.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('speaks English', async () => {
    const { page } = await suite.open('/launch?view=deep-linking&token=teacher-en&locale=en-GB');
    await page.locator('pix-content-picker li.item').first().waitFor();
    expect(await page.locator('pix-content-picker h1').textContent()).toBe('Choose a Pix activity');
    expect(await axeViolations(page)).toEqual([]);
  });
});
