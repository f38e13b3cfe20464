import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { freePort } from '../support/gateway';
import { tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors } from './support';

let browser: Browser;
let dns: Dnsmasq;
let closedPort: number;
beforeAll(async () => {
  browser = await launchChromium();
  closedPort = await freePort();
  dns = await startDnsmasq(
    [
      `srv-host=_xmpp-server._tcp.contoso.com,sip.contoso.com,${closedPort},0,0`,
      'srv-host=_xmpp-server._tcp.xn--vf4b131b.xn--3e0b707e,sip.contoso.com,5270,0,0',
      'host-record=sip.contoso.com,127.0.0.1',
    ],
    ['contoso.com', 'xn--vf4b131b.xn--3e0b707e'],
  );
});
afterAll(async () => {
  await browser?.close();
  await dns?.stop();
});

describe('DNS page in Chromium', () => {
  it('shows the records in three formats and verifies them against a DNS server', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'T.json'),
      JSON.stringify({
        sipDomains: ['contoso.com'],
        accessEdgeFqdn: 'sip.contoso.com',
        internalEdgeFqdn: 'edge-int.contoso.local',
        xmppDomains: ['contoso.com', '회사.한국'],
      }),
    );
    execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, 'topology', 'set', '--file', join(dataDir, 'T.json')]);
    const served = await startServe(dataDir);
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-dns').click();
      await page.getByTestId('dns-records').getByText('_xmpp-server._tcp.contoso.com. 3600 IN SRV 0 0 5269 sip.contoso.com.').waitFor();
      await eventually(() => page.getByTestId('dns-path').textContent()).toContain('_xmpp-server._tcp.contoso.com');
      await page.getByTestId('dns-format-powershell').click();
      await page.getByTestId('dns-records').getByText('Add-DnsServerResourceRecord', { exact: false }).first().waitFor();
      await page.getByTestId('dns-format-nsupdate').click();
      await page.getByTestId('dns-records').getByText('update add', { exact: false }).first().waitFor();

      await page.getByTestId('dns-server').fill(dns.server);
      await page.getByTestId('dns-verify').click();
      const statuses = () =>
        page.locator('[data-testid=dns-results] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
      await eventually(statuses).toEqual(['wrong-port', 'wrong-port', 'ok', 'certificate-mismatch', 'certificate-mismatch']);
      await eventually(() => page.getByTestId('dns-summary').textContent()).toContain('4 checks failed.');
      await page.getByTestId('dns-probe').click();
      const steps = () =>
        page.locator('[data-testid=dns-probe-steps] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      // SRV and address resolve through dnsmasq; no XMPP server listens on the SRV's port in this test.
      await eventually(async () => (await steps()).slice(0, 3)).toEqual(['ok', 'ok', 'failed']);
      await screenshot(page, 'dns-verified');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
