import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('partners pane in Chromium', () => {
  it('adds a partner, refuses an invalid negotiation with the reason, commits the fix and deletes it', async () => {
    const dataDir = tempDir();
    const served = await startServe(dataDir);
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-partners').click();
      await page.getByTestId('partners-pane').waitFor();
      await page.getByTestId('partner-new').click();
      await page.getByTestId('partner-domain').fill('fabrikam.com');
      await page.getByTestId('partner-description').fill('Fabrikam "chat" — 파트너');
      await page.getByTestId('partner-additional').fill('chat.fabrikam.com');
      await page.getByTestId('partner-additional').press('Enter');
      await page.getByText('chat.fabrikam.com', { exact: true }).waitFor();
      await screenshot(page, 'partners-01-new');
      await page.getByTestId('partner-commit').click();
      await page.getByTestId('partner-fabrikam.com').waitFor();

      // Edit into Lync's invalid combination: TLS not supported with SASL required.
      await page.getByRole('button', { name: 'Edit fabrikam.com' }).click();
      await choose(page, 'partner-tlsNegotiation', 'Not supported');
      const verdict = page.getByTestId('partner-verdict');
      await eventually(() => verdict.textContent()).toContain('with TLS not supported, set SASL to Not supported');
      await eventually(() => page.getByTestId('partner-commit').isDisabled()).toBe(true);
      await screenshot(page, 'partners-02-invalid');

      await choose(page, 'partner-saslNegotiation', 'Not supported');
      await page.getByTestId('partner-dialback').click();
      await page.getByTestId('partner-verdict').waitFor({ state: 'detached' });
      await page.getByTestId('partner-commit').click();
      await page.getByTestId('partner-fabrikam.com').getByText('TLS Not supported').waitFor();
      await screenshot(page, 'partners-03-committed');

      const listed = JSON.parse(
        execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, '--json', 'partners', 'list'], { encoding: 'utf8' }),
      );
      expect(listed).toEqual([
        expect.objectContaining({
          domain: 'fabrikam.com',
          additionalDomains: ['chat.fabrikam.com'],
          tlsNegotiation: 'NotSupported',
          saslNegotiation: 'NotSupported',
        }),
      ]);

      await page.getByRole('button', { name: 'Delete fabrikam.com' }).click();
      await page.getByTestId('partner-delete-confirm').click();
      await page.getByText('No partners yet.', { exact: false }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
