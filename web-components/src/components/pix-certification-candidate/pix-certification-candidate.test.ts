import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as C from '../../api/contract.js';
import { axeViolations, liveText } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();

const course = (state: C.CertificationCourseState): C.CandidateCourseView => ({
  id: 'course-1',
  session: { number: 1001, date: '2026-03-10', time: '09:00', room: 'B12' },
  candidate: { firstName: 'Léa', lastName: 'Martin' },
  state,
  answered: 0,
  total: 32,
  allowedSeconds: 6300,
  extraTimePercentage: 0,
});

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

/** The element on a plain page, its API answered by the test (the real API is tested in lti-tool). */
async function mountCandidate(page: Page): Promise<void> {
  const apiBase = `${suite.api().url}/api`;
  await page.evaluate((apiBase) => {
    const el = document.createElement('pix-certification-candidate');
    el.setAttribute('token', 'token-1');
    el.setAttribute('api-base', apiBase);
    document.getElementById('root')!.append(el);
  }, apiBase);
}

describe('<pix-certification-candidate>', () => {
  it('joins by keyboard in English: required fields, a refused code explained, then the waiting and start screens', async () => {
    const { page, errors } = await suite.open('/component?lang=en');
    let joins = 0;
    let polled = 0;
    await page.route('**/api/certification/candidate/join', (route) =>
      ++joins === 1
        ? json(route, 403, { code: 'SESSION_ACCESS_DENIED', message: 'No session', requestId: 'r1' })
        : json(route, 200, { course: course('registered'), resumed: false }),
    );
    await page.route('**/api/certification/candidate/courses/course-1', (route) => json(route, 200, course(++polled > 1 ? 'admitted' : 'present')));
    await mountCandidate(page);
    await page.getByRole('heading', { name: 'Pix certification' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Enter on an empty form: the first missing field is named and focused.
    await page.getByLabel('Session number').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Session number: this field is required.').waitFor();
    expect(await page.evaluate(() => document.querySelector('pix-certification-candidate')!.shadowRoot!.activeElement?.id)).toBe('session-number');

    await page.keyboard.type('1001');
    for (const text of ['kbcd47', 'Léa', 'Martin']) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/No session matches this number and access code/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Join the session' }).press('Enter');
    await page.getByRole('heading', { name: 'Waiting for the invigilator' }).waitFor();
    expect(await page.getByText('You joined session 1001 (room B12)').isVisible()).toBe(true);
    // The page asks every 3 s: presence first, then admission.
    await page.getByRole('heading', { name: 'You may start' }).waitFor({ timeout: 10_000 });
    expect(await liveText(page)).toContain('You may start');
    expect(await page.getByRole('button', { name: 'Start my test' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
  });

  it('says in French how many competences a learner who is not certifiable yet has reached', async () => {
    const { page, errors } = await suite.open('/component');
    await page.route('**/api/certification/candidate/join', (route) =>
      json(route, 422, { code: 'CANDIDATE_NOT_CERTIFIABLE', message: 'not certifiable', details: { certifiableCompetences: 4, required: 5 }, requestId: 'r1' }),
    );
    await mountCandidate(page);
    await page.getByRole('heading', { name: 'Certification Pix' }).waitFor();
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel('Code d’accès').fill('KBCD47');
    await page.getByLabel('Prénom').fill('Tom');
    await page.getByLabel('Nom', { exact: true }).fill('Petit');
    await page.getByRole('button', { name: 'Rejoindre la session' }).press('Enter');
    await page.getByRole('alert').getByText('tu as atteint le niveau 1 dans 4 compétences sur les 5 nécessaires', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors.filter((e) => !/422/.test(e))).toEqual([]);
  });

  it('shows the question with the time left and records "Signaler un problème"', async () => {
    const { page } = await suite.open('/component');
    const challenge: C.ChallengeView = {
      id: 'ch-1',
      type: 'QCU',
      locale: 'fr-fr',
      instructionHtml: '<p>Quel outil permet de trouver des pages web à partir de mots-clés ?</p>',
      attachments: [],
      focused: false,
      response: { kind: 'choices', multiple: false, choices: [{ value: 1, html: 'Un moteur de recherche' }, { value: 2, html: 'Un tableur' }] },
      competence: { code: '1.1', name: 'Mener une recherche et une veille d’information', areaCode: '1', areaName: 'Information et données' },
    } as C.ChallengeView;
    const running = { ...course('in_progress'), remainingSeconds: 6000 };
    const reports: unknown[] = [];
    await page.route('**/api/certification/candidate/join', (route) => json(route, 200, { course: running, resumed: true }));
    await page.route('**/api/certification/candidate/courses/course-1/question', (route) => json(route, 200, { kind: 'question', index: 4, challenge, course: { ...running, answered: 4 } }));
    await page.route('**/api/certification/candidate/courses/course-1', (route) => json(route, 200, running));
    await page.route('**/api/certification/candidate/courses/course-1/problems', (route) => {
      reports.push(route.request().postDataJSON());
      return json(route, 201, { id: 'incident-1' });
    });
    await mountCandidate(page);
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel(/Code d’accès/).fill('KBCD47');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByRole('button', { name: 'Rejoindre la session' }).click();
    await page.getByRole('heading', { name: 'Question 5 sur 32' }).waitFor();
    expect(await page.locator('pix-certification-candidate [role=timer]').textContent()).toMatch(/^(100 min|99 min 5\d s)$/);
    await page.getByRole('button', { name: 'Signaler un problème' }).click();
    await page.getByLabel('Quel est le problème ?').selectOption('link_not_working');
    await page.getByLabel('Précisions (facultatif)').fill('Le lien renvoie une erreur 404');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByRole('status').getByText(/Ton signalement a été enregistré/).waitFor();
    expect(reports).toEqual([{ questionIndex: 4, kind: 'link_not_working', description: 'Le lien renvoie une erreur 404' }]);
  });

  it('announces the time left politely when a minute remains', async () => {
    const { page } = await suite.open('/component');
    const running = { ...course('in_progress'), remainingSeconds: 62 };
    const challenge = { id: 'ch-1', type: 'QCU', locale: 'fr-fr', instructionHtml: '<p>Question</p>', attachments: [], focused: false, response: { kind: 'choices', multiple: false, choices: [{ value: 1, html: 'A' }, { value: 2, html: 'B' }] }, competence: { code: '1.1', name: 'Recherche', areaCode: '1', areaName: 'Information et données' } };
    await page.route('**/api/certification/candidate/join', (route) => json(route, 200, { course: running, resumed: true }));
    await page.route('**/api/certification/candidate/courses/course-1/question', (route) => json(route, 200, { kind: 'question', index: 0, challenge, course: running }));
    await page.route('**/api/certification/candidate/courses/course-1', (route) => json(route, 200, running));
    await mountCandidate(page);
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel(/Code d’accès/).fill('KBCD47');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByRole('button', { name: 'Rejoindre la session' }).click();
    await page.getByRole('heading', { name: 'Question 1 sur 32' }).waitFor();
    await expect.poll(() => liveText(page), { timeout: 6000 }).toContain('Il te reste 1 min.');
  });

  it('goes back to the join form, saying why, when the invigilator releases the place it held', async () => {
    const { page } = await suite.open('/component');
    let released = false;
    await page.route('**/api/certification/candidate/join', (route) =>
      released ? json(route, 403, { code: 'CANDIDATE_PLACE_RELEASED', message: 'released', requestId: 'r2' }) : json(route, 200, { course: course('registered'), resumed: false }),
    );
    await page.route('**/api/certification/candidate/courses/course-1', (route) =>
      released ? json(route, 404, { code: 'CANDIDATE_NOT_FOUND', message: 'No course', requestId: 'r1' }) : json(route, 200, course('present')),
    );
    await mountCandidate(page);
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel('Code d’accès').fill('KBCD47');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Nom', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'En attente du surveillant' }).waitFor();
    released = true;
    // The next poll (every 3 s) finds the place gone: the form comes back with the reason, focused.
    await page.getByRole('alert').getByText(/le surveillant l’a libérée/).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => document.querySelector('pix-certification-candidate')!.shadowRoot!.activeElement?.id)).toBe('join-error');
    expect(await axeViolations(page)).toEqual([]);
    // Trying the classmate's identity again is refused with its own reason.
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel('Code d’accès').fill('KBCD47');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByRole('button', { name: 'Rejoindre la session' }).click();
    await page.getByRole('alert').getByText(/Le surveillant a libéré cette place/).waitFor();
  });
});
