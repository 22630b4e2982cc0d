import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

describe('<pix-campaign> on an ENT page', () => {
  it('runs a campaign from another origin with a bearer token, themed by the page', async () => {
    const api = suite.api();
    const ent = api.url.replace('127.0.0.1', 'localhost');
    // The ENT page is on another origin; the bundle and the API come from the tool.
    const { page } = await suite.open('/component');
    await page.goto(`${ent}/ent?token=learner-ent&code=BCTERD153&bundle=${encodeURIComponent(`${api.url}/static/pix-components.js`)}`);
    await page.locator('pix-player h1').getByText('Parcours de rentrée').waitFor();
    const primary = await page.locator('pix-player button').first().evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(primary).toBe('rgb(0, 101, 110)');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.locator('pix-challenge h2').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(api.requests[0]).toBe('POST /api/assessments');
  });

  it('reports an unknown campaign code', async () => {
    const { page } = await suite.open('/ent?token=learner-ent2&code=ZZZZZZ999');
    await page.locator('pix-player').getByText('Ce code de campagne est inconnu').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says when no token was given', async () => {
    const { page } = await suite.open('/ent?token=');
    expect(await page.locator('pix-campaign [role=alert]').textContent()).toContain('Aucun jeton');
  });
});
