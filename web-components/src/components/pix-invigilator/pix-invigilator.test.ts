import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as C from '../../api/contract.js';
import { axeViolations, focused, liveText } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();
const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

describe('<pix-invigilator>', () => {
  it('signs in, shows the access code and the list, and acts by keyboard with the outcome announced', async () => {
    const { page } = await suite.open('/component');
    const session: C.InvigilatedSessionView['session'] = { id: 's1', number: 1001, centreUai: '0781234A', date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand', accessCode: 'KBCD47', status: 'started' };
    let state: C.CertificationCourseState = 'registered';
    const candidate = (): C.InvigilatedCandidateView => ({ id: 'c1', firstName: 'Léa', lastName: 'Martin', state, joined: true, answered: 0, extraTimePercentage: 0, reportedProblems: 1 });
    const actions: string[] = [];
    let signIns = 0;
    await page.route('**/api/certification/invigilation/sign-in', (route) =>
      ++signIns === 1
        ? json(route, 401, { code: 'INVIGILATOR_SIGN_IN_FAILED', message: 'wrong', requestId: 'r' })
        : json(route, 201, { token: 'inv-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), session }),
    );
    await page.route('**/api/certification/invigilation/session', (route) => {
      expect(route.request().headers().authorization).toBe('Bearer inv-token');
      return json(route, 200, { session, candidates: [candidate()], total: 1 });
    });
    await page.route('**/api/certification/invigilation/candidates/c1/*', (route) => {
      actions.push(route.request().url().split('/').pop()!);
      state = 'present';
      return json(route, 200, candidate());
    });
    const apiBase = `${suite.api().url}/api`;
    await page.evaluate((apiBase) => {
      const el = document.createElement('pix-invigilator');
      el.setAttribute('api-base', apiBase);
      document.getElementById('root')!.append(el);
    }, apiBase);
    await page.getByRole('heading', { name: 'Espace surveillant' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel('Mot de passe surveillant').fill('BCDFG');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(/Numéro de session ou mot de passe incorrect/).waitFor();
    await page.getByLabel('Mot de passe surveillant').fill('BCDFH');
    await page.getByLabel('Mot de passe surveillant').press('Enter');
    await page.getByRole('heading', { name: 'Espace surveillant — Session 1001' }).waitFor();
    expect(await page.locator('pix-invigilator .code').textContent()).toBe('KBCD47');
    expect(await page.getByRole('row', { name: /Léa Martin/ }).textContent()).toContain('1 signalement');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Confirmer la présence : Léa Martin' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => liveText(page)).toContain('Confirmer la présence : Léa Martin, fait.');
    expect(actions).toEqual(['confirm-presence']);
    await page.getByRole('button', { name: 'Autoriser à commencer : Léa Martin' }).waitFor();
    // Signed in for this tab only: a reload keeps the session.
    expect(await page.evaluate(() => sessionStorage.getItem('pix-invigilator-token'))).toBe('inv-token');
  });

  it('releases a place taken by the wrong pupil after an inline, keyboard-operable confirmation', async () => {
    const { page } = await suite.open('/component');
    page.on('dialog', () => {
      throw new Error('no window.confirm: the confirmation is inline');
    });
    const session: C.InvigilatedSessionView['session'] = { id: 's1', number: 1001, centreUai: '0781234A', date: '2026-03-10', time: '09:00', room: 'B12', invigilator: 'M. Durand', accessCode: 'KBCD47', status: 'started' };
    const row = (id: string, firstName: string, state: C.CertificationCourseState, joined = true): C.InvigilatedCandidateView => ({ id, firstName, lastName: 'Martin', state, joined, answered: 0, extraTimePercentage: 0, reportedProblems: 0 });
    let lea = row('c1', 'Léa', 'admitted');
    let noe: C.CertificationCourseState = 'present';
    const released: string[] = [];
    await page.route('**/api/certification/invigilation/sign-in', (route) => json(route, 201, { token: 'inv-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), session }));
    await page.route('**/api/certification/invigilation/session', (route) =>
      json(route, 200, { session, candidates: [lea, row('c2', 'Hugo', 'in_progress'), row('c3', 'Noé', noe), row('c4', 'Inès', 'registered', false)], total: 4 }),
    );
    await page.route('**/api/certification/invigilation/candidates/*/release', (route) => {
      const id = route.request().url().split('/').at(-2)!;
      released.push(id);
      if (id === 'c3') return json(route, 409, { code: 'CANDIDATE_ALREADY_STARTED', message: 'started', requestId: 'r' });
      lea = { ...lea, state: 'present', joined: false };
      return json(route, 200, lea);
    });
    const apiBase = `${suite.api().url}/api`;
    await page.evaluate((apiBase) => {
      const el = document.createElement('pix-invigilator');
      el.setAttribute('api-base', apiBase);
      document.getElementById('root')!.append(el);
    }, apiBase);
    await page.getByLabel('Numéro de session').fill('1001');
    await page.getByLabel('Mot de passe surveillant').fill('BCDFH');
    await page.getByLabel('Mot de passe surveillant').press('Enter');
    await page.getByRole('heading', { name: 'Espace surveillant — Session 1001' }).waitFor();
    // Only a joined candidate who has not started offers it.
    expect(await page.getByRole('button', { name: /^Libérer la place/ }).count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Libérer la place : Hugo Martin' }).count()).toBe(0);

    // Asked inline; Escape cancels and gives focus back to the button, nothing sent.
    await page.getByRole('button', { name: 'Libérer la place : Léa Martin' }).focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: /Libérer la place de Léa Martin \?/ });
    await question.waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Oui, libérer la place' });
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(page)).id).toBe('release-c1');
    expect(await question.count()).toBe(0);
    expect(released).toEqual([]);

    // Confirmed: sent, announced, the button goes and focus stays on the candidate's row.
    await page.keyboard.press('Enter');
    await question.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => liveText(page)).toContain('Place de Léa Martin libérée');
    expect(released).toEqual(['c1']);
    await page.getByRole('button', { name: 'Libérer la place : Léa Martin' }).waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'th', text: expect.stringContaining('Léa Martin') });

    // Refused by the server (the test started meanwhile): the reason is shown, in French.
    await page.getByRole('button', { name: 'Libérer la place : Noé Martin' }).click();
    await page.getByRole('button', { name: 'Oui, libérer la place' }).click();
    await page.getByRole('alert').getByText(/a déjà commencé son test/).waitFor();
    expect(await focused(page)).toMatchObject({ id: 'release-c3' });

    // The question open while the next refresh shows the test started: it closes, focus stays on the row.
    await page.getByRole('button', { name: 'Libérer la place : Noé Martin' }).click();
    await page.getByRole('button', { name: 'Oui, libérer la place' }).waitFor();
    noe = 'in_progress';
    await page.getByRole('group', { name: /Libérer la place de Noé Martin/ }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await focused(page)).toMatchObject({ tag: 'th', text: expect.stringContaining('Noé Martin') });
  });
});
