import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const topology = { ...sampleTopology, xmppDomains: ['contoso.com', '회사.한국'], edgePoolSize: 2 };

function prepare(): { dataDir: string; documents: string; home: string } {
  const dataDir = tempDir();
  const home = tempDir('edgewiz-home-');
  const documents = join(home, 'Documents');
  mkdirSync(documents);
  writeFileSync(join(dataDir, 'T.json'), JSON.stringify(topology));
  execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, 'topology', 'set', '--file', join(dataDir, 'T.json')]);
  return { dataDir, documents, home };
}

const title = (page: Page) => eventually(() => page.getByTestId('wizard-page-title').textContent());

async function next(page: Page, expectedTitle: string, shot?: string): Promise<void> {
  if (shot) await screenshot(page, shot);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-page-title').filter({ hasText: expectedTitle }).waitFor();
}

async function expectBlocked(page: Page, reason: string): Promise<void> {
  await eventually(() => page.getByTestId('wizard-next').isDisabled()).toBe(true);
  await eventually(() => page.getByTestId('next-blocked-reason').textContent()).toContain(reason);
}

/** The draft as the store holds it: a reload may only come once the wizard has saved it. */
function storedDraft(dataDir: string): { answers?: Record<string, unknown> } | null {
  const file = join(dataDir, 'config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).requestDraft ?? null) : null;
}

describe('certificate request wizard in Chromium', () => {
  it('walks all fourteen pages, keeps answers across Back and a reload, and writes a CSR that OpenSSL verifies', async () => {
    const { dataDir, documents, home } = prepare();
    // A home of its own, so the wizard proposes <home>/Documents/cert_external_edge.req.
    const served = await startServe(dataDir, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-certificates').click();
      await page.getByTestId('cert-row-externalEdge').waitFor();
      await screenshot(page, 'cert-00-main');
      await page.getByTestId('task-request').click();

      await title(page).toBe('Certificate request');
      await next(page, 'Delayed or immediate request', 'cert-01-type');
      await next(page, 'Certificate request file', 'cert-02-delay');
      const out = join(documents, 'cert_external_edge.req');
      await eventually(() => page.getByTestId('field-out').inputValue()).toBe(out);
      await page.getByText('The request will be written to this file.').waitFor();
      await next(page, 'Alternate certificate template', 'cert-03-file');
      await page.getByTestId('use-template').click();
      await page.getByTestId('field-template').fill('');
      await expectBlocked(page, 'Enter the certificate template name, or untick');
      await page.getByTestId('field-template').fill('EdgeServer2026');
      await next(page, 'Name and security settings', 'cert-04-template');
      await expectBlocked(page, 'Enter a friendly name, so the certificate can be told apart');
      await page.getByTestId('field-friendlyName').fill('External edge 2026');
      await next(page, 'Organization information', 'cert-05-name');
      await page.getByTestId('field-organization').fill('콘토소 주식회사');
      await next(page, 'Geographical information', 'cert-06-org');

      // Back keeps what was typed.
      await page.getByTestId('wizard-back').click();
      await eventually(() => page.getByTestId('field-organization').inputValue()).toBe('콘토소 주식회사');
      await next(page, 'Geographical information');
      await expectBlocked(page, 'Choose a country or region: every request carries the country (C) in its subject.');
      await page.getByTestId('field-country').fill('South Korea');
      await page.getByRole('option', { name: 'South Korea (KR)' }).click();
      await page.getByTestId('field-state').fill('서울특별시');
      await page.getByTestId('field-city').fill('중구');

      // A reload (an app restart for the renderer) keeps the draft, and the page it was on.
      await eventually(() => storedDraft(dataDir)?.answers?.city).toBe('중구');
      await page.reload();
      await page.getByTestId('run-certificates').click();
      await page.getByTestId('draft-banner').waitFor();
      await page.getByTestId('resume-draft').click();
      await title(page).toBe('Geographical information');
      await eventually(() => page.getByTestId('field-city').inputValue()).toBe('중구');
      await next(page, 'Subject name / subject alternative names', 'cert-07-geo');

      await eventually(() => page.getByTestId('subject-preview').textContent()).toContain(
        'CN=sip.contoso.com, O=콘토소 주식회사, L=중구, ST=서울특별시, C=KR',
      );
      await next(page, 'SIP domain setting on subject alternative names', 'cert-08-subject');
      await page.getByTestId('sip-fabrikam.com').click();
      await next(page, 'Configure additional subject alternative names', 'cert-09-sip');
      await eventually(() => page.getByTestId('additional-sans').textContent()).toContain('회사.한국');
      await page.getByTestId('field-new-san').fill('meet.contoso.com');
      await page.getByTestId('add-san').click();
      await eventually(() => page.getByTestId('additional-sans').textContent()).toContain('meet.contoso.com');
      await next(page, 'Request summary', 'cert-10-sans');

      const findings = page.getByTestId('findings');
      await eventually(() => findings.locator('[data-lint-id="sip-domain"]').count()).toBe(1);
      await eventually(() => page.getByTestId('wizard-next').isEnabled()).toBe(true);
      await next(page, 'Executing commands', 'cert-11-summary');
      await page.getByText('The request file was written.').waitFor({ timeout: 60_000 });
      await page.getByTestId('view-log').click();
      const log = () => page.getByTestId('run-log').textContent();
      await eventually(log).toContain(`edgewiz certificates request --profile`);
      await eventually(log).toContain('Request-CsCertificate -New -Type AccessEdgeExternal');
      await eventually(log).toContain('-Template "EdgeServer2026"');
      await next(page, 'Certificate request file', 'cert-12-executing');
      await eventually(() => page.getByTestId('csr-pem').textContent()).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
      const pem = (await page.getByTestId('csr-pem').textContent()) ?? '';
      await next(page, 'Next steps', 'cert-13-csr');
      await screenshot(page, 'cert-14-next');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('cert-row-externalEdge').getByText('Pending request').waitFor();
      await screenshot(page, 'cert-15-pending');

      expect(existsSync(out)).toBe(true);
      const onDisk = readFileSync(out, 'utf8');
      expect(onDisk.trim()).toBe(pem.trim());
      const text = execFileSync('openssl', ['req', '-in', out, '-noout', '-verify', '-text'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(text).toMatch(
        /DNS:sip\.contoso\.com, DNS:webcon\.contoso\.com, DNS:contoso\.com, DNS:xn--vf4b131b\.xn--3e0b707e, DNS:meet\.contoso\.com/,
      );
      expect(text).toContain('Public-Key: (2048 bit)');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
