import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOpenssl, TestCa } from '../support/ca';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors } from './support';

let browser: Browser;
beforeAll(async () => {
  requireOpenssl();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const edgewiz = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8' });

describe('what the gateway enforces, and trusted roots, in Chromium', () => {
  it('shows per partner what the embedded gateway enforces and what it does not, in English and Korean', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'P.json'),
      JSON.stringify([
        { domain: 'fabrikam.com', supportDialbackNegotiation: false },
        {
          domain: 'litware.example',
          tlsNegotiation: 'NotSupported',
          saslNegotiation: 'NotSupported',
          enableKeepAlive: false,
          partnerType: 'Federated',
        },
      ]),
    );
    edgewiz(dataDir, 'partners', 'add', '--file', join(dataDir, 'P.json'));
    const served = await startServe(dataDir);
    try {
      for (const [locale, dialbackOff, keepAlive] of [
        ['en-US', 'Dialback is refused in both directions.', 'Keep-alive: Prosody sets it'],
        ['ko-KR', '다이얼백은 양방향 모두 거부됩니다.', '연결 유지: Prosody는'],
      ] as const) {
        const page = await (
          await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, colorScheme: locale === 'ko-KR' ? 'dark' : 'light' })
        ).newPage();
        const errors = watchPageErrors(page);
        await page.goto(served.url);
        await page.getByTestId('run-partners').click();
        const fabrikam = page.getByTestId('partner-fabrikam.com');
        await eventually(() => fabrikam.getByTestId('partner-enforced').textContent()).toContain(dialbackOff);
        await eventually(() => fabrikam.getByTestId('partner-not-enforced').count()).toBe(0);
        const litware = page.getByTestId('partner-litware.example');
        await eventually(() => litware.getByTestId('partner-not-enforced').textContent()).toContain(keepAlive);
        await screenshot(page, `partners-enforced-${locale}`);
        expect(errors).toEqual([]);
      }
    } finally {
      await served.stop();
    }
  });

  it('adds a private root from a file and removes it, from the certificates page', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'T.json'), JSON.stringify(sampleTopology));
    edgewiz(dataDir, 'topology', 'set', '--file', join(dataDir, 'T.json'));
    const ca = new TestCa(dataDir);
    const served = await startServe(dataDir);
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-certificates').click();
      const panel = page.getByTestId('trusted-roots');
      await panel.getByText('No private roots').waitFor();

      await page.getByTestId('trust-add-file').setInputFiles(ca.intCert);
      await eventually(() => panel.getByTestId('trust-message').textContent()).toContain('no root certificate');

      await page.getByTestId('trust-add-file').setInputFiles(ca.rootCert);
      await panel.getByTestId('trusted-root-list').getByText('CN=Test Root CA', { exact: false }).waitFor();
      await screenshot(page, 'trusted-roots-added');
      await eventually(() => JSON.parse(edgewiz(dataDir, '--json', 'trust', 'list'))).toHaveLength(1);

      await panel.getByRole('button', { name: /^Remove .*Test Root CA/ }).click();
      await panel.getByText('No private roots').waitFor();
      await eventually(() => JSON.parse(edgewiz(dataDir, '--json', 'trust', 'list'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
