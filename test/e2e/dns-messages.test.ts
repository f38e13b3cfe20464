import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsmasq, type Dnsmasq } from '../support/dnsmasq';
import { freePort } from '../support/gateway';
import { sampleTopology } from '../support/core';
import { expectText, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
let dns: Dnsmasq;
let closedPort: number;
beforeAll(async () => {
  browser = await launchChromium();
  closedPort = await freePort();
  dns = await startDnsmasq(
    [`srv-host=_xmpp-server._tcp.contoso.com,sip.contoso.com,${closedPort},0,0`, 'host-record=sip.contoso.com,127.0.0.1'],
    ['contoso.com'],
  );
});
afterAll(async () => {
  await browser?.close();
  await dns?.stop();
});

describe('DNS page messages', () => {
  it('keeps a Verify error next to its button, in Korean, and a Probe does not clear it', async () => {
    await withApp(
      browser,
      { width: 800, locale: 'ko-KR', colorScheme: 'dark' },
      async (page) => {
        await page.getByTestId('run-dns').click({ timeout: WAIT });
        // A settings field's rule is said at the field, in Korean.
        await page.getByTestId('dns-ttl').fill('5');
        await expectText(
          page.getByTestId('dns-ttl').locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]'),
          '60에서 604800 사이의 초 단위 정수를 입력하십시오.',
        );
        await page.getByTestId('dns-ttl').fill('3600');
        const silent = `127.0.0.1:${await freePort()}`;
        await page.getByTestId('dns-server').fill(silent);
        await page.getByTestId('dns-verify').click();
        const verifyError = page.getByTestId('dns-verify-error');
        // The resolver gives up after its own bounded retries; allow for them on a busy machine.
        await verifyError.waitFor({ timeout: 30_000 });
        await expectText(verifyError, `DNS 서버 ${silent}이(가) 응답하지 않았습니다`);
        const button = await page.getByTestId('dns-verify').boundingBox();
        const alert = await verifyError.boundingBox();
        expect(button && alert && alert.y - (button.y + button.height)).toBeLessThan(120);

        await page.getByTestId('dns-server').fill(dns.server);
        await page.getByTestId('dns-probe-domain').fill('contoso.com');
        await page.getByTestId('dns-probe').click();
        const steps = page.getByTestId('dns-probe-steps');
        await steps.waitFor({ timeout: 30_000 });
        await expectText(steps, `127.0.0.1:${closedPort}`);
        const stream = steps.locator('li[data-status="failed"]');
        await eventually(async () => (await stream.textContent()) ?? '').toContain('응답하는 XMPP 서버가 없습니다');
        await expectText(verifyError, '응답하지 않았습니다');
        await screenshot(page, 'dns-messages-01-ko-dark');
      },
      sampleTopology,
    );
  });
});
