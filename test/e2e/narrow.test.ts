import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectState, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const mainWidth = (page: Page) => page.evaluate(() => document.getElementById('main')?.getBoundingClientRect().width ?? 0);
const subtitleCut = (page: Page) =>
  page.evaluate(() => {
    const subtitle = [...document.querySelectorAll('header p')].find((element) => element.textContent && element.textContent.length > 0) as
      HTMLElement | undefined;
    return !subtitle || subtitle.scrollWidth > subtitle.clientWidth;
  });

describe('narrow windows', () => {
  for (const look of [
    { locale: 'en-US', colorScheme: 'light' as const, pane: 'Partners', name: 'en-light' },
    { locale: 'ko-KR', colorScheme: 'dark' as const, pane: '파트너', name: 'ko-dark' },
  ]) {
    it(`lays the side pane over the page at 800 px and keeps the header whole (${look.name})`, async () => {
      await withApp(browser, { width: 800, locale: look.locale, colorScheme: look.colorScheme }, async (page) => {
        await page.getByTestId('step-topology').waitFor({ timeout: WAIT });
        await expectState(() => subtitleCut(page), false);
        const before = await mainWidth(page);
        await page.getByRole('button', { name: look.pane, exact: true }).click();
        const pane = page.getByTestId('side-pane');
        await pane.waitFor({ timeout: WAIT });
        await eventually(() => pane.getAttribute('data-overlay')).toBe('true');
        await expectState(async () => Math.abs((await mainWidth(page)) - before) < 1);
        await screenshot(page, `narrow-01-pane-over-${look.name}`);
        await page.keyboard.press('Escape');
        await pane.waitFor({ state: 'detached', timeout: WAIT });
      });
    });
  }

  it('keeps the pane beside the page on a wide window', async () => {
    await withApp(browser, { width: 1400 }, async (page) => {
      await page.getByRole('button', { name: 'Gateway', exact: true }).click({ timeout: WAIT });
      await page.getByTestId('side-pane').waitFor({ timeout: WAIT });
      await eventually(() => page.getByTestId('side-pane').getAttribute('data-overlay')).toBe('false');
    });
  });
});
