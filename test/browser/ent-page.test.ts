import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppModule, EntModule } from '@pix-lti/lti-tool';
// @ts-expect-error plain .mjs helper shared with `npm start` (no types)
import { ensureBuilt } from '../../web-components/scripts/ensure-built.mjs';
import { FakeEnt } from '../../lti-tool/src/ent/testing/fake-ent.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';
import { launchChromium } from '../support/browser.js';

const UAI = '0750654D';

interface CampaignsLike extends AppModule {
  admin: { create(acting: unknown, input: unknown): Promise<{ id: string; code: string; title: string }> };
}

/**
 * An ENT page in Chromium, on another site than the tool (127.0.0.1 against localhost):
 * the ENT's server signs an assertion, exchanges it server to server for a token, and
 * renders <pix-campaign> with it; the student starts the school's campaign and answers a
 * question, every call cross-origin with the bearer token.
 * A page on an origin the connector did not register gets no CORS answer.
 */
describe('an ENT page without LTI, in Chromium', () => {
  let tool: PixTool;
  let ent: FakeEnt;
  let browser: Browser;
  let registered: EntPageServer;
  let foreign: EntPageServer;
  let campaign: { id: string; code: string; title: string };

  beforeAll(async () => {
    (ensureBuilt as (o: { quiet: boolean }) => boolean)({ quiet: true });
    tool = await startPixTool();
    ent = await FakeEnt.start();
    const db = tool.running.ctx.db.connection.db!;
    const now = new Date();
    await db.collection('academies').insertOne({ _id: 'versailles' as never, name: 'Académie de Versailles', createdAt: now, updatedAt: now });
    await db.collection('schools').insertOne({ _id: UAI as never, name: 'Louis-le-Grand', city: 'Paris', academy: 'versailles', platformIds: [], createdAt: now, updatedAt: now });
    // A campaign of the school, as its admin creates it.
    const campaigns = tool.modules.find((m) => m.name === 'campaigns') as CampaignsLike;
    campaign = await campaigns.admin.create(
      { principal: { id: 'admin-1', email: 'admin@ac-versailles.fr', displayName: 'Admin', role: 'academy-admin', academy: 'versailles' } },
      { title: 'Rechercher sur le web', type: 'ASSESSMENT', method: 'SMART_RANDOM', multipleSendings: false, uai: UAI, targetProfile: { tubes: [{ id: '@moteurRecherche', maxLevel: 3 }] } },
    );
    registered = await startEntPage(tool, ent, campaign.code);
    foreign = await startEntPage(tool, ent, campaign.code);
    const entModule = tool.modules.find((m) => m.name === 'ent') as EntModule;
    await entModule.connectors.create('operator', { academy: 'versailles', issuer: ent.issuer, name: 'ENT de test', jwksUrl: ent.jwksUrl, uais: [UAI], origins: [registered.origin] });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await registered?.close();
    await foreign?.close();
    await ent?.close();
    await tool?.stop();
  });

  async function open(server: EntPageServer): Promise<{ page: Page; apiCalls: Array<{ url: string; status: number; requestId?: string }>; failures: string[] }> {
    const page = await browser.newPage();
    const apiCalls: Array<{ url: string; status: number; requestId?: string }> = [];
    const failures: string[] = [];
    page.on('response', (res) => {
      if (res.url().startsWith(`${tool.url}/api/`) && res.request().method() !== 'OPTIONS') apiCalls.push({ url: res.url(), status: res.status(), requestId: res.headers()['x-request-id'] });
    });
    page.on('requestfailed', (req) => failures.push(`${req.method()} ${req.url()}`));
    await page.goto(server.url);
    return { page, apiCalls, failures };
  }

  it('loads <pix-campaign> with the token of the exchange, and the student answers a question across origins', async () => {
    expect(new URL(registered.url).hostname).toBe('127.0.0.1');
    expect(new URL(tool.url).hostname).toBe('localhost');
    const { page, apiCalls } = await open(registered);
    try {
      expect(registered.exchanges).toEqual([201]);
      // The player started the campaign named by the page, with the exchange's bearer token.
      await page.locator('pix-campaign pix-player h1').getByText(campaign.title).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Commencer', exact: true }).click();
      const question = page.getByRole('button', { name: 'Commencer la question' });
      const skip = page.getByRole('button', { name: 'Je passe' });
      await Promise.race([question.waitFor({ timeout: 15_000 }), skip.waitFor({ timeout: 15_000 })]);
      if (await question.isVisible()) await question.click();
      // Waited for from before the click: the answer's response can come back before the click resolves.
      const answerResponse = page.waitForResponse((res) => /\/api\/assessments\/[^/]+\/answers$/.test(res.url()) && res.request().method() === 'POST', { timeout: 15_000 });
      await skip.click();
      await answerResponse;
      const answered = apiCalls.find((c) => /\/answers$/.test(c.url))!;
      expect(answered.status).toBe(201);
      expect(apiCalls.find((c) => c.url === `${tool.url}/api/assessments`)!.status).toBe(200);

      // Stored for the pseudonymous learner of (ENT, connector, school): the ENT's sub is nowhere.
      const db = tool.running.ctx.db.connection.db!;
      const assessments = await db.collection('assessments').find().toArray();
      expect(assessments).toHaveLength(1);
      expect(JSON.stringify(assessments)).not.toContain('eleve-0042');
      const session = await page.evaluate(
        async ({ api, token }) => {
          const res = await fetch(`${api}/lti/session`, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
          return { status: res.status, body: (await res.json()) as { roles: unknown; user: { id: string } } };
        },
        { api: `${tool.url}/api`, token: registered.lastToken! },
      );
      expect(session.status).toBe(200);
      expect(session.body.roles).toEqual({ learner: true, instructor: false, administrator: false });
      expect(JSON.stringify(assessments)).toContain(session.body.user.id);
    } finally {
      await page.close();
    }
  });

  it('gives a page of an unregistered origin nothing to read: the browser blocks the answers', async () => {
    const { page, failures } = await open(foreign);
    try {
      expect(foreign.exchanges).toEqual([201]);
      await page.locator('pix-campaign pix-player h2#error-heading').waitFor({ timeout: 15_000 });
      expect(await page.locator('pix-campaign pix-player .card p').first().textContent()).toContain('Le serveur ne répond pas');
      expect(failures.some((f) => f.startsWith(`POST ${tool.url}/api/assessments`))).toBe(true);
      const blocked = await page.evaluate(async ({ api, token }) => {
        try {
          await fetch(`${api}/lti/session`, { headers: { authorization: `Bearer ${token}` } });
          return 'read';
        } catch (err) {
          return (err as Error).name;
        }
      }, { api: `${tool.url}/api`, token: foreign.lastToken! });
      expect(blocked).toBe('TypeError');
    } finally {
      await page.close();
    }
  });
});

interface EntPageServer {
  url: string;
  origin: string;
  /** Statuses of the exchanges its server made. */
  exchanges: number[];
  lastToken?: string;
  close(): Promise<void>;
}

/** The ENT's web server: on each page view, an assertion for the student, the exchange, the page. */
async function startEntPage(tool: PixTool, ent: FakeEnt, code: string): Promise<EntPageServer> {
  const state: EntPageServer = { url: '', origin: '', exchanges: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    if (req.url !== '/') {
      res.statusCode = 404;
      res.end();
      return;
    }
    void (async () => {
      const assertion = await ent.assertion(tool.url, { sub: 'eleve-0042', uai: UAI, roles: ['learner'], context: { id: 'grp-3B', label: '3e B' }, activity: code });
      const exchange = await fetch(`${tool.url}/api/ent/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assertion }) });
      state.exchanges.push(exchange.status);
      const { token } = (await exchange.json()) as { token: string };
      state.lastToken = token;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon ENT — Pix</title>
<script type="module" src="${tool.url}/static/pix-components.js"></script></head>
<body><header>Mon ENT</header><main>
<pix-campaign code="${code}" token="${token}" api-base="${tool.url}/api" lang="fr"></pix-campaign>
</main></body></html>`);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = `${state.origin}/`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
