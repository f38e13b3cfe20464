import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOpenssl, TestCa } from '../support/ca';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';
import { edgewiz, expectText, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  requireOpenssl();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function home(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('step-certificates').waitFor({ timeout: WAIT });
}

describe('honest step states', () => {
  it('home step 2 follows the certificate: pending at the CA, imported, assigned', async () => {
    await withApp(
      browser,
      { width: 800 },
      async (page, { dataDir }) => {
        const work = tempDir('edgewiz-ca-');
        await expectText(page.getByTestId('run-certificates'), 'Run');

        writeFileSync(join(work, 'P.json'), JSON.stringify(profileInput({ request: { friendlyName: 'External edge 2026' } })));
        edgewiz(dataDir, ['request', '--profile', join(work, 'P.json'), '--out', join(work, 'edge.req')]);
        await home(page);
        await expectText(page.getByTestId('step-certificates-state'), 'Request pending at the CA');
        await expectText(page.getByTestId('step-certificates-next'), 'import the certificate when your certification authority returns it');
        await expectText(page.getByTestId('run-certificates'), 'Continue');
        await eventually(() => page.getByTestId('step-certificates-state').textContent()).not.toContain('Complete');
        await screenshot(page, 'states-01-home-pending');

        const ca = new TestCa(work);
        const chain = join(work, 'edge-chain.pem');
        writeFileSync(chain, ca.pemBundle(ca.sign(join(work, 'edge.req'), 'edge')));
        edgewiz(dataDir, ['import', '--file', chain]);
        await home(page);
        await expectText(page.getByTestId('step-certificates-state'), 'Imported, not assigned');
        await expectText(page.getByTestId('step-certificates-next'), 'assign the imported certificate to the gateway');
        await screenshot(page, 'states-02-home-imported');

        const [entry] = JSON.parse(edgewiz(dataDir, ['list'])) as { id: string }[];
        edgewiz(dataDir, ['assign', '--id', entry.id]);
        await home(page);
        await expectText(page.getByTestId('step-certificates-state'), 'Complete');
        await expectText(page.getByTestId('run-certificates'), 'Run again');
        await eventually(() => page.getByTestId('step-certificates-next').count()).toBe(0);
        await screenshot(page, 'states-03-home-assigned');
      },
      sampleTopology,
    );
  });

  it("a pending request's View shows the CSR with Copy and Save, after the wizard is closed", async () => {
    await withApp(
      browser,
      { width: 800 },
      async (page, { dataDir }) => {
        const work = tempDir('edgewiz-ca-');
        writeFileSync(join(work, 'P.json'), JSON.stringify(profileInput({ request: { friendlyName: 'External edge 2026' } })));
        const out = join(work, 'edge.req');
        edgewiz(dataDir, ['request', '--profile', join(work, 'P.json'), '--out', out]);
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        await page.getByTestId('run-certificates').click({ timeout: WAIT });
        await page.getByTestId('cert-entry-pending').click({ timeout: WAIT });
        await page.getByTestId('task-view').click({ timeout: WAIT });
        const pem = page.getByTestId('view-csr-pem');
        await pem.waitFor({ timeout: WAIT });
        const onDisk = readFileSync(out, 'utf8');
        await eventually(async () => ((await pem.textContent()) ?? '').trim()).toBe(onDisk.trim());

        await page.getByTestId('view-copy-csr').click();
        await page.getByText('The request was copied to the clipboard.').waitFor({ timeout: WAIT });
        await eventually(async () => (await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(onDisk.trim());
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), page.getByTestId('view-save-csr').click()]);
        expect(download.suggestedFilename()).toBe('edge.req');
        const saved = await download.path();
        expect(readFileSync(saved, 'utf8').trim()).toBe(onDisk.trim());
        await screenshot(page, 'states-04-pending-view-csr');
      },
      sampleTopology,
    );
  });
});
