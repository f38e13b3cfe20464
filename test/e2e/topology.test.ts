import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors, type Served } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(served: Served, options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('step-topology').waitFor();
  return page;
}

function cliTopology(dataDir: string): unknown {
  return JSON.parse(
    execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, '--json', 'topology', 'show'], { encoding: 'utf8' }),
  );
}

describe('edge topology in Chromium against edgewiz serve', () => {
  it('refuses a bad topology, saves a good one and keeps it across a reload', async () => {
    const dataDir = tempDir();
    const served = await startServe(dataDir);
    try {
      const page = await openApp(served);
      const errors = watchPageErrors(page);
      await page.getByTestId('step-topology').getByText('Not done').waitFor();
      await eventually(() => page.getByTestId('run-certificates').isDisabled()).toBe(true);
      await screenshot(page, 'home-empty');

      // Keyboard only: focus the step's button and press Enter.
      await page.getByTestId('run-topology').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('field-sipDomains.0').fill('contoso.com');
      await page.getByTestId('field-accessEdgeFqdn').fill('sip_edge.contoso.com');
      await page.getByTestId('field-internalEdgeFqdn').fill('10.0.0.5');
      await page.getByTestId('save-topology').click();
      await eventually(() => page.getByTestId('topology-error').textContent()).toContain('Fix the highlighted fields');
      await page.getByText('Underscores are not allowed in host names.').waitFor();
      await page.getByText('Enter a DNS name, not an IP address.').waitFor();
      await screenshot(page, 'topology-invalid');
      expect(cliTopology(dataDir)).toBeNull();

      await page.getByTestId('field-accessEdgeFqdn').fill('sip.contoso.com');
      await page.getByTestId('field-internalEdgeFqdn').fill('edge-int.contoso.local');
      await page.getByTestId('add-sipDomains').click();
      await page.getByTestId('field-sipDomains.1').fill('회사.한국');
      await page.getByTestId('add-xmppDomains').click();
      await page.getByTestId('field-xmppDomains.0').fill('contoso.com');
      await page.getByTestId('field-edgePoolSize').fill('2');
      await page.getByText('Stored as xn--vf4b131b.xn--3e0b707e').waitFor();
      await page.getByTestId('field-edgePoolSize').press('Enter');
      await page.getByText('Edge topology saved.').waitFor();
      await screenshot(page, 'topology-saved');

      expect(cliTopology(dataDir)).toEqual({
        sipDomains: ['contoso.com', 'xn--vf4b131b.xn--3e0b707e'],
        accessEdgeFqdn: 'sip.contoso.com',
        internalEdgeFqdn: 'edge-int.contoso.local',
        xmppDomains: ['contoso.com'],
        edgePoolSize: 2,
      });

      await page.reload();
      await page.getByTestId('step-topology').getByText('Complete').waitFor();
      await eventually(() => page.getByTestId('run-topology').textContent()).toBe('Run again');
      await page.getByTestId('run-topology').click();
      await eventually(() => page.getByTestId('field-sipDomains.1').inputValue()).toBe('회사.한국');
      await eventually(() => page.getByTestId('field-accessEdgeFqdn').inputValue()).toBe('sip.contoso.com');
      await eventually(() => page.getByTestId('field-edgePoolSize').inputValue()).toBe('2');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('speaks Korean and follows a dark OS theme', async () => {
    const dataDir = tempDir();
    const served = await startServe(dataDir);
    try {
      const page = await openApp(served, { colorScheme: 'dark', locale: 'ko-KR' });
      await page.getByText('에지 서버 배포').first().waitFor();
      await eventually(() => page.getByTestId('run-topology').textContent()).toBe('실행');
      await eventually(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(16, 20, 24)');
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
      await screenshot(page, 'home-ko-dark');
      await page.getByTestId('run-topology').click();
      await page.getByTestId('field-accessEdgeFqdn').fill('a_b.contoso.com');
      await page.getByTestId('field-accessEdgeFqdn').blur();
      await page.getByText('호스트 이름에는 밑줄(_)을 사용할 수 없습니다.').waitFor();
      await screenshot(page, 'topology-ko-dark');
    } finally {
      await served.stop();
    }
  });

  it('tells the user when a corrupt settings file was kept aside', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), '{ this is not json');
    const served = await startServe(dataDir);
    try {
      const page = await openApp(served);
      const banner = page.getByTestId('store-recovered');
      await eventually(() => banner.textContent()).toContain(join(dataDir, 'config.corrupt-'));
      await eventually(() => banner.textContent()).toContain('started with default settings');
      await screenshot(page, 'home-store-recovered');
    } finally {
      await served.stop();
    }
  });
});
