import { chromium, type Browser, type Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificationModule } from '../../lti-tool/src/certification/certification.module.js';
import { createSession } from '../../lti-tool/src/certification/application/create-session.js';
import { enrolCandidate } from '../../lti-tool/src/certification/application/enrol-candidate.js';
import { registerCentre } from '../../lti-tool/src/certification/application/register-centre.js';
import { startDemoLms, type DemoLms } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from '../lti/support/pix-tool.js';

/**
 * The whole tool behind a real LTI 1.3 launch from the demo Moodle, in Chromium: a
 * "Certification Pix" link (as deep linking writes it) opens the candidate's screens in the
 * LMS frame, and the pupil joins the session with the launch's own token.
 */
describe('a certification link launched from Moodle, in Chromium', () => {
  let browser: Browser;
  let tool: PixTool;
  let lms: DemoLms;
  let launchPath: string;
  let session: { number: number; accessCode: string };

  beforeAll(async () => {
    tool = await startPixTool();
    lms = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/lti/register` } });
    const [pending] = await tool.lti.registrations.list({ status: 'pending' });
    await tool.lti.registrations.changeStatus(pending!.id, 'approve', 'browser-test');
    const student = [...lms.simulator.platform.site.users.values()].find((u) => u.username === 'lbernard')!;
    const course = [...lms.simulator.platform.site.courses.values()].find((c) => c.shortname === '3B-NUM')!;
    const activity = lms.simulator.addActivity({ courseId: course.id, toolId: lms.tool!.registration.id, name: 'Certification Pix', instructorCustomParameters: { pix_activity: 'certification:pix' } });
    launchPath = `/login/index.php?user=${student.id}&next=${encodeURIComponent(`/mod/lti/view.php?id=${activity.cmid}`)}`;

    const deps = (tool.modules.find((m) => m.name === 'certification') as CertificationModule).deps;
    await registerCentre({ uai: '0781234A', name: 'Collège Jean Moulin', academyId: 'versailles' }, deps);
    const created = await createSession({ centreUai: '0781234A', date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand' }, deps);
    session = created.session;
    await enrolCandidate({ sessionId: created.session.id, candidate: { firstName: 'Louise', lastName: 'Bernard' }, scope: 'all' }, deps);
    await deps.sessions.update(created.session.id, 'created', { status: 'started', startedAt: new Date() });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lms?.stop();
    await tool?.stop();
  });

  it('shows the join form in the LMS frame and joins with the launch’s token', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${lms.url}${launchPath}`);
    const frame: Frame = (await (await page.waitForSelector('iframe.lti')).contentFrame())!;
    await frame.waitForSelector('#pix-launch-config', { state: 'attached', timeout: 15_000 });
    const config = await frame.evaluate(() => JSON.parse(document.getElementById('pix-launch-config')!.textContent!) as { view: string; activity?: unknown });
    expect(config).toMatchObject({ view: 'learner', activity: { type: 'certification', id: 'pix' } });
    await frame.getByRole('heading', { name: 'Certification Pix' }).waitFor({ timeout: 15_000 });
    await frame.getByLabel('Numéro de session').fill(String(session.number));
    await frame.getByLabel(/Code d’accès/).fill(session.accessCode);
    await frame.getByLabel('Prénom').fill('Louise');
    await frame.getByLabel('Nom', { exact: true }).fill('Bernard');
    await frame.getByRole('button', { name: 'Rejoindre la session' }).click();
    await frame.getByRole('heading', { name: 'En attente du surveillant' }).waitFor({ timeout: 15_000 });
    const deps = (tool.modules.find((m) => m.name === 'certification') as CertificationModule).deps;
    const [course] = await deps.courses.listBySession((await deps.sessions.findByNumber(session.number))!.id);
    expect(course).toMatchObject({ state: 'registered', joinedAt: expect.any(Date), candidate: { learnerId: expect.any(String) } });
  });
});
