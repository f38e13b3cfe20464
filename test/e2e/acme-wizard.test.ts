import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBind, type Bind } from '../support/bind';
import { sampleTopology, tempDir } from '../support/core';
import { freePort } from '../support/gateway';
import { startPebble, type Pebble } from '../support/pebble';
import { edgewizBin, eventually, launchChromium, screenshot, startServe, watchPageErrors } from './support';

let browser: Browser;
let work: string;
let bind: Bind;
let pebble: Pebble;

beforeAll(async () => {
  work = tempDir('edgewiz-acme-e2e-');
  bind = await startBind(join(work, 'bind'), ['contoso.com', 'fabrikam.com']);
  pebble = await startPebble(join(work, 'pebble'), bind.server, await freePort());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pebble?.stop();
  await bind?.stop();
});

const edgewiz = (dataDir: string, args: string[]) =>
  execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, ...args], { encoding: 'utf8', timeout: 60_000 });

async function next(page: Page, expectedTitle: string, shot?: string): Promise<void> {
  if (shot) await screenshot(page, shot);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-page-title').filter({ hasText: expectedTitle }).waitFor();
}

describe('immediate request in Chromium (edgewiz serve, pebble, BIND 9)', () => {
  it('page 2 offers the online CA once it is configured; the run page shows each name and step; the certificate is issued and assigned', async () => {
    const dataDir = tempDir();
    const home = tempDir('edgewiz-home-');
    writeFileSync(join(work, 'T.json'), JSON.stringify(sampleTopology));
    edgewiz(dataDir, ['topology', 'set', '--file', join(work, 'T.json')]);
    const caFile = join(work, 'acme-ca.pem');
    writeFileSync(caFile, readFileSync(pebble.tlsCaFile, 'utf8') + pebble.root);

    const served = await startServe(dataDir, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(served.url);
      await page.getByTestId('run-certificates').click();
      await page.getByTestId('task-request').click();
      await next(page, 'Delayed or immediate request');
      // Not configured yet: disabled, with the reason.
      await eventually(() => page.getByTestId('delivery-immediate-help').textContent()).toContain(
        'no ACME certification authority is configured',
      );
      await eventually(() => page.getByTestId('delivery-immediate').locator('input').isDisabled()).toBe(true);
      await screenshot(page, 'acme-01-not-configured');
      await page.getByTestId('wizard-cancel').click();

      edgewiz(dataDir, ['acme', 'configure', '--directory', pebble.directory, '--email', 'admin@contoso.com', '--ca-file', caFile]);
      edgewiz(dataDir, [
        'acme',
        'dns',
        '--server',
        bind.server,
        '--tsig-key',
        bind.keyFile,
        '--zone',
        'contoso.com',
        '--zone',
        'fabrikam.com',
      ]);

      // The cancelled wizard's draft resumes where it was (page 2), or on page 1 if it was not saved yet.
      await page.getByTestId('task-request').click();
      await eventually(() => page.getByTestId('wizard-page-title').textContent()).toMatch(
        /^(Certificate request|Delayed or immediate request)$/,
      );
      if ((await page.getByTestId('wizard-page-title').textContent()) === 'Certificate request')
        await next(page, 'Delayed or immediate request');
      await eventually(() => page.getByTestId('delivery-immediate-help').textContent()).toContain(
        `Orders the certificate from ${pebble.directory}`,
      );
      // Keyboard: the radio group takes the arrow key.
      await page.getByTestId('delivery-delayed').locator('input').focus();
      await page.keyboard.press('ArrowDown');
      await eventually(() => page.getByTestId('delivery-immediate').locator('input').isChecked()).toBe(true);
      // No request file page: straight to the template.
      await next(page, 'Alternate certificate template', 'acme-02-immediate');
      await next(page, 'Name and security settings');
      await page.getByTestId('field-friendlyName').fill('Edge external (ACME)');
      await next(page, 'Organization information');
      await page.getByTestId('field-organization').fill('Contoso Ltd');
      await next(page, 'Geographical information');
      await page.getByTestId('field-country').fill('South Korea');
      await page.getByRole('option', { name: 'South Korea (KR)' }).click();
      await page.getByTestId('field-state').fill('Seoul');
      await page.getByTestId('field-city').fill('Jung-gu');
      await next(page, 'Subject name / subject alternative names');
      await next(page, 'SIP domain setting on subject alternative names');
      await next(page, 'Configure additional subject alternative names');
      await next(page, 'Request summary');
      await eventually(() => page.getByTestId('wizard-next').isEnabled()).toBe(true);
      await next(page, 'Executing commands');

      await page.getByTestId('acme-done').waitFor({ timeout: 90_000 });
      for (const name of ['sip.contoso.com', 'contoso.com', 'sip.fabrikam.com']) {
        for (const step of ['publish', 'visible', 'validate', 'cleanup']) {
          await eventually(() => page.getByTestId(`acme-step-${name}-${step}`).getAttribute('data-state')).toBe('done');
        }
      }
      for (const step of ['account', 'order', 'finalize', 'import', 'assign']) {
        await eventually(() => page.getByTestId(`acme-step-order-${step}`).getAttribute('data-state')).toBe('done');
      }
      await page.getByTestId('view-log').click();
      const log = () => page.getByTestId('run-log').textContent();
      await eventually(log).toContain('edgewiz certificates request --profile profile.json --immediate --assign');
      await eventually(log).toMatch(/nsupdate -k '.*update\.key' <<'EOF'/);
      await eventually(log).toContain('update delete _acme-challenge.sip.contoso.com. TXT');
      await screenshot(page, 'acme-03-done');
      await eventually(() => page.getByTestId('wizard-next').textContent()).toBe('Finish');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('cert-row-externalEdge').waitFor();
      await screenshot(page, 'acme-04-assigned');

      const stored = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'));
      expect(stored.certificates).toEqual([expect.objectContaining({ state: 'assigned', friendlyName: 'Edge external (ACME)' })]);
      expect(stored.requestDraft).toBeNull();
      for (const name of stored.certificates[0].sans as string[]) expect(bind.txt(`_acme-challenge.${name}`)).toEqual([]);

      // Dark theme and Korean: page 2 explains the choice in the admin's language.
      const dark = await (
        await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark', locale: 'ko-KR' })
      ).newPage();
      await dark.goto(served.url);
      await dark.getByTestId('run-certificates').click();
      await dark.getByTestId('task-request').click();
      await dark.getByTestId('wizard-page-title').filter({ hasText: '인증서 요청' }).waitFor();
      await dark.getByTestId('wizard-next').click();
      await eventually(() => dark.getByTestId('delivery-immediate-help').textContent()).toContain('인증서를 주문하고');
      await screenshot(dark, 'acme-05-dark-ko');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
