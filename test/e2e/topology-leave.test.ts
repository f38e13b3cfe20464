import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectState, expectText, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('topology page', () => {
  it('asks before Back discards unsaved changes', async () => {
    await withApp(browser, { width: 800, colorScheme: 'dark' }, async (page) => {
      await page.getByTestId('run-topology').click({ timeout: WAIT });
      const pool = page.getByTestId('field-edgePoolSize');
      await pool.fill('3');
      await expectText(page.getByTestId('page-title').locator('..'), 'Unsaved changes');

      await page.getByTestId('topology-back').click();
      const dialog = page.getByTestId('topology-leave');
      await expectText(dialog, 'Discard your changes?');
      await screenshot(page, 'topology-leave-01-ask');
      await page.getByTestId('topology-leave-stay').click();
      await dialog.waitFor({ state: 'hidden', timeout: WAIT });
      await expectState(async () => (await pool.inputValue()) === '3');

      await page.getByRole('button', { name: 'Back' }).first().click();
      await expectText(dialog, 'Discard your changes?');
      await page.getByTestId('topology-leave-discard').click();
      await page.getByTestId('step-topology').waitFor({ timeout: WAIT });

      // Nothing changed: Back goes straight home.
      await page.getByTestId('run-topology').click({ timeout: WAIT });
      await page.getByTestId('topology-back').click();
      await page.getByTestId('step-topology').waitFor({ timeout: WAIT });
      await eventually(() => page.getByTestId('topology-leave').count()).toBe(0);
    });
  });
});
