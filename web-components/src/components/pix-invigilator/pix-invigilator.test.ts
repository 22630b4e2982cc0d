import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as C from '../../api/contract.js';
import { axeViolations, liveText } from '../../../testing/browser.js';
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
});
