import { createServer, type Server } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleTopology } from '../support/core';
import { freePort, killGateway, requireProsody } from '../support/gateway';
import { edgewiz, expectText, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
const dataDirs: string[] = [];
let squatter: Server | null = null;
beforeAll(async () => {
  requireProsody();
  browser = await launchChromium();
});
afterEach(async () => {
  for (const dir of dataDirs.splice(0)) killGateway(dir);
  await new Promise<void>((done) => (squatter ? squatter.close(() => done()) : done()));
  squatter = null;
});
afterAll(async () => {
  await browser?.close();
});

/** Another program on a loopback port, as the system's own Prosody would be on 5269. */
async function occupy(): Promise<number> {
  const port = await freePort();
  squatter = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    squatter?.once('error', reject);
    squatter?.listen(port, '127.0.0.1', () => resolve());
  });
  return port;
}

async function openPane(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click({ timeout: WAIT });
  await page.getByTestId('gateway-settings').waitFor({ timeout: WAIT });
}

async function setPort(page: Page, port: number | string, listen?: string): Promise<void> {
  await page.getByTestId('gateway-settings-port').fill(String(port));
  if (listen !== undefined) await page.getByTestId('gateway-settings-listen').fill(listen);
  await page.getByTestId('gateway-settings-apply').click({ timeout: WAIT });
  await page.getByTestId('gateway-settings-outcome').waitFor({ timeout: WAIT });
}

describe('gateway port and listen settings in the pane', () => {
  it('changes the port in the pane, says a conflict once without a CLI command, and starts on a free port', async () => {
    await withApp(
      browser,
      { width: 1280 },
      async (page, { dataDir }) => {
        dataDirs.push(dataDir);
        await openPane(page, 'Gateway');
        await page.getByTestId('gateway-settings-port').fill('70000');
        await expectText(page.getByTestId('gateway-settings'), 'Enter a port number from 1 to 65535.');
        await eventually(() => page.getByTestId('gateway-settings-apply').isDisabled()).toBe(true);
        await page.getByTestId('gateway-settings-listen').fill('*, not-an-address');
        await expectText(page.getByTestId('gateway-settings'), '"not-an-address" is not * or an IP address.');

        const taken = await occupy();
        await setPort(page, taken, '127.0.0.1');
        await expectText(page.getByTestId('gateway-settings-outcome'), 'The gateway uses them when it starts.');
        await expectText(page.getByTestId('gateway-port'), String(taken));
        await page.getByTestId('gateway-start').click({ timeout: WAIT });
        const failure = page.getByTestId('gateway-failure');
        await expectText(
          failure,
          `Port ${taken} is already in use by another program`,
          'choose another port under Port and listen addresses',
        );
        const pane = (await page.getByTestId('gateway-pane').textContent()) ?? '';
        expect(pane.split(`Port ${taken} is already in use`).length - 1).toBe(1);
        expect(pane).not.toContain('edgewiz gateway configure');
        await screenshot(page, 'gateway-settings-01-conflict');

        const free = await freePort();
        await setPort(page, free);
        await page.getByTestId('gateway-start').click({ timeout: WAIT });
        await page.locator('[data-testid="gateway-state"][data-state="running"]').waitFor({ timeout: 30_000 });
        const status = JSON.parse(edgewiz(dataDir, ['gateway', 'status']));
        expect(status).toMatchObject({ state: 'running', port: free });
        await screenshot(page, 'gateway-settings-02-running');
        await page.getByTestId('gateway-stop').click({ timeout: 30_000 });
        await page.locator('[data-testid="gateway-state"][data-state="stopped"]').waitFor({ timeout: 30_000 });
      },
      sampleTopology,
    );
  });

  it('says the conflict in Korean, in the dark theme', async () => {
    await withApp(
      browser,
      { width: 1280, locale: 'ko-KR', colorScheme: 'dark' },
      async (page, { dataDir }) => {
        dataDirs.push(dataDir);
        await openPane(page, '게이트웨이');
        const taken = await occupy();
        await setPort(page, taken, '127.0.0.1');
        await page.getByTestId('gateway-start').click({ timeout: WAIT });
        await expectText(page.getByTestId('gateway-failure'), `포트 ${taken}을(를) 다른 프로그램이 이미 사용하고 있습니다`);
        await screenshot(page, 'gateway-settings-03-conflict-ko-dark');
      },
      sampleTopology,
    );
  });
});
