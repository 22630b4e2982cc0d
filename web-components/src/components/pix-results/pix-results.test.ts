import { describe, expect, it } from 'vitest';
import type { AssessmentResults } from '../../api/contract.js';
import { axeViolations, mount } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';
import { COMPETENCES } from '../../../testing/fixtures.js';

const suite = componentSuite();
const results: AssessmentResults = {
  assessmentId: 'a',
  activity: { type: 'campaign', id: 'c', title: 'Parcours de rentrée — 3e' },
  completedAt: '2026-03-12T10:00:00Z',
  pixScore: 118,
  maxPixScore: 240,
  masteryRate: 0.62,
  certifiable: true,
  competences: ['1.1', '1.3', '3.1', '4.1', '4.2', '5.1'].map((code, i) => ({ ...COMPETENCES[code]!, level: (i % 5) + 1, maxLevel: 5, pixScore: ((i % 5) + 1) * 8 })),
  sharing: { status: 'TO_SHARE' },
};

describe('<pix-results>', () => {
  it('shows score, mastery, certifiability, the chart and its table, and asks before sharing', async () => {
    const { page } = await suite.open('/component');
    await mount(page, 'pix-results', { results });
    expect(await page.locator('pix-results .score').textContent()).toContain('118 pix');
    expect(await page.locator('pix-results .facts').textContent()).toContain('Tu maîtrises 62 % des acquis évalués.');
    expect(await page.locator('pix-results .facts').textContent()).toContain('Tu es certifiable');
    expect(await page.locator('pix-competence-chart .row').count()).toBe(6);
    expect(await page.locator('pix-results tbody tr').count()).toBe(6);
    expect(await page.locator('pix-results tbody tr').first().textContent()).toMatch(/1\.1.*1 sur 5.*8/s);
    expect(await axeViolations(page)).toEqual([]);
    const share = page.evaluate(() => new Promise<boolean>((r) => document.addEventListener('pix-share', () => r(true), { once: true })));
    await page.getByRole('button', { name: 'J’envoie mes résultats' }).click();
    expect(await share).toBe(true);
  });

  it('says when results were sent, and fits 320 px', async () => {
    const { page } = await suite.open('/component', { width: 320 });
    await mount(page, 'pix-results', { results: { ...results, sharing: { status: 'SHARED', sharedAt: '2026-03-12T10:42:00Z' } } });
    expect(await page.locator('pix-results .notice.success').textContent()).toContain('Résultats envoyés le 12 mars 2026');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
  });
});
