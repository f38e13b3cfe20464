import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectText, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** What has focus: its test id, else its tag and text. */
function focused(page: Page): () => Promise<string> {
  return () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return 'body';
      return element.dataset.testid ?? `${element.tagName.toLowerCase()}:${element.textContent ?? ''}`;
    });
}

describe('focus', () => {
  it('lands on the new view after Enter on a home button, and back on that button after Back', async () => {
    await withApp(browser, { width: 800 }, async (page) => {
      await page.getByTestId('run-topology').focus({ timeout: WAIT });
      await page.keyboard.press('Enter');
      await eventually(focused(page)).toBe('page-title');
      await expectText(page.getByTestId('page-title'), 'Edge topology');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await eventually(focused(page)).toBe('run-topology');
      await screenshot(page, 'focus-01-home-back');

      await page.getByTestId('run-certificates').focus();
      await page.keyboard.press('Enter');
      await eventually(focused(page)).toBe('page-title');
    });
  });

  it('puts the caret in the first field of each wizard page, so typing right after Next is kept', async () => {
    await withApp(browser, { width: 800 }, async (page) => {
      await page.getByTestId('run-certificates').click({ timeout: WAIT });
      await page.getByTestId('task-request').click({ timeout: WAIT });
      await page.getByTestId('wizard-page-title').filter({ hasText: 'Certificate request' }).waitFor({ timeout: WAIT });
      // Page 1 starts on its first choice; Enter goes on from there.
      await eventually(focused(page)).toMatch(/^input:/);
      for (const title of ['Delayed or immediate request', 'Certificate request file', 'Alternate certificate template']) {
        await page.getByTestId('wizard-next').click({ timeout: WAIT });
        await page.getByTestId('wizard-page-title').filter({ hasText: title }).waitFor({ timeout: WAIT });
        await expectText(page.getByTestId('wizard-announce'), title);
      }
      await page.keyboard.press('Enter');
      await page.getByTestId('wizard-page-title').filter({ hasText: 'Name and security settings' }).waitFor({ timeout: WAIT });
      await eventually(focused(page)).toBe('field-friendlyName');
      await page.keyboard.type('External edge 2026');
      await eventually(() => page.getByTestId('field-friendlyName').inputValue()).toBe('External edge 2026');
      await expectText(page.getByTestId('wizard-announce'), 'Page 5 of 14', 'Name and security settings');
      await screenshot(page, 'focus-02-name-typed');

      await page.keyboard.press('Enter');
      await page.getByTestId('wizard-page-title').filter({ hasText: 'Organization information' }).waitFor({ timeout: WAIT });
      // On a slow machine the rules' verdict on the typing comes after the field shows it: Enter still goes on.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
      await page.keyboard.type('Contoso Ltd');
      await eventually(() => page.getByTestId('field-organization').inputValue()).toBe('Contoso Ltd');
      await page.keyboard.press('Enter');
      await page.getByTestId('wizard-page-title').filter({ hasText: 'Geographical information' }).waitFor({ timeout: WAIT });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.getByTestId('wizard-back').click({ timeout: WAIT });
      await eventually(() => page.getByTestId('field-organization').inputValue()).toBe('Contoso Ltd');
      await page.keyboard.press('Enter');
      await page.getByTestId('wizard-page-title').filter({ hasText: 'Geographical information' }).waitFor({ timeout: WAIT });
      await eventually(focused(page)).toBe('field-country');
    });
  });
});
