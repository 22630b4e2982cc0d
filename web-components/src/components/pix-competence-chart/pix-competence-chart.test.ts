import { describe, expect, it } from 'vitest';
import { axeViolations, mount } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-competence-chart>', () => {
  it('draws one segmented bar per competence, partial segments for averages, as one labelled image', async () => {
    const { page } = await suite.open('/component');
    await mount(page, 'pix-competence-chart', {
      label: 'Niveaux par compétence (voir le tableau)',
      items: [
        { code: '1.1', name: 'Rechercher', areaCode: '1', level: 3, maxLevel: 5 },
        { code: '4.1', name: 'Sécuriser', areaCode: '4', level: 2.5, maxLevel: 5 },
      ],
    });
    const chart = page.locator('pix-competence-chart [role=img]');
    expect(await chart.getAttribute('aria-label')).toBe('Niveaux par compétence (voir le tableau)');
    expect(await page.locator('pix-competence-chart .value').allTextContents()).toEqual(['3/5', '2,5/5']);
    expect(await page.locator('pix-competence-chart .row').nth(0).locator('rect.a1').count()).toBe(3);
    expect(await page.locator('pix-competence-chart .row').nth(1).locator('rect.a4').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
  });
});
