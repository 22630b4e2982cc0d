import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntModule } from '@pix-lti/lti-tool';
// @ts-expect-error plain .mjs helper shared with `npm start` (no types)
import { ensureBuilt } from '../../web-components/scripts/ensure-built.mjs';
import type { CertificationModule } from '../../lti-tool/src/certification/certification.module.js';
import { createSession } from '../../lti-tool/src/certification/application/create-session.js';
import { enrolCandidate } from '../../lti-tool/src/certification/application/enrol-candidate.js';
import { registerCentre } from '../../lti-tool/src/certification/application/register-centre.js';
import { FakeEnt } from '../../lti-tool/src/ent/testing/fake-ent.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';
import { launchChromium } from '../support/browser.js';

const UAI = '0750654D';

/**
 * A certification from an ENT page without LTI, in Chromium: the ENT's server exchanges an
 * assertion (no activity) for a token and renders <pix-certification-candidate> with it, on
 * another site than the tool; the pupil joins the session across origins (CORS) and waits.
 */
describe('a certification on an ENT page, in Chromium', () => {
  let tool: PixTool;
  let ent: FakeEnt;
  let browser: Browser;
  let page: { url: string; origin: string; close(): Promise<void> };
  let session: { id: string; number: number; accessCode: string };

  beforeAll(async () => {
    (ensureBuilt as (o: { quiet: boolean }) => boolean)({ quiet: true });
    tool = await startPixTool();
    ent = await FakeEnt.start();
    const db = tool.running.ctx.db.connection.db!;
    const now = new Date();
    await db.collection('academies').insertOne({ _id: 'versailles' as never, name: 'Académie de Versailles', createdAt: now, updatedAt: now });
    await db.collection('schools').insertOne({ _id: UAI as never, name: 'Louis-le-Grand', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: now, updatedAt: now });
    const deps = (tool.modules.find((m) => m.name === 'certification') as CertificationModule).deps;
    await registerCentre({ uai: UAI, name: 'Louis-le-Grand', academyId: 'versailles' }, deps);
    session = (await createSession({ centreUai: UAI, date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' }, deps)).session;
    await enrolCandidate({ sessionId: session.id, candidate: { firstName: 'Inès', lastName: 'Moreau' }, scope: 'all' }, deps);
    await deps.sessions.update(session.id, 'created', { status: 'started', startedAt: now });
    page = await startEntPage(tool, ent);
    await (tool.modules.find((m) => m.name === 'ent') as EntModule).connectors.create('operator', { academy: 'versailles', issuer: ent.issuer, name: 'ENT de test', jwksUrl: ent.jwksUrl, uais: [UAI], origins: [page.origin] });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await ent?.close();
    await tool?.stop();
  });

  it('joins the session from the ENT page with the exchange’s token, across origins', async () => {
    const tab = await browser.newPage();
    const apiStatuses: number[] = [];
    tab.on('response', (res) => {
      if (res.url().startsWith(`${tool.url}/api/certification/`) && res.request().method() !== 'OPTIONS') apiStatuses.push(res.status());
    });
    await tab.goto(page.url);
    expect(new URL(page.url).hostname).not.toBe(new URL(tool.url).hostname);
    await tab.getByRole('heading', { name: 'Certification Pix' }).waitFor({ timeout: 15_000 });
    await tab.getByLabel('Numéro de session').fill(String(session.number));
    await tab.getByLabel(/Code d’accès/).fill(session.accessCode);
    await tab.getByLabel('Prénom').fill('Ines');
    await tab.getByLabel('Nom', { exact: true }).fill('MOREAU');
    await tab.getByRole('button', { name: 'Rejoindre la session' }).click();
    await tab.getByRole('heading', { name: 'En attente du surveillant' }).waitFor({ timeout: 15_000 });
    expect(apiStatuses[0]).toBe(200);
    const deps = (tool.modules.find((m) => m.name === 'certification') as CertificationModule).deps;
    const [course] = await deps.courses.listBySession(session.id);
    // Bound to the pseudonymous learner of (ENT, connector, school): the ENT's own id is nowhere.
    expect(course!.candidate.learnerId).toEqual(expect.any(String));
    expect(JSON.stringify(course)).not.toContain('eleve-0077');
  });
});

/** The ENT's web server: on each page view, an assertion for the pupil (no activity), the exchange, the page. */
async function startEntPage(tool: PixTool, ent: FakeEnt): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/') {
      res.statusCode = 404;
      res.end();
      return;
    }
    void (async () => {
      const assertion = await ent.assertion(tool.url, { sub: 'eleve-0077', uai: UAI, roles: ['learner'], context: { id: 'grp-3B', label: '3e B' } });
      const exchange = await fetch(`${tool.url}/api/ent/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assertion }) });
      if (exchange.status !== 201) throw new Error(`exchange: ${exchange.status} ${await exchange.text()}`);
      const { token } = (await exchange.json()) as { token: string };
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon ENT — Certification Pix</title>
<script type="module" src="${tool.url}/static/pix-components.js"></script></head>
<body><header>Mon ENT</header><main>
<pix-certification-candidate token="${token}" api-base="${tool.url}/api" lang="fr"></pix-certification-candidate>
</main></body></html>`);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
