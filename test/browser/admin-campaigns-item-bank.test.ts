import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminStack, type AdminStack } from '../support/admin-stack.js';
import { signInAsAdmin } from '../support/admin-sign-in.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { docsScreenshot } from '../support/docs-screenshot.js';

const SAMPLE_BANK = path.resolve(import.meta.dirname, '../../lti-tool/src/content/sample-bank');

/** An academy admin creates a campaign with the target-profile builder, then imports an item bank with one bad item. */
describe('admin panel in Chromium: campaigns and item bank', () => {
  let stack: AdminStack;
  let browser: Browser;
  let page: Page;
  let bankDir: string;
  const PASSWORD = 'hirondelle cartable nuage 31';
  const collection = (name: string) => stack.db.connection.db!.collection(name);

  beforeAll(async () => {
    stack = await startAdminStack('admin_campaigns_browser');
    await stack.admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await stack.admin.accounts.create({ email: 'marie.curie@ac-versailles.fr', displayName: 'Marie Curie', role: 'academy-admin', academy: 'versailles', password: PASSWORD });
    await collection('schools').insertOne({ _id: '0781234A' as never, name: 'Collège Jean Moulin', city: 'Versailles', academy: 'versailles', platformIds: [], createdAt: new Date(), updatedAt: new Date() });
    await stack.admin.accounts.create({ email: 'principal@clg-moulin.fr', displayName: 'Principal', role: 'school-admin', academy: 'versailles', uai: '0781234A', password: PASSWORD });
    browser = await launchChromium();
    page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await signInAsAdmin(page, stack.base, 'marie.curie@ac-versailles.fr', PASSWORD);

    // The sample bank, as an author would upload it, with one challenge broken: a QCU whose solution is not one of its choices.
    bankDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pix-bank-'));
    fs.cpSync(SAMPLE_BANK, bankDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (bankDir) fs.rmSync(bankDir, { recursive: true, force: true });
  });

  it('creates a campaign from competences and a tube with level caps, and shows its code', async () => {
    await page.getByRole('link', { name: 'Campagnes' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Campagnes');
    await expect.poll(() => page.getByLabel(/^1\.1 .*: niveau maximal$/).count()).toBe(1);
    await page.getByLabel('Titre de la campagne').fill('Évaluation 4e B');
    await page.getByLabel(/^1\.1 .*: niveau maximal$/).selectOption('2');
    await page.getByLabel(/^3\.4 .*: niveau maximal$/).selectOption('1');
    // Refine one tube of 1.1 to its highest assessable level (its cap wins over the competence's).
    await page.getByText('Affiner les sujets de 1.1').click();
    const tubeSelect = page.locator('details', { hasText: 'Affiner les sujets de 1.1' }).locator('select').first();
    const tubeId = await tubeSelect.getAttribute('data-tube');
    const top = await tubeSelect.locator('option:not([disabled]):not([value=""])').last().getAttribute('value');
    await tubeSelect.selectOption(top!);
    await expect.poll(() => page.getByText(/compétence\(s\) et .* sujet\(s\) sélectionnés/).textContent()).toBe('2 compétence(s) et 1 sujet(s) sélectionnés.');
    expect(await axeViolations(page)).toEqual([]);
    await docsScreenshot(page, 'campaign-create', page.locator('section', { hasText: 'Créer une campagne' }).last());
    await page.getByRole('button', { name: 'Créer une campagne' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/La campagne Évaluation 4e B est créée\. Son code : [A-Z]{6}[2-9]{3}\./);
    const row = page.getByRole('row', { name: /Évaluation 4e B/ });
    const code = (await row.locator('[data-code]').textContent())!.trim();
    const stored = await collection('campaigns').findOne({ title: 'Évaluation 4e B' });
    expect(stored).toMatchObject({ code, academy: 'versailles', type: 'ASSESSMENT' });
    expect(stored!.targetTubes).toContainEqual({ tubeId, maxLevel: Number(top) });

    await row.getByRole('button', { name: 'Archiver Évaluation 4e B' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('est archivée');
    expect((await collection('campaigns').findOne({ title: 'Évaluation 4e B' }))!.archivedAt).toBeInstanceOf(Date);
  });

  it('imports a bank with one bad item: the report names the item and the field, and nothing changes', async () => {
    const activeBefore = await collection('content_state').findOne({});
    const file = fs.readdirSync(bankDir).find((n) => n.startsWith('1.1'))!;
    const doc = (await import('yaml')).parse(fs.readFileSync(path.join(bankDir, file), 'utf8')) as { challenges: Array<Record<string, unknown>> };
    const broken = doc.challenges.find((c) => c.type === 'QCU')!;
    broken.solution = 9;
    fs.writeFileSync(path.join(bankDir, file), stringify(doc));

    await page.getByRole('link', { name: 'Banque d’épreuves' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Banque d’épreuves');
    await page.getByLabel('Ou le dossier entier de la banque').setInputFiles(bankDir);
    await page.getByRole('button', { name: 'Importer' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('La banque contient des erreurs : rien n’a été importé. 1 erreur, 0 avertissement.');
    const report = page.getByRole('table', { name: 'Erreurs à corriger (rien n’a été importé)' });
    const cells = await report.getByRole('row').nth(1).textContent();
    expect(cells).toContain(file);
    expect(cells).toContain(String(broken.id));
    expect(cells).toContain('solution');
    expect(cells).toContain('SOLUTION_INVALID');
    expect(await page.evaluate(() => (document.querySelector('pix-admin-app')!.shadowRoot!.querySelector('pix-admin-item-bank')!.shadowRoot!.activeElement as HTMLElement | null)?.id)).toBe('report-title');
    expect(await collection('content_state').findOne({})).toEqual(activeBefore);
    await docsScreenshot(page, 'item-bank-report', page.locator('section', { hasText: 'Rapport de validation' }).last());
    expect(await axeViolations(page)).toEqual([]);
  });

  it('previews a challenge as a pupil sees it, and withdraws it', async () => {
    await page.getByLabel('Type', { exact: true }).selectOption('QCU');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const preview = page.getByRole('button', { name: /^Aperçu de / }).first();
    const id = (await preview.textContent())!.replace('Aperçu de ', '').trim();
    await preview.click();
    await expect.poll(() => page.getByRole('heading', { name: `Aperçu élève de ${id}` }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('pix-challenge').getByRole('radio').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await docsScreenshot(page, 'item-bank-preview', page.locator('section', { hasText: 'Aperçu élève de' }).last());
    await page.getByRole('button', { name: 'Fermer l’aperçu' }).click();

    await page.getByRole('button', { name: `Retirer ${id}` }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`L’épreuve ${id} est retirée`);
    expect(await collection('content_status_overrides').findOne({ _id: id as never })).toMatchObject({ status: 'obsolete', changedBy: 'marie.curie@ac-versailles.fr' });
    await expect.poll(() => page.getByRole('button', { name: `Rétablir ${id}` }).isVisible()).toBe(true);
  });

  it('gives a school admin their school’s campaigns and a read-only item bank', async () => {
    const own = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await signInAsAdmin(own, stack.base, 'principal@clg-moulin.fr', PASSWORD);
    expect(await own.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents()).toEqual([
      'Établissements',
      'Campagnes',
      'Banque d’épreuves',
      'Journal d’audit',
    ]);
    await own.getByRole('link', { name: 'Campagnes' }).click();
    await expect.poll(() => own.getByText('La campagne sera rattachée à votre établissement 0781234A.').isVisible()).toBe(true);
    await own.getByLabel('Titre de la campagne').fill('Collecte 3e');
    await own.getByLabel('Type de campagne').selectOption('PROFILES_COLLECTION');
    await expect.poll(() => own.getByText('Profil cible', { exact: true }).count()).toBe(0);
    await own.getByRole('button', { name: 'Créer une campagne' }).click();
    await expect.poll(() => own.getByRole('status').first().textContent()).toMatch(/La campagne Collecte 3e est créée/);
    expect(await collection('campaigns').findOne({ title: 'Collecte 3e' })).toMatchObject({ uai: '0781234A', type: 'PROFILES_COLLECTION' });
    // The academy's campaign made by the academy admin without a UAI is not theirs.
    expect(await own.getByRole('row', { name: /Évaluation 4e B/ }).count()).toBe(0);
    expect(await axeViolations(own)).toEqual([]);

    await own.getByRole('link', { name: 'Banque d’épreuves' }).click();
    await expect.poll(() => own.getByText('Votre rôle permet de consulter la banque, pas de la modifier.').isVisible()).toBe(true);
    expect(await own.getByLabel('Fichiers de la banque').count()).toBe(0);
    expect(await own.getByRole('button', { name: /^Retirer / }).count()).toBe(0);
    await own.close();
  });
});
