import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../api/contract.js';
import { axeViolations, mount } from '../../../testing/browser.js';
import { componentSuite } from '../../../testing/component-suite.js';

const suite = componentSuite();
const checkpoint: Checkpoint = {
  id: 'checkpoint-1',
  number: 1,
  final: false,
  answers: [
    { answerId: 'a1', challengeId: 'c1', number: 1, instructionHtml: '<p>Question sur la recherche</p>', status: 'ok', givenAnswer: 'B', correction: { solutionHtml: '<p>B</p>' }, tutorials: [] },
    { answerId: 'a2', challengeId: 'c2', number: 2, instructionHtml: '<p>Mots de passe</p>', status: 'ko', givenAnswer: 'azerty123', correction: { solutionHtml: '<p>Les deux longs</p>', explanationHtml: '<p>Longueur et variété.</p>' }, tutorials: [{ title: 'Créer un mot de passe', url: 'https://example.org/t', format: 'video', durationMinutes: 3 }] },
    { answerId: 'a3', challengeId: 'c3', number: 3, instructionHtml: '<p>Fichiers</p>', status: 'aband', givenAnswer: '', tutorials: [] },
    { answerId: 'a4', challengeId: 'c4', number: 4, instructionHtml: '<p>Raccourcis</p>', status: 'timedout', givenAnswer: '', tutorials: [] },
    { answerId: 'a5', challengeId: 'c5', number: 5, instructionHtml: '<p>Tableur</p>', status: 'focusedOut', givenAnswer: '12', tutorials: [] },
  ],
};

describe('<pix-checkpoint>', () => {
  it('writes out each result, opens corrections and tutorials, and continues', async () => {
    const { page } = await suite.open('/component');
    await mount(page, 'pix-checkpoint', { checkpoint });
    expect(await page.locator('pix-checkpoint p').first().textContent()).toBe('1 bonne réponse sur 5.');
    expect(await page.locator('pix-checkpoint .badge').allTextContents()).toEqual(['Bonne réponse', 'Mauvaise réponse', 'Question passée', 'Temps dépassé', 'Hors focus']);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('pix-checkpoint summary').nth(1).click();
    expect(await page.locator('pix-checkpoint details').nth(1).textContent()).toContain('Longueur et variété.');
    expect(await page.getByRole('link', { name: /Créer un mot de passe/ }).getAttribute('target')).toBe('_blank');
    expect(await axeViolations(page)).toEqual([]);
    const cont = page.evaluate(() => new Promise<string>((r) => document.addEventListener('pix-checkpoint-continue', (e) => r((e as CustomEvent).detail.checkpointId), { once: true })));
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await cont).toBe('checkpoint-1');
  });

  it('ends with "Voir mes résultats" on the final checkpoint, in English too', async () => {
    const { page } = await suite.open('/component?lang=en');
    await mount(page, 'pix-checkpoint', { checkpoint: { ...checkpoint, final: true } });
    expect(await page.getByRole('button', { name: 'See my results' }).count()).toBe(1);
    expect(await page.locator('pix-checkpoint h2').textContent()).toBe('Your last answers');
  });
});
