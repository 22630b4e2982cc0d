import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeTargetOf, type GradingModule, type LtiModule } from '@pix-lti/lti-tool';
import { launchAs, startDemoLms, type DemoLms } from '../lti-platform/index.js';
import { browserFor, launchConfigOf } from '../lti/support/scenario.js';
import { startAdminStack, type AdminStack } from '../support/admin-stack.js';
import { signInAsAdmin } from '../support/admin-sign-in.js';
import { axeViolations, launchChromium } from '../support/browser.js';
import { docsScreenshot } from '../support/docs-screenshot.js';
import { freePort } from '../support/ports.js';

/**
 * Operations with the platform simulator over real HTTP: the tool's key is rotated in the
 * panel and launches and grade delivery still work; a grade the LMS refused is sent again
 * from the operations screen; refused launches show up by code.
 */
describe('admin panel in Chromium: keys and operations', () => {
  let stack: AdminStack;
  let lms: DemoLms;
  let browser: Browser;
  let page: Page;
  let lti: LtiModule;
  let grading: GradingModule;
  let studentId: string;
  let activityId: string;
  let columnId: string;
  const PASSWORD = 'hirondelle cartable nuage 31';
  let registry: Server | undefined;

  const launchStudent = async () => {
    const flow = await launchAs(browserFor('allowed').browser, lms.simulator, { userId: studentId, activityId });
    const session = await lti.sessions.resolve(launchConfigOf(flow.page).token as string);
    if (!session) throw new Error('the launch left no session');
    return session;
  };
  const settled = async (id: string) => {
    for (let i = 0; i < 400; i++) {
      const status = await grading.status(id);
      if (status && status.status !== 'pending' && status.status !== 'delivering') return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`grade ${id} never settled`);
  };

  beforeAll(async () => {
    stack = await startAdminStack('admin_operations_browser');
    lti = stack.modules.find((m) => m.name === 'lti') as LtiModule;
    grading = stack.modules.find((m) => m.name === 'grading') as GradingModule;
    await stack.admin.academies.create({ code: 'versailles', name: 'Académie de Versailles' });
    await stack.admin.accounts.create({ email: 'marie.curie@ac-versailles.fr', displayName: 'Marie Curie', role: 'academy-admin', academy: 'versailles', password: PASSWORD });
    await stack.admin.accounts.create({ email: 'audit@ac-versailles.fr', displayName: 'Audit', role: 'auditor', academy: 'versailles', password: PASSWORD });
    const port = await freePort();
    lms = await startDemoLms({ port, publicUrl: `http://localhost:${port}`, tool: { baseUrl: stack.base, registrationUrl: `${stack.base}/lti/register` }, log: () => undefined });
    // Approved here: approving in the panel is admin-platforms.test.ts's subject.
    const [pending] = await lti.registrations.list({ status: 'pending' });
    await lti.registrations.update(pending!.id, { academy: 'versailles' });
    await lti.registrations.changeStatus(pending!.id, 'approve');
    const sim = lms.simulator;
    const course = sim.addCourse({ shortname: '4A-NUM', fullname: '4e A — Numérique' });
    const student = sim.addUser({ firstname: 'Jules', lastname: 'Verne', username: 'jverne' });
    sim.enrol(student.id, course.id, 'student');
    const activity = sim.addActivity({ courseId: course.id, toolId: lms.tool!.registration.id, name: 'Évaluation Pix', acceptGrades: true });
    studentId = student.id;
    activityId = activity.id;
    columnId = sim.lineItems(course.id).find((i) => i.activityId === activity.id)!.id;

    browser = await launchChromium();
    page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await signInAsAdmin(page, stack.base, 'marie.curie@ac-versailles.fr', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (registry ? registry.close(resolve) : resolve(undefined)));
    await lms?.stop();
    await stack?.stop();
  });

  it('rotates the signing key; launches and grade delivery still work', async () => {
    const before = (await (await fetch(`${stack.base}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    await page.getByRole('link', { name: 'Clés de signature' }).click();
    await page.getByRole('button', { name: 'Faire tourner la clé' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Nouvelle clé .+ active\./);
    const after = (await (await fetch(`${stack.base}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(after.keys.map((k) => k.kid)).toEqual(expect.arrayContaining(before.keys.map((k) => k.kid)));
    expect(after.keys.length).toBe(before.keys.length + 1);

    const session = await launchStudent();
    const queued = await grading.enqueue({
      ...gradeTargetOf(session, { label: 'Évaluation Pix', scoreMaximum: 20 })!,
      scoreGiven: 12,
      scoreMaximum: 20,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: 'after-rotation' },
    });
    // The platform fetches the tool's new key to accept its client assertion.
    expect(await settled(queued.id)).toMatchObject({ status: 'delivered' });
    expect(lms.simulator.grade(columnId, studentId)?.finalgrade).toBe(60);
  });

  it('shows a grade the LMS refused with its reason, and sends it again', async () => {
    const session = await launchStudent();
    const fault = lms.simulator.addFault({ target: 'scores', effect: { status: 400, body: '{"status":400,"reason":"Incorrect score received"}' }, times: 1 });
    const queued = await grading.enqueue({
      ...gradeTargetOf(session, { label: 'Évaluation Pix', scoreMaximum: 20 })!,
      scoreGiven: 18,
      scoreMaximum: 20,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      source: { type: 'campaign-participation', id: 'refused-once' },
    });
    expect(await settled(queued.id)).toMatchObject({ status: 'failed' });
    expect(fault.stats().affected).toBe(1);

    await page.getByRole('link', { name: 'Exploitation' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Exploitation');
    const table = page.getByRole('table', { name: 'Notes en échec' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Incorrect score received');
    expect(await axeViolations(page)).toEqual([]);
    await docsScreenshot(page, 'grades-failed', page.locator('section', { hasText: 'Notes envoyées aux plateformes' }).last());
    await table.getByRole('button', { name: /^Renvoyer la note de / }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('La note est renvoyée : elle repart dans la file d’envoi.');
    expect(await settled(queued.id)).toMatchObject({ status: 'delivered' });
    expect(lms.simulator.grade(columnId, studentId)?.finalgrade).toBe(90);
    await expect.poll(() => page.getByText('Aucune note dans cet état.').isVisible()).toBe(true);
    const audit = await stack.db.connection.db!.collection('audit_log').findOne({ action: 'grade.resend' });
    expect(audit).toMatchObject({ target: { type: 'grade', id: queued.id }, actor: expect.objectContaining({ email: 'marie.curie@ac-versailles.fr' }) });
  });

  it('counts refused launches by code, as a chart with its table', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${stack.base}/lti/login`, { method: 'POST', body: new URLSearchParams({ iss: 'https://moodle.inconnu.fr', client_id: 'x', login_hint: 'u', target_link_uri: `${stack.base}/lti/launch` }) });
      expect(res.status).toBe(401);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Exploitation' }).waitFor();
    await page.getByLabel('Période').selectOption('1');
    await expect.poll(() => page.locator('[data-total]').textContent()).toBe('2 erreurs sur la période.');
    const codes = page.getByRole('table', { name: 'Erreurs par code' });
    expect(await codes.getByRole('row').nth(1).textContent()).toMatch(/LTI_PLATFORM_UNKNOWN.*plateforme non enregistrée.*2/);
    expect(await page.getByRole('img', { name: 'Erreurs de lancement, dernières 24 heures' }).count()).toBe(1);
    await page.getByText('Voir les données du graphique en tableau').click();
    expect(await page.getByRole('table', { name: 'Erreurs de lancement, dernières 24 heures' }).getByRole('row').count()).toBe(25);
    await page.getByText('Voir les données du graphique en tableau').click(); // closed again: a compact screenshot
    await docsScreenshot(page, 'lti-errors', page.locator('section', { hasText: 'Erreurs de lancement LTI' }).last());
    expect(await axeViolations(page)).toEqual([]);
  });

  it('configures the academy registry and sends a test credential to it', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    let answer = 201;
    registry = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer, { 'Content-Type': 'application/json' }).end(answer < 300 ? '{}' : '{"error":"achievement inconnu"}');
      });
    });
    await new Promise<void>((resolve) => registry!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/credentials`;

    await page.getByRole('link', { name: 'Registre' }).click();
    await expect.poll(() => page.getByText('Aucun registre n’est configuré pour votre académie.').isVisible()).toBe(true);
    await page.getByLabel('URL de dépôt des attestations (obligatoire)').fill(url);
    await page.getByRole('button', { name: 'Enregistrer le registre' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Saisissez le jeton ou le secret');
    await page.getByLabel('Jeton (obligatoire)').fill('jeton-du-registre-0123456789');
    await page.getByLabel('Livraison activée').uncheck();
    await page.getByRole('button', { name: 'Enregistrer le registre' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Le registre est enregistré.');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Envoyer une attestation de test' }).click();
    await expect.poll(() => page.locator('[data-test-result]').textContent()).toContain('Le registre a accepté l’attestation de test (HTTP 201).');
    expect(received).toHaveLength(1);
    await docsScreenshot(page, 'registry');
    expect(received[0]!.headers).toMatchObject({ authorization: 'Bearer jeton-du-registre-0123456789', 'content-type': 'application/vc+jwt' });

    answer = 422;
    await page.getByRole('button', { name: 'Envoyer une attestation de test' }).click();
    await expect.poll(() => page.locator('[data-test-result]').textContent()).toContain('Le registre a refusé l’attestation de test (HTTP 422)');
    expect(await page.locator('[data-test-result]').textContent()).toContain('achievement inconnu');
  });

  it('shows an auditor the operations read-only, in English too', async () => {
    const auditor = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await signInAsAdmin(auditor, stack.base, 'audit@ac-versailles.fr', PASSWORD);
    await auditor.getByRole('link', { name: 'Exploitation' }).click();
    await auditor.getByLabel('État').selectOption('delivered');
    await auditor.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => auditor.getByRole('table', { name: 'Notes livrées' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await auditor.getByRole('button', { name: /^Renvoyer/ }).count()).toBe(0);
    expect(await auditor.getByRole('heading', { name: 'Registre : file de livraison des attestations' }).count()).toBe(0);
    expect(await auditor.getByRole('link', { name: 'Registre' }).count()).toBe(0);

    await auditor.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => auditor.getByRole('heading', { level: 1 }).textContent()).toBe('Operations');
    expect(await auditor.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => auditor.getByRole('heading', { name: 'LTI launch errors' }).isVisible()).toBe(true);
    expect(await auditor.getByRole('img', { name: /^Launch errors, last 7 days$/ }).count()).toBe(1);
    expect(await axeViolations(auditor)).toEqual([]);
    await auditor.close();
  });
});
