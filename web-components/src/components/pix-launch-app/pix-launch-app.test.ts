import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-launch-app>', () => {
  it('says the launch page is incomplete when there is no configuration', async () => {
    const { page } = await suite.open('/component');
    await page.evaluate(() => {
      document.querySelector('main')!.remove();
      document.body.append(document.createElement('pix-launch-app'));
    });
    expect(await page.locator('pix-launch-app [role=alert]').textContent()).toContain('configuration absente');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('loads the teacher code only for the teacher', async () => {
    const { page } = await suite.open('/launch?view=learner&token=learner-chunks');
    await page.locator('pix-player h1').waitFor();
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.some((s) => /pix-teacher-dashboard|pix-content-picker|teacher-/.test(s))).toBe(false);
    expect(await page.evaluate(() => customElements.get('pix-teacher-dashboard'))).toBeUndefined();
  });

  it('runs inside a cross-site iframe with third-party cookies blocked: no cookie is set or sent', async () => {
    const api = suite.api();
    // localhost and 127.0.0.1 are different sites: the LMS page frames the tool cross-site.
    const lms = api.url.replace('127.0.0.1', 'localhost');
    const { page, context } = await suite.open('/component');
    await page.goto(`${lms}/outer?src=${encodeURIComponent(`${api.url}/launch?token=learner-iframe`)}`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('button', { name: 'Commencer' }).click();
    await frame.locator('pix-challenge').getByText('À exclure les pages').click();
    await frame.getByRole('button', { name: 'Je valide' }).click();
    await frame.locator('pix-challenge h2').getByText('Question 2').waitFor();
    expect(api.answers).toHaveLength(1);
    expect(await context.cookies()).toEqual([]);
  });
});
