import type { Page } from 'playwright-core';

/** Signs in through the panel's form (French) and waits for the first screen. */
export async function signInAsAdmin(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
}
