import { describe, expect, it } from 'vitest';
import { axeViolations, liveText } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-teacher-dashboard> in an instructor launch', () => {
  it('shows the class by status, results per learner and per competence (chart and tables), and grade deliveries', async () => {
    const { page } = await suite.open('/launch?view=instructor&token=teacher-1');
    const d = page.locator('pix-teacher-dashboard');
    await d.locator('h1').waitFor();
    expect(await d.locator('.summary li').allTextContents()).toEqual(['6Pas commencéPas commencé : 6 sur 24', '6En coursEn cours : 6 sur 24', '6Terminé, non envoyéTerminé, non envoyé : 6 sur 24', '6Résultats envoyésRésultats envoyés : 6 sur 24']);
    expect(await d.locator('#learners-heading + .filter + .scroll tbody tr').count()).toBe(24);
    expect(await d.getByText('Élève 6 (nom non transmis)').count()).toBeGreaterThan(0);
    expect(await d.locator('pix-competence-chart .row').count()).toBe(6);
    expect(await d.getByText('Moyenne des 6 élèves ayant envoyé leurs résultats.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Afficher').selectOption('SHARED');
    expect(await d.locator('#learners-heading + .filter + .scroll tbody tr').count()).toBe(6);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sends a failed grade again and says so', async () => {
    const { page } = await suite.open('/launch?view=instructor&token=teacher-2');
    const d = page.locator('pix-teacher-dashboard');
    const failed = d.locator('tr', { has: page.locator('.delivery-failed') }).first();
    await failed.waitFor();
    const name = (await failed.locator('th').textContent())!.trim();
    await page.getByRole('button', { name: `Envoyer à nouveau la note de ${name}` }).click();
    await expect.poll(() => liveText(page)).toContain(`Note de ${name} : Envoyée.`);
    expect(suite.api().requests.filter((r) => r.endsWith('/resend'))).toHaveLength(1);
  });

  it('exports the class as CSV', async () => {
    const { page } = await suite.open('/launch?view=instructor&token=teacher-3');
    await page.locator('pix-teacher-dashboard h1').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^suivi-pix-Parcours-de-rentr.*\.csv$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\ufeffÉlève;État;')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(25);
  });

  it('is refused to a learner, in the error contract, and speaks English', async () => {
    const { page } = await suite.open('/launch?view=instructor&token=learner-x&locale=en');
    await page.locator('pix-teacher-dashboard [role=alert]').waitFor();
    expect(await page.locator('pix-teacher-dashboard [role=alert]').textContent()).toBe('This page is not meant for your role in this course.');
    expect(await axeViolations(page)).toEqual([]);
  });
});
