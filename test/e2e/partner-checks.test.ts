import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTopology } from '../support/core';
import { expectState, expectText, WAIT, withApp } from './field-support';
import { edgewizBin, eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openNewPartner(page: Page): Promise<void> {
  await page.getByTestId('run-partners').click({ timeout: WAIT });
  await page.getByTestId('partners-pane').waitFor({ timeout: WAIT });
  await page.getByTestId('partner-new').click();
  await page.getByTestId('partner-domain').waitFor({ timeout: WAIT });
}

describe('partner editor checks', () => {
  it('opens a new partner on a clean combination and refuses our own SIP and XMPP domains', async () => {
    await withApp(
      browser,
      { width: 1280 },
      async (page, { dataDir }) => {
        await openNewPartner(page);
        await expectText(page.getByTestId('partner-defaults'), 'A new partner starts with TLS and SASL required and dialback off');
        await eventually(() => page.getByTestId('partner-verdict').count()).toBe(0);
        await eventually(() => page.getByTestId('partner-dialback').locator('input').isChecked()).toBe(false);

        const domain = page.getByTestId('partner-domain');
        const commit = page.getByTestId('partner-commit');
        const dialog = page.getByRole('dialog');
        await domain.fill('contoso.com');
        await expectText(dialog, "contoso.com is one of this edge's own XMPP domains, so it cannot be a federation partner.");
        await expectState(() => commit.isDisabled());
        await screenshot(page, 'partner-checks-01-own-xmpp');
        await domain.fill('fabrikam.com');
        await expectText(dialog, "fabrikam.com is one of this edge's own SIP domains");
        await expectState(() => commit.isDisabled());

        await domain.fill('litware.example');
        await page.getByTestId('partner-additional').fill('fabrikam.com');
        await page.getByTestId('partner-additional').press('Enter');
        await expectText(page.getByTestId('partner-additional-problem'), "fabrikam.com is one of this edge's own SIP domains");
        await expectState(() => commit.isDisabled());
        await screenshot(page, 'partner-checks-02-own-sip-additional');
        await dialog.locator('.MuiChip-deleteIcon').click();
        await expectState(() => commit.isEnabled());
        await commit.click();
        await page.getByTestId('partner-litware.example').waitFor({ timeout: WAIT });

        // The core refuses it too, whatever the front door.
        writeFileSync(join(dataDir, 'own.json'), JSON.stringify({ domain: 'contoso.com' }));
        const refused = (() => {
          try {
            execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, 'partners', 'add', '--file', join(dataDir, 'own.json')], {
              encoding: 'utf8',
              stdio: 'pipe',
            });
            return '';
          } catch (error) {
            return String((error as { stderr?: string }).stderr);
          }
        })();
        expect(refused).toContain("contoso.com is one of this edge's own XMPP domains");
      },
      sampleTopology,
    );
  });

  it('says it in Korean, in the dark theme', async () => {
    await withApp(
      browser,
      { width: 1280, locale: 'ko-KR', colorScheme: 'dark' },
      async (page) => {
        await openNewPartner(page);
        await expectText(page.getByTestId('partner-defaults'), '새 파트너는 TLS와 SASL 필수, 다이얼백 끔으로 시작합니다');
        await page.getByTestId('partner-domain').fill('contoso.com');
        await expectText(page.getByRole('dialog'), 'contoso.com은(는) 이 에지의 XMPP 도메인이므로 페더레이션 파트너가 될 수 없습니다.');
        await screenshot(page, 'partner-checks-03-own-xmpp-ko-dark');
      },
      sampleTopology,
    );
  });
});
