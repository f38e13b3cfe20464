import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors, type Served } from './support';

let browser: Browser;
beforeAll(async () => {
  requireOpenssl();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function edgewiz(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, '--json', ...args], { encoding: 'utf8' });
}

/** A data dir with the topology and a pending request, and the CA's answer as a PEM chain and a DER leaf. */
function prepare(): { dataDir: string; work: string; chainPem: string; leafOnly: string } {
  const dataDir = tempDir();
  const work = tempDir('edgewiz-ca-');
  writeFileSync(join(work, 'T.json'), JSON.stringify(sampleTopology));
  edgewiz(dataDir, ['topology', 'set', '--file', join(work, 'T.json')]);
  writeFileSync(join(work, 'P.json'), JSON.stringify(profileInput({ request: { friendlyName: 'External edge 2026' } })));
  edgewiz(dataDir, ['request', '--profile', join(work, 'P.json'), '--out', join(work, 'edge.req')]);
  const ca = new TestCa(work);
  const leaf = ca.sign(join(work, 'edge.req'), 'edge');
  const chainPem = join(work, 'edge-chain.pem');
  writeFileSync(chainPem, ca.pemBundle(leaf));
  const leafOnly = join(work, 'edge-leaf.cer');
  writeFileSync(leafOnly, readFileSync(leaf));
  return { dataDir, work, chainPem, leafOnly };
}

async function openCertificates(served: Served, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('run-certificates').click();
  await page.getByTestId('cert-row-externalEdge').waitFor();
  return page;
}

describe('import, view and assign in Chromium against edgewiz serve', () => {
  it('imports the CA answer through the file picker, shows it, and assigns it to the gateway', async () => {
    const { dataDir, chainPem, leafOnly } = prepare();
    const served = await startServe(dataDir);
    try {
      const page = await openCertificates(served);
      const errors = watchPageErrors(page);
      await page.getByTestId('cert-entry-pending').waitFor();
      await screenshot(page, 'cert-import-00-pending');

      // A leaf without its chain is refused with the file's name, and nothing changes.
      await page.getByTestId('task-import').click();
      await page.getByTestId('import-file').setInputFiles(leafOnly);
      await page.getByTestId('import-submit').click();
      await eventually(() => page.getByTestId('import-error').textContent()).toContain('edge-leaf.cer: the chain is incomplete');
      await screenshot(page, 'cert-import-01-refused');

      await page.getByTestId('import-file').setInputFiles(chainPem);
      await eventually(() => page.getByTestId('import-file-name').textContent()).toBe('edge-chain.pem');
      await page.getByTestId('import-submit').click();
      await page.getByTestId('cert-notice').filter({ hasText: '"External edge 2026" was imported' }).waitFor();
      await page.getByTestId('cert-entry-issued').waitFor();
      await page.getByTestId('cert-entry-pending').waitFor({ state: 'detached' });
      await screenshot(page, 'cert-import-02-issued');

      const list = JSON.parse(edgewiz(dataDir, ['list'])) as { sha1: string; state: string }[];
      expect(list).toHaveLength(1);
      expect(list[0].state).toBe('issued');

      await page.getByTestId('task-view').click();
      await page.getByTestId('view-dialog').waitFor();
      await eventually(() => page.getByTestId('view-sha1').textContent()).toBe(list[0].sha1);
      await eventually(() => page.getByTestId('view-chain').locator('li').allTextContents()).toEqual([
        expect.stringContaining('CN=sip.contoso.com'),
        expect.stringContaining('CN=Test Issuing CA 1'),
        expect.stringContaining('CN=Test Root CA'),
      ]);
      await screenshot(page, 'cert-import-03-view');
      await page.getByTestId('view-close').click();

      await page.getByTestId('task-assign').click();
      await page
        .getByTestId('cert-notice')
        .filter({ hasText: 'is now the gateway certificate for sip.contoso.com, contoso.com' })
        .waitFor();
      await page.getByTestId('cert-entry-assigned').waitFor();
      await eventually(() => page.getByTestId('task-assign').isDisabled()).toBe(true);
      await screenshot(page, 'cert-import-04-assigned');
      for (const file of ['gateway.crt', 'gateway.key']) expect(statSync(join(dataDir, 'gateway', 'tls', file)).mode & 0o777).toBe(0o600);

      // Home step 2 shows the days to expiry.
      await page.getByRole('button', { name: 'Back' }).first().click();
      await eventually(() => page.getByTestId('step-certificates-expiry').textContent()).toMatch(
        /External edge 2026: valid until .*, (89|90) days left\./,
      );
      await screenshot(page, 'cert-import-05-home');

      // Remove, with the confirmation: the gateway files go with it.
      await page.getByTestId('run-certificates').click();
      await page.getByTestId('task-remove').click();
      await page.getByTestId('remove-confirm').waitFor();
      await screenshot(page, 'cert-import-06-remove');
      await page.getByTestId('remove-confirm').click();
      await page.getByTestId('cert-notice').filter({ hasText: 'was removed' }).waitFor();
      expect(existsSync(join(dataDir, 'gateway', 'tls', 'gateway.key'))).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('speaks Korean in the import and view dialogs', async () => {
    const { dataDir, chainPem } = prepare();
    const served = await startServe(dataDir);
    try {
      const page = await openCertificates(served, 'ko-KR');
      const errors = watchPageErrors(page);
      await page.getByTestId('task-import').click();
      await page.getByTestId('import-file').setInputFiles(chainPem);
      await page.getByTestId('import-file-name').filter({ hasText: 'edge-chain.pem' }).waitFor();
      await screenshot(page, 'cert-import-ko-01-dialog');
      await page.getByTestId('import-submit').click();
      await page.getByTestId('cert-entry-issued').waitFor();
      await page.getByTestId('task-view').click();
      await page.getByTestId('view-dialog').getByText('인증 경로').waitFor();
      await screenshot(page, 'cert-import-ko-02-view');
      await page.getByTestId('view-close').click();
      await page.getByTestId('task-assign').click();
      await page.getByTestId('cert-entry-assigned').waitFor();
      await screenshot(page, 'cert-import-ko-03-assigned');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
