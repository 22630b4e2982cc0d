import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoLms, type DemoLms } from '../lti-platform/index.js';
import { startAdminStack, type AdminStack } from '../support/admin-stack.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { freePort } from '../support/ports.js';

/** The platform simulator registers itself by LTI Dynamic Registration; an academy admin approves it and tests the connection. */
describe('admin panel in Chromium: platforms', () => {
  let stack: AdminStack;
  let lms: DemoLms;
  let browser: Browser;
  let page: Page;
  const PASSWORD = 'hirondelle cartable nuage 31';

  beforeAll(async () => {
    stack = await startAdminStack('admin_platforms_browser');
    await stack.admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await stack.admin.accounts.create({ email: 'marie.curie@ac-versailles.fr', displayName: 'Marie Curie', role: 'academy-admin', academy: 'versailles', password: PASSWORD });
    const port = await freePort();
    lms = await startDemoLms({ port, publicUrl: `http://localhost:${port}`, tool: { baseUrl: stack.base, registrationUrl: `${stack.base}/lti/register` }, log: () => undefined });
    browser = await launchChromium();
    page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await lms?.stop();
    await stack?.stop();
  });

  it('approves the pending dynamic registration and tests the connection end to end', async () => {
    expect(lms.tool?.via).toBe('dynamic-registration');
    await page.goto(`${stack.base}/admin/`);
    await page.getByLabel('Adresse e-mail').fill('marie.curie@ac-versailles.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Établissements');

    await page.getByRole('link', { name: 'Plateformes' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('En attente d’approbation (1)');
    expect(await axeViolations(page)).toEqual([]);
    const approve = page.getByRole('button', { name: /^Approuver / });
    await approve.click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/est approuvée pour votre académie/);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('En attente d’approbation (0)');

    await page.getByRole('table').getByRole('link').first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('(active)');
    await page.getByRole('button', { name: 'Tester la connexion' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Connexion réussie');
    const steps = await page.getByRole('list', { name: 'Tester la connexion' }).textContent();
    expect(steps).toContain('Clés de la plateforme (JWKS) : réussi');
    expect(steps).toContain('Jeton d’accès (services LTI Advantage) : réussi');
    expect(await axeViolations(page)).toEqual([]);

    const audit = await stack.db.connection.db!.collection('audit_log').find({ 'target.type': 'platform-registration' }).sort({ at: 1 }).toArray();
    expect(audit.map((e) => e.action)).toEqual(['platform-registration.update', 'platform-registration.approve', 'platform-registration.test-connection']);
  });
});
