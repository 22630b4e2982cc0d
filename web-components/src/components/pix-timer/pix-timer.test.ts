import { describe, expect, it } from 'vitest';
import { axeViolations, liveText, mount } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-timer>', () => {
  it('shows the time left, announces the start and the thresholds politely, then fires pix-timer-expired once', async () => {
    const { page } = await suite.open('/component');
    await page.evaluate(() => {
      (window as unknown as { expired: number }).expired = 0;
      document.addEventListener('pix-timer-expired', () => (window as unknown as { expired: number }).expired++);
    });
    await mount(page, 'pix-timer', {}, { 'allowed-seconds': '90', 'remaining-seconds': '11' });
    expect(await page.locator('pix-timer [role=timer]').getAttribute('aria-label')).toMatch(/Temps restant : 1[01] s/);
    expect(await liveText(page)).toContain('Le chronomètre a démarré : 11 s pour répondre.');
    expect(await axeViolations(page)).toEqual([]);
    await expect.poll(() => liveText(page), { timeout: 4000 }).toContain('Il reste 10 s.');
    await expect.poll(() => page.evaluate(() => (window as unknown as { expired: number }).expired), { timeout: 15_000 }).toBe(1);
    expect(await liveText(page)).toContain('Temps écoulé.');
    expect(await page.locator('pix-timer .timer').getAttribute('class')).toContain('over');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('speaks English under lang="en"', async () => {
    const { page } = await suite.open('/component?lang=en');
    await mount(page, 'pix-timer', {}, { 'allowed-seconds': '60', 'remaining-seconds': '45' });
    await expect.poll(() => liveText(page)).toContain('The timer has started: 45 s to answer.');
  });
});
