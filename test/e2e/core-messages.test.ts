import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { sampleTopology } from '../support/core';
import { edgewiz, expectText, WAIT, withApp } from './field-support';
import { launchChromium, screenshot } from './support';

let browser: Browser;
let dns: Dnsmasq;
beforeAll(async () => {
  browser = await launchChromium();
  // Authoritative for contoso.com and empty: every record the check looks for is missing.
  dns = await startDnsmasq([], ['contoso.com']);
});
afterAll(async () => {
  await browser?.close();
  await dns?.stop();
});

/** What the core's codes look like; none may reach the page as text. */
const rawCode = /\b(import|verify|records|gateway|xmpp|sessions|store|custody|schema|lint)\.[a-z]+(-[a-z]+)*\b|\((name-syntax|key-size)\)/;

interface Expected {
  refused: string;
  missing: string;
  addressNeeded: string;
  expected: string;
  gatewayButton: string;
  gatewayState: string;
}

/**
 * Imports a file that is no certificate, checks the DNS records against an empty zone, and
 * opens the gateway pane of a Lync gateway on a machine without PowerShell; every core message
 * is read back.
 */
async function readMessages(page: Page, dataDir: string, want: Expected, shot: string): Promise<void> {
  const notes = join(dataDir, 'notes.txt');
  writeFileSync(notes, 'These are meeting notes, not a certificate.\n'.repeat(20));

  await page.getByTestId('run-certificates').click({ timeout: WAIT });
  await page.getByTestId('task-import').click({ timeout: WAIT });
  await page.getByTestId('import-file').setInputFiles(notes);
  await page.getByTestId('import-submit').click();
  const refused = page.getByTestId('import-error');
  await expectText(refused, want.refused);
  expect((await refused.textContent()) ?? '').not.toMatch(rawCode);
  await screenshot(page, `${shot}-01-import`);

  // The token stays with the tab, so a reload opens the home page on the same server.
  await page.reload();
  await page.getByTestId('run-dns').click({ timeout: WAIT });
  await page.getByTestId('dns-server').fill(dns.server);
  await page.getByTestId('dns-verify').click();
  const results = page.getByTestId('dns-results');
  await results.waitFor({ timeout: 30_000 });
  await expectText(results.locator('tbody tr[data-status="missing"]').first(), want.missing);
  await expectText(results.locator('tbody tr[data-status="unresolved"]'), want.expected);
  await expectText(page.getByTestId('dns-address-needed'), want.addressNeeded, 'sip.contoso.com');
  expect((await page.locator('main').textContent()) ?? '').not.toMatch(rawCode);
  await screenshot(page, `${shot}-02-dns`);

  edgewiz(dataDir, ['gateway', 'configure', '--driver', 'lync']);
  await page.reload();
  await page.getByRole('button', { name: want.gatewayButton, exact: true }).click({ timeout: WAIT });
  const state = page.getByTestId('gateway-message');
  await expectText(state, want.gatewayState);
  expect((await page.getByTestId('gateway-pane').textContent()) ?? '').not.toMatch(rawCode);
  await screenshot(page, `${shot}-03-gateway`);
}

describe('core messages in the admin language', () => {
  it('says an import refusal and the DNS check in Korean, with the file name', async () => {
    await withApp(
      browser,
      { width: 1000, locale: 'ko-KR' },
      (page, seed) =>
        readMessages(
          page,
          seed.dataDir,
          {
            refused: 'notes.txt은(는) 인증서 파일이 아닙니다.',
            missing: 'SRV 레코드 없음',
            expected: 'A 또는 AAAA 레코드 하나 이상',
            addressNeeded: 'A 및/또는 AAAA 레코드가 필요합니다',
            gatewayButton: '게이트웨이',
            gatewayState: 'Windows PowerShell을 사용할 수 없습니다. Lync 게이트웨이는 Lync Server 에지(Windows)에서 실행됩니다.',
          },
          'core-messages-ko',
        ),
      sampleTopology,
    );
  });

  it('says them in English too', async () => {
    await withApp(
      browser,
      { width: 1000, locale: 'en-US', colorScheme: 'dark' },
      (page, seed) =>
        readMessages(
          page,
          seed.dataDir,
          {
            refused: 'notes.txt is not a certificate file',
            missing: 'no SRV record',
            expected: 'at least one A or AAAA record',
            addressNeeded: 'also needs an A and/or AAAA record',
            gatewayButton: 'Gateway',
            gatewayState: 'Windows PowerShell is not available: the Lync gateway runs on the Lync Server edge (Windows).',
          },
          'core-messages-en',
        ),
      sampleTopology,
    );
  });
});
