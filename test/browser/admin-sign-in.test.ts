import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminModule } from '@pix-lti/lti-tool';
import { startAdminStack, type AdminStack } from '../support/admin-stack.js';
import { axeViolations, launchChromium } from '../support/browser.js';

/** Sign-in (after the first-admin setup from a one-time link) and the schools screen, in Chromium. */
describe('admin panel in Chromium: first admin, sign-in, schools', () => {
  let stack: AdminStack;
  let admin: AdminModule;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const PASSWORD = 'hirondelle cartable nuage 31';

  beforeAll(async () => {
    stack = await startAdminStack('admin_browser');
    ({ admin, base } = stack);
    browser = await launchChromium();
    // axe is injected as a script: the panel's CSP (script-src 'self') would block it otherwise.
    context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('creates the first admin from the one-time setup link', async () => {
    const link = await admin.setup.issueLink(base);
    await page.goto(link!.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Créer le premier administrateur');
    await page.getByLabel('Code de l’académie').fill('versailles');
    await page.getByLabel('Nom de l’académie').fill('Académie de Versailles');
    await page.getByLabel('Votre nom').fill('Marie Curie');
    await page.getByLabel('Votre adresse e-mail').fill('marie.curie@ac-versailles.fr');
    await page.getByLabel('Mot de passe', { exact: false }).first().fill(PASSWORD);
    await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Le compte est créé');
  });

  it('shows an accessible sign-in page that refuses a wrong password in an alert', async () => {
    await page.goto(`${base}/admin/`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe('Connexion à l’administration');
    expect(await page.title()).toBe('Connexion à l’administration — Administration Pix LTI');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Adresse e-mail').fill('marie.curie@ac-versailles.fr');
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('E-mail ou mot de passe incorrect.');
    // Focus goes back to the password, emptied, for another try.
    expect(await page.evaluate(() => (document.querySelector('pix-admin-app')!.shadowRoot!.querySelector('pix-admin-sign-in')!.shadowRoot!.activeElement as HTMLInputElement | null)?.id)).toBe('password');
  });

  it('signs in with the keyboard, sets a Secure HttpOnly SameSite=Strict cookie, and lands on the schools', async () => {
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Établissements');
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: '__Host-pix-admin', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' })]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(page.url()).toMatch(/#\/schools$/);
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents()).toEqual(['Établissements', 'Plateformes', 'Campagnes', 'Banque d’épreuves', 'Exploitation', 'Clés de signature', 'Registre', 'Journal d’audit']);
  });

  it('adds a school: a wrong UAI is flagged on its field, a good one is announced and listed', async () => {
    await page.getByLabel('UAI (obligatoire)').fill('0780001A');
    await page.getByLabel('Nom (obligatoire)').fill('Lycée Hoche');
    await page.getByLabel('Ville (obligatoire)').fill('Versailles');
    await page.getByRole('button', { name: 'Ajouter un établissement' }).click();
    const uai = page.locator('#new-uai');
    await expect.poll(() => uai.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#new-uai-error').textContent()).toContain('lettre de contrôle');
    expect(await page.evaluate(() => document.querySelector('pix-admin-app')!.shadowRoot!.querySelector('pix-admin-schools')!.shadowRoot!.activeElement?.id)).toBe('new-uai');

    await uai.fill('0780001C');
    await page.getByRole('button', { name: 'Ajouter un établissement' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('L’établissement Lycée Hoche a été ajouté.');
    await expect.poll(() => page.getByRole('link', { name: 'Lycée Hoche' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('1 établissement');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens the school, switches to English, and the audit log shows who did it', async () => {
    await page.getByRole('link', { name: 'Lycée Hoche' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Lycée Hoche');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit log');
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const text = await page.getByRole('table').textContent();
    expect(text).toContain('school.create');
    expect(text).toContain('marie.curie@ac-versailles.fr');
    expect(await axeViolations(page)).toEqual([]);
  });
});
