import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { edgewiz, expectText, WAIT, withApp } from './field-support';
import { launchChromium, screenshot } from './support';

let browser: Browser;
let dns: Dnsmasq;
beforeAll(async () => {
  requireOpenssl();
  browser = await launchChromium();
  // Answers for the zone, but holds no TLSA record: the next key's record is not seen.
  dns = await startDnsmasq(['host-record=sip.contoso.com,127.0.0.1'], ['contoso.com']);
});
afterAll(async () => {
  await browser?.close();
  await dns?.stop();
});

describe('DNS page during a DANE key rollover', () => {
  it('says what the rollover waits for, and which key dns verify checked the TLSA records against', async () => {
    await withApp(
      browser,
      { width: 1280 },
      async (page, { dataDir }) => {
        const work = tempDir('edgewiz-ca-');
        const ca = new TestCa(work);
        const issue = (name: string) => {
          writeFileSync(join(work, `${name}.json`), JSON.stringify(profileInput({ request: { friendlyName: name } })));
          edgewiz(dataDir, ['request', '--profile', join(work, `${name}.json`), '--out', join(work, `${name}.req`)]);
          writeFileSync(join(work, `${name}.pem`), ca.pemBundle(ca.sign(join(work, `${name}.req`), name.replace(/\s/g, '-'))));
          return (JSON.parse(edgewiz(dataDir, ['import', '--file', join(work, `${name}.pem`)])) as { id: string }).id;
        };
        edgewiz(dataDir, ['assign', '--id', issue('Edge 2026')]);
        const next = issue('Edge 2027');
        edgewiz(dataDir, ['dns', 'settings', '--tlsa', 'on']);
        edgewiz(dataDir, ['dns', 'rollover', '--id', next, '--server', dns.server]);

        await page.getByTestId('run-dns').click({ timeout: WAIT });
        await expectText(
          page.getByTestId('dns-rollover'),
          `Waiting for ${dns.server} to serve the new TLSA record of "Edge 2027" next to the current one; the gateway keeps its key.`,
        );
        await page.getByTestId('dns-server').fill(dns.server);
        await page.getByTestId('dns-verify').click();
        await expectText(
          page.getByTestId('dns-tlsa-key'),
          "TLSA records were checked against the assigned certificate's key: the gateway is not running, or its key could not be read after STARTTLS.",
        );
        await screenshot(page, 'dns-rollover-waiting');
      },
      sampleTopology,
    );
  });
});
