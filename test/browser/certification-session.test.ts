import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helper shared with `npm start` (no types)
import { ensureBuilt } from '../../web-components/scripts/ensure-built.mjs';
import { configureEndpoint } from '../../lti-tool/src/registry/application/configure-endpoint.js';
import { startRegistryReceiver, type RunningRegistryReceiver } from '../registry-receiver/registry-receiver.js';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { launchChromium, type AxeViolation } from '../support/browser.js';
import { startCertificationStack, type CertificationStack } from '../support/certification-stack.js';

const TOKEN = 'receiver-browser-token-0123456789';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules, evaluated through the DevTools protocol: the invigilator page's CSP forbids injected script tags (and stays on). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // The pointer off the buttons just clicked: a hover colour in transition is not the page's contrast.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(250);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * A certification session as people run it, in Chromium: the invigilator signs in on the
 * tool's page and opens the session; two candidates, each in their own browser, join from
 * their launch with the session number and the access code, wait, are admitted and take
 * the live flash test to the end — one is paused and resumed on the way, and reports a
 * problem; the centre finalises and publishes; the registry receiver ends with two
 * credentials whose signatures it verified against the tool's JWKS.
 */
describe('a certification session in Chromium, from the invigilator’s sign-in to the registry', () => {
  let stack: CertificationStack;
  let receiver: RunningRegistryReceiver;
  let browser: Browser;
  let session: { id: string; number: number; accessCode: string; invigilatorPassword: string };

  beforeAll(async () => {
    (ensureBuilt as (o: { quiet: boolean }) => boolean)({ quiet: true });
    stack = await startCertificationStack('cert-browser', { candidates: true });
    receiver = await startRegistryReceiver({ jwksUrl: `${stack.url}/.well-known/jwks.json`, expectedIssuer: `${stack.config.publicUrl}/api/registry/issuer`, bearerToken: TOKEN });
    await configureEndpoint({ academyId: 'versailles', url: receiver.credentialsUrl, auth: { kind: 'bearer', token: TOKEN } }, stack.registry.deps);
    const admin = (path: string, body?: unknown) =>
      fetch(`${stack.url}/api/admin/certification${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }).then(async (r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<Record<string, unknown>>;
      });
    await admin('/centres', { uai: '0781234A', name: 'Collège Jean Moulin', academyId: 'versailles' });
    session = (await admin('/centres/0781234A/sessions', { date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' })) as typeof session;
    await admin(`/sessions/${session.id}/candidates`, { firstName: 'Léa', lastName: 'Martin', birthdate: '2011-05-04', nationalStudentId: '123456789AB' });
    await admin(`/sessions/${session.id}/candidates`, { firstName: 'Tom', lastName: 'Petit', extraTimePercentage: 33.33 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await receiver?.close();
  });

  async function candidatePage(sub: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.url}/test/launch?token=${encodeURIComponent(await stack.learner(sub))}`);
    return page;
  }

  async function join(page: Page, identity: { firstName: string; lastName: string; birthdate?: string }) {
    await page.getByLabel('Numéro de session').fill(String(session.number));
    await page.getByLabel(/Code d’accès/).fill(session.accessCode.toLowerCase());
    await page.getByLabel('Prénom').fill(identity.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(identity.lastName);
    if (identity.birthdate) await page.getByLabel(/Date de naissance/).fill(identity.birthdate);
    await page.getByRole('button', { name: 'Rejoindre la session' }).click();
  }

  /** Answers the question on screen ("Je passe", after the briefing of a focused question) and waits for the next screen. */
  async function answerOne(page: Page): Promise<number> {
    const heading = page.getByRole('heading', { name: /^Question \d+ sur 32$/ });
    await heading.waitFor({ timeout: 15_000 });
    const n = Number(/Question (\d+)/.exec((await heading.textContent())!)![1]);
    const start = page.getByRole('button', { name: 'Commencer la question' });
    if (await start.isVisible()) await start.click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/answers') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Je passe' }).click(),
    ]);
    const next = n === 32 ? page.getByRole('heading', { name: 'Test terminé' }) : page.getByRole('heading', { name: `Question ${n + 1} sur 32`, exact: true });
    await next.waitFor({ timeout: 15_000 });
    return n;
  }

  async function answerUntil(page: Page, last: number): Promise<void> {
    for (;;) {
      if (await page.getByRole('heading', { name: 'Test terminé' }).isVisible()) return;
      if ((await answerOne(page)) >= last) return;
    }
  }

  it('runs the whole session', async () => {
    // The invigilator signs in on the tool's page and opens the session.
    const invigilator = await (await browser.newContext()).newPage();
    invigilator.on('dialog', (d) => void d.accept());
    await invigilator.goto(`${stack.url}/certification/surveillance`);
    await invigilator.getByLabel('Numéro de session').fill(String(session.number));
    await invigilator.getByLabel('Mot de passe surveillant').fill('WRONG');
    await invigilator.getByRole('button', { name: 'Se connecter' }).click();
    await invigilator.getByRole('alert').getByText(/mot de passe incorrect/).waitFor();
    await invigilator.getByLabel('Mot de passe surveillant').fill(session.invigilatorPassword);
    await invigilator.getByRole('button', { name: 'Se connecter' }).click();
    await invigilator.getByRole('heading', { name: new RegExp(`Session ${session.number}`) }).waitFor();
    expect(await invigilator.locator('pix-invigilator .code').textContent()).toBe(session.accessCode);
    expect(await axeViolations(invigilator)).toEqual([]);
    await invigilator.getByRole('button', { name: 'Ouvrir la session aux candidats' }).click();
    await invigilator.locator('pix-invigilator p.muted').getByText('La session est ouverte.').waitFor();

    // Two candidates join from their launches with the access code.
    let lea = await candidatePage('moodle-lea');
    const tom = await candidatePage('moodle-tom');
    await lea.getByRole('heading', { name: 'Certification Pix' }).waitFor();
    expect(await axeViolations(lea)).toEqual([]);
    await join(lea, { firstName: 'Lea', lastName: 'MARTIN', birthdate: '2011-05-04' });
    await join(tom, { firstName: 'Tom', lastName: 'Petit' });
    for (const page of [lea, tom]) await page.getByRole('heading', { name: 'En attente du surveillant' }).waitFor();
    expect(await axeViolations(lea)).toEqual([]);

    // The invigilator confirms presence and admits both (the list refreshes by itself).
    for (const name of ['Léa Martin', 'Tom Petit']) {
      await invigilator.getByRole('button', { name: `Confirmer la présence : ${name}` }).click();
      await invigilator.getByRole('button', { name: `Autoriser à commencer : ${name}` }).click();
      await invigilator.getByRole('status').getByText(`Autoriser à commencer : ${name}, fait.`).waitFor();
    }
    expect(await axeViolations(invigilator)).toEqual([]);
    for (const page of [lea, tom]) {
      await page.getByRole('button', { name: 'Commencer mon test' }).click({ timeout: 15_000 });
      await page.locator('pix-challenge').waitFor();
    }
    expect(await axeViolations(lea)).toEqual([]);

    // Léa reports a problem on her first question.
    await lea.getByRole('button', { name: 'Signaler un problème' }).click();
    await lea.getByLabel('Quel est le problème ?').selectOption('image_not_displaying');
    await lea.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await lea.getByText(/Ton signalement a été enregistré/).waitFor();

    // Léa's browser closes on question 3; she opens the link again (a new launch), rejoins and finds question 3.
    await answerUntil(lea, 2);
    await lea.getByRole('heading', { name: 'Question 3 sur 32', exact: true }).waitFor();
    const onScreen = (await stack.certification.deps.courses.listBySession(session.id)).find((c) => c.candidate.firstName === 'Léa')!.currentQuestion!;
    await lea.context().close();
    lea = await candidatePage('moodle-lea');
    await join(lea, { firstName: 'Léa', lastName: 'Martin', birthdate: '2011-05-04' });
    await lea.getByRole('heading', { name: 'Question 3 sur 32', exact: true }).waitFor({ timeout: 15_000 });
    expect((await stack.certification.deps.courses.listBySession(session.id)).find((c) => c.candidate.firstName === 'Léa')!.currentQuestion).toEqual(onScreen);

    // Tom answers a few questions, is paused (his screen says so), then resumed at the same question.
    await answerUntil(tom, 3);
    await invigilator.getByRole('button', { name: 'Mettre en pause : Tom Petit' }).click();
    await tom.getByRole('heading', { name: 'Test en pause' }).waitFor({ timeout: 20_000 });
    expect(await axeViolations(tom)).toEqual([]);
    await invigilator.getByRole('button', { name: 'Reprendre : Tom Petit' }).click();
    await tom.getByRole('heading', { name: 'Question 4 sur 32', exact: true }).waitFor({ timeout: 15_000 });

    // Both finish: 32 questions each.
    await Promise.all([answerUntil(lea, 32), answerUntil(tom, 32)]);
    for (const page of [lea, tom]) expect(await page.getByText('Tu as répondu aux 32 questions.', { exact: false }).isVisible()).toBe(true);
    await expect.poll(async () => (await invigilator.locator('pix-invigilator tbody tr').allTextContents()).every((t) => t.includes('Terminé')), { timeout: 10_000 }).toBe(true);
    expect(await invigilator.getByRole('row', { name: /Léa Martin/ }).textContent()).toContain('1 signalement');

    // The centre finalises and publishes; the registry receives two verified credentials.
    const post = (path: string) => fetch(`${stack.url}/api/admin/certification/sessions/${session.id}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const finalised = await post('finalise');
    expect(finalised.status, await finalised.clone().text()).toBe(200);
    expect(await (await post('publish')).json()).toMatchObject({ published: 2 });
    stack.registry.worker.start();
    await expect.poll(() => receiver.receipts().length, { timeout: 30_000 }).toBe(2);
    await stack.registry.worker.stop();
    expect(receiver.stats()).toMatchObject({ unique: 2, duplicates: 0, rejected: 0 });
    const courses = await stack.certification.deps.courses.listBySession(session.id);
    expect(receiver.receipts().map((r) => r.idempotencyKey).sort()).toEqual(courses.map((c) => c.id).sort());
    expect(courses.map((c) => c.answerCount)).toEqual([32, 32]);
  }, 300_000);
});
