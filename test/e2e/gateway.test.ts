import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleTopology, tempDir } from '../support/core';
import { freePort, killGateway, requireProsody } from '../support/gateway';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors, type Served } from './support';

let browser: Browser;
const dataDirs: string[] = [];
beforeAll(async () => {
  requireProsody();
  browser = await launchChromium();
});
afterEach(() => {
  for (const dir of dataDirs.splice(0)) killGateway(dir);
});
afterAll(async () => {
  await browser?.close();
});

function edgewiz(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

/** A data dir with a topology and the gateway on a free high loopback port. */
async function gatewayDataDir(): Promise<{ dataDir: string; port: number }> {
  const dataDir = tempDir();
  dataDirs.push(dataDir);
  const port = await freePort();
  const file = join(dataDir, 'T.json');
  writeFileSync(file, JSON.stringify(sampleTopology));
  edgewiz(dataDir, ['topology', 'set', '--file', file]);
  edgewiz(dataDir, ['gateway', 'configure', '--port', String(port), '--listen', '127.0.0.1']);
  return { dataDir, port };
}

async function openGatewayPane(
  served: Served,
  options: { colorScheme?: 'light' | 'dark'; locale?: string; paneLabel?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('step-topology').waitFor();
  await page.getByRole('button', { name: options.paneLabel ?? 'Gateway', exact: true }).click();
  await page.getByTestId('gateway-state').waitFor();
  return page;
}

const stateOf = (page: Page) => page.getByTestId('gateway-state').getAttribute('data-state');
const waitForState = (page: Page, state: string) =>
  page.locator(`[data-testid="gateway-state"][data-state="${state}"]`).waitFor({ timeout: 30_000 });

describe('gateway pane in Chromium against edgewiz serve and the real Prosody', () => {
  it('starts and restarts the real gateway, with a live log and the last probe', async () => {
    const { dataDir, port } = await gatewayDataDir();
    const served = await startServe(dataDir);
    try {
      const page = await openGatewayPane(served);
      const errors = watchPageErrors(page);
      await waitForState(page, 'stopped');
      await eventually(() => page.getByTestId('gateway-port').textContent()).toBe(String(port));
      await eventually(() => page.getByTestId('gateway-stop').isDisabled()).toBe(true);
      await eventually(() => page.getByTestId('gateway-restart').isDisabled()).toBe(true);
      await eventually(() => page.getByTestId('gateway-tls').textContent()).toContain('runs without TLS');
      await screenshot(page, 'gateway-stopped');

      await page.getByTestId('gateway-start').click();
      await waitForState(page, 'running');
      await page.getByTestId('gateway-probe').getByText('Answered in').waitFor();
      await page.getByTestId('gateway-log').getByText(`Activated service 's2s' on [127.0.0.1]:${port}`).waitFor();
      await eventually(() => page.getByTestId('gateway-start').isDisabled()).toBe(true);
      const first = JSON.parse(edgewiz(dataDir, ['--json', 'gateway', 'status']));
      expect(first).toMatchObject({ state: 'running', port });
      await page.getByTestId('gateway-uptime').waitFor();
      // Home step 3 follows the gateway.
      await page.getByTestId('step-gateway').getByText('Complete').waitFor();
      await eventually(() => page.getByTestId('gateway-stop').isEnabled(), 30_000).toBe(true);
      await screenshot(page, 'gateway-running');

      await page.getByTestId('gateway-restart').click();
      await page.getByTestId('gateway-log').getByText('edgewiz gateway restart').waitFor();
      await waitForState(page, 'running');
      await eventually(() => JSON.parse(edgewiz(dataDir, ['--json', 'gateway', 'status'])).pid, 30_000).not.toBe(first.pid);
      await eventually(() => page.getByTestId('gateway-stop').isEnabled(), 30_000).toBe(true);
      await eventually(() => stateOf(page)).toBe('running');
      await screenshot(page, 'gateway-restarted');

      // Reload rereads the configuration in place: same process, confirmed in the log.
      const beforeReload = JSON.parse(edgewiz(dataDir, ['--json', 'gateway', 'status'])).pid;
      await page.getByTestId('gateway-reload').click();
      await page.getByTestId('gateway-log').getByText('edgewiz gateway reload').waitFor();
      await page
        .getByTestId('gateway-log')
        .getByText('Federation partner policy applied to open streams', { exact: false })
        .first()
        .waitFor();
      await eventually(() => page.getByTestId('gateway-reload').isEnabled(), 30_000).toBe(true);
      expect(JSON.parse(edgewiz(dataDir, ['--json', 'gateway', 'status'])).pid).toBe(beforeReload);

      await page.getByTestId('gateway-stop').click();
      await waitForState(page, 'stopped');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('speaks Korean in the light theme', async () => {
    const { dataDir } = await gatewayDataDir();
    const served = await startServe(dataDir);
    try {
      const page = await openGatewayPane(served, { locale: 'ko-KR', paneLabel: '게이트웨이' });
      await waitForState(page, 'stopped');
      await page.getByTestId('gateway-start').click();
      await waitForState(page, 'running');
      await page.getByTestId('gateway-state').getByText('실행 중').waitFor();
      await page.getByTestId('gateway-probe').getByText('응답함').waitFor();
      await page.getByTestId('gateway-log').getByText("Activated service 's2s'").waitFor();
      await eventually(() => page.getByTestId('gateway-stop').isEnabled(), 30_000).toBe(true);
      await screenshot(page, 'gateway-running-ko');
      await page.getByTestId('gateway-stop').click();
      await waitForState(page, 'stopped');
    } finally {
      await served.stop();
    }
  });
});
