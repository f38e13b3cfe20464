import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded, WAIT } from './field-support';
import { eventually, launchChromium, screenshot, settled, startServe, watchPageErrors, type Served } from './support';

let browser: Browser;
let served: Served;
beforeAll(async () => {
  browser = await launchChromium();
  const seed = seeded();
  served = await startServe(seed.dataDir, seed.env);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The app bar's icon and title, where the shell draws them. */
const iconAndTitle = (page: Page) => page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 37 } });

describe('the page before the app’s code runs', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the app bar’s icon and title exactly where and as the app draws them (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, locale: 'en-US' });
      try {
        const shell = await context.newPage();
        // The app's code never arrives: what shows is the page itself.
        await shell.route(/\.js$/, (route) => route.abort());
        await shell.goto(served.url);
        await shell.getByRole('heading', { name: 'Edge Wizard' }).waitFor({ timeout: WAIT });
        await settled(shell);
        await screenshot(shell, `shell-${colorScheme}`);
        const drawnByShell = await iconAndTitle(shell);

        const app = await context.newPage();
        const errors = watchPageErrors(app);
        await app.goto(served.url);
        await app.getByTestId('run-topology').waitFor({ timeout: WAIT });
        await settled(app);
        expect(await app.locator('.shell').count()).toBe(0);
        expect(Buffer.compare(await iconAndTitle(app), drawnByShell)).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('leaves no rule behind once the app runs: a dark theme chosen on a light system darkens the whole page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale: 'en-US' });
    try {
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-topology').waitFor({ timeout: WAIT });
      const body = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await eventually(body).toBe('rgb(244, 246, 249)');
      await page.getByRole('combobox', { name: 'Theme' }).click();
      await page.getByRole('option', { name: 'Dark' }).click();
      await eventually(body).toBe('rgb(16, 20, 24)');
      await page.getByRole('combobox', { name: 'Theme' }).click();
      await page.getByRole('option', { name: 'Follow system' }).click();
      await eventually(body).toBe('rgb(244, 246, 249)');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
