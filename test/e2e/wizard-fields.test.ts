import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoText, expectState, expectText, nextPage, WAIT, withApp } from './field-support';
import { eventually, launchChromium, screenshot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const nextDisabled = (page: Page) => () => page.getByTestId('wizard-next').isDisabled();

async function toNamePage(page: Page, titles: { name: string; request: string }): Promise<void> {
  await page.getByTestId('run-certificates').click({ timeout: WAIT });
  await page.getByTestId('task-request').click({ timeout: WAIT });
  await page.getByTestId('wizard-page-title').filter({ hasText: titles.request }).waitFor({ timeout: WAIT });
  for (let i = 0; i < 4; i++) await page.getByTestId('wizard-next').click({ timeout: WAIT });
  await page.getByTestId('wizard-page-title').filter({ hasText: titles.name }).waitFor({ timeout: WAIT });
}

describe('the wizard tells you at the field', () => {
  it('marks each page’s fields with the shared rules and keeps the admin on a page with an error', async () => {
    await withApp(browser, { width: 800 }, async (page) => {
      await toNamePage(page, { request: 'Certificate request', name: 'Name and security settings' });

      // Name page: an empty friendly name is marked at the field once it is left.
      const friendly = page.getByTestId('field-friendlyName');
      await friendly.focus();
      await page.keyboard.press('Tab');
      await expectText(page.getByTestId('note-friendlyName'), 'Enter a friendly name, so the certificate can be told apart');
      await expectState(async () => (await friendly.getAttribute('aria-invalid')) === 'true');
      await screenshot(page, 'fields-01-name-empty');
      await friendly.fill('External edge 2026');
      await expectText(page.getByTestId('note-friendlyName'), 'Helps you tell this certificate apart');

      // A 1024-bit key breaks the key-size rule: the message is at the field and Next stays off.
      await page.getByTestId('field-keySize').click();
      await page.getByRole('option', { name: '1024 bits' }).click({ timeout: WAIT });
      await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: WAIT });
      await expectText(page.getByTestId('note-keySize'), 'public certificate authorities refuse RSA keys shorter than 2048 bits');
      await expectState(nextDisabled(page));
      await expectText(page.getByTestId('next-blocked-reason'), 'Correct what is marked on this page to continue.');
      await screenshot(page, 'fields-02-name-1024');
      await page.getByTestId('field-keySize').click();
      await page.getByRole('option', { name: '2048 bits (default)' }).click({ timeout: WAIT });
      await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: WAIT });
      await nextPage(page, 'Organization information');

      // Organization page: an empty O is the subject-required finding the CLI reports, at the field once it is left.
      await expectText(page.getByTestId('next-blocked-reason'), 'Enter the organization name: every request carries the organization (O)');
      await page.getByTestId('field-organization').focus();
      await page.keyboard.press('Tab');
      await expectText(page.getByTestId('note-organization'), 'Enter the organization name: every request carries the organization (O)');
      await eventually(() => page.getByTestId('note-organization').getAttribute('data-code')).toBe('lint.subject-required');
      await expectState(async () => (await page.getByTestId('field-organization').getAttribute('aria-invalid')) === 'true');
      await screenshot(page, 'fields-03a-org-empty');

      // 80 characters of O and 70 of OU are errors; an OU of normal length is a warning and may pass.
      await page.getByTestId('field-organization').fill('O'.repeat(80));
      await expectText(page.getByTestId('note-organization'), 'is 80 characters long; certificate authorities accept at most 64');
      await expectState(nextDisabled(page));
      await page.getByTestId('field-organization').fill('Contoso Ltd');
      await page.getByTestId('field-organizationalUnit').fill('U'.repeat(70));
      await expectText(page.getByTestId('note-organizationalUnit'), 'is 70 characters long');
      await expectState(nextDisabled(page));
      await screenshot(page, 'fields-03-org-long-ou');
      await page.getByTestId('field-organizationalUnit').fill('IT');
      await expectText(page.getByTestId('note-organizationalUnit'), 'have removed the organizational unit (OU)');
      await eventually(() => page.getByTestId('note-organizationalUnit').getAttribute('data-severity')).toBe('warning');
      await expectState(nextDisabled(page), false);
      await screenshot(page, 'fields-04-org-ou-warning');
      await nextPage(page, 'Geographical information');

      // Geography: each empty field, once left, is marked with its subject-required finding.
      await page.getByTestId('field-country').focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
      await expectText(page.getByTestId('note-country'), 'Choose a country or region: every request carries the country (C)');
      await expectText(page.getByTestId('note-state'), 'every request carries it (ST)');
      await expectText(page.getByTestId('note-city'), 'every request carries it (L)');
      await eventually(() => page.getByTestId('note-city').getAttribute('data-code')).toBe('lint.subject-required');
      await screenshot(page, 'fields-04a-geo-empty');

      // A typed "XX" stays in the field, marked by the country rule, and Next stays off.
      const country = page.getByTestId('field-country');
      await country.fill('XX');
      await page.keyboard.press('Tab');
      await expectState(async () => (await country.inputValue()) === 'XX');
      await expectText(page.getByTestId('note-country'), '"XX" is not an ISO 3166-1 two-letter country code');
      await page.getByTestId('field-state').fill('Seoul');
      await page.getByTestId('field-city').fill('Jung-gu');
      await expectState(nextDisabled(page));
      await screenshot(page, 'fields-05-geo-xx');
      await country.fill('South Korea');
      await page.getByRole('option', { name: 'South Korea (KR)' }).click({ timeout: WAIT });
      await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: WAIT });
      await expectNoText(page.getByTestId('note-country'), 'ISO 3166-1');
      await nextPage(page, 'Subject name / subject alternative names');
      await nextPage(page, 'SIP domain setting on subject alternative names');
      await nextPage(page, 'Configure additional subject alternative names');

      // SAN page: each name is checked as it is typed; errors cannot be added, a wildcard is flagged but may be.
      const field = page.getByTestId('field-new-san');
      const note = page.getByTestId('note-new-san');
      const add = page.getByTestId('add-san');
      const refused: [string, string][] = [
        ['bad_name.contoso.com', 'Underscores are not allowed in host names.'],
        ['10.0.0.1', 'Enter a DNS name, not an IP address.'],
        ['edge', 'is a single-label name'],
      ];
      for (const [name, text] of refused) {
        await field.fill(name);
        await expectText(note, text);
        await expectState(() => add.isDisabled());
        await field.press('Enter');
        await expectNoText(page.getByTestId('additional-sans'), name);
      }
      await screenshot(page, 'fields-06-sans-refused');
      await field.fill('*.contoso.com');
      await expectText(note, 'is a wildcard name, which the Lync Server 2013 edge does not support');
      await expectState(() => add.isEnabled());
      await add.click();
      await expectText(page.getByTestId('additional-sans'), '*.contoso.com', 'is a wildcard name');
      await expectState(async () => (await field.inputValue()) === '');
      await expectState(nextDisabled(page), false);

      // Removing an XMPP domain breaks the xmpp-domain rule on this page, not only on the summary.
      await page.getByRole('button', { name: 'Remove contoso.com' }).click();
      await expectText(page.getByTestId('sans-list-note'), 'The XMPP domain "contoso.com" is not among the certificate\'s names');
      await expectState(nextDisabled(page));
      await screenshot(page, 'fields-07-sans-xmpp-removed');
      await field.fill('contoso.com');
      await add.click();
      await expectState(nextDisabled(page), false);
      await nextPage(page, 'Request summary');
      await expectText(page.getByTestId('findings'), 'is a wildcard name');
      await screenshot(page, 'fields-08-summary');
    });
  });

  it('shows the field messages in Korean and in the dark theme', async () => {
    await withApp(browser, { width: 800, colorScheme: 'dark', locale: 'ko-KR' }, async (page) => {
      await page.getByTestId('run-certificates').click({ timeout: WAIT });
      await page.getByTestId('task-request').click({ timeout: WAIT });
      await page.getByTestId('wizard-page-title').filter({ hasText: '인증서 요청' }).waitFor({ timeout: WAIT });
      await page.getByTestId('wizard-next').click({ timeout: WAIT });
      await page.getByTestId('wizard-next').click({ timeout: WAIT });
      // A path error names the folder in Korean too.
      const out = page.getByTestId('field-out');
      await out.waitFor({ timeout: WAIT });
      const proposed = await out.inputValue();
      await out.fill('/no-such-folder/edge.req');
      await expectText(
        page.getByTestId('next-blocked-reason'),
        '/no-such-folder 폴더가 없습니다. edge.req 파일을 저장할 기존 폴더를 선택하십시오.',
      );
      await screenshot(page, 'fields-10-file-missing-folder-ko-dark');
      await out.fill(proposed);
      await page.getByTestId('wizard-next').click({ timeout: WAIT });
      await page.getByTestId('wizard-next').click({ timeout: WAIT });
      await page.getByTestId('wizard-page-title').filter({ hasText: '이름 및 보안 설정' }).waitFor({ timeout: WAIT });
      await page.getByTestId('field-friendlyName').focus();
      await page.keyboard.press('Tab');
      await expectText(page.getByTestId('note-friendlyName'), '이름을 입력하십시오.');
      await page.getByTestId('field-friendlyName').fill('외부 에지');
      await page.getByTestId('field-keySize').click();
      await page.getByRole('option', { name: '1024비트' }).click({ timeout: WAIT });
      await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: WAIT });
      await expectText(page.getByTestId('note-keySize'), '키가 1024비트입니다');
      await expectText(page.getByTestId('next-blocked-reason'), '표시된 항목을 고쳐야');
      await screenshot(page, 'fields-11-name-1024-ko-dark');
      await page.getByTestId('field-keySize').click();
      await page.getByRole('option', { name: '2048비트(기본값)' }).click({ timeout: WAIT });
      await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: WAIT });
      await nextPage(page, '조직 정보');
      await page.getByTestId('field-organization').fill('콘토소');
      await page.getByTestId('field-organizationalUnit').fill('IT');
      await expectText(page.getByTestId('note-organizationalUnit'), '조직 구성 단위(OU)');
      await screenshot(page, 'fields-12-org-ou-warning-ko-dark');
      await nextPage(page, '지역 정보');
      await page.getByTestId('field-country').fill('XX');
      await page.keyboard.press('Tab');
      await expectText(page.getByTestId('note-country'), '"XX"은(는) ISO 3166-1 두 글자 국가 코드가 아닙니다');
      await screenshot(page, 'fields-13-geo-xx-ko-dark');
    });
  });

  it('after Cancel shows one banner and keeps what was typed the moment before', async () => {
    await withApp(browser, { width: 800 }, async (page) => {
      await toNamePage(page, { request: 'Certificate request', name: 'Name and security settings' });
      await page.getByTestId('field-friendlyName').fill('Typed just before Cancel');
      await page.getByTestId('wizard-cancel').click();
      const banner = page.getByTestId('draft-banner');
      await expectText(banner, 'is kept: continue where you left off');
      await eventually(() => page.getByTestId('cert-notice').count()).toBe(0);
      await eventually(() => page.getByRole('alert').count()).toBe(1);
      await screenshot(page, 'fields-14-cancelled-one-banner');
      await page.getByTestId('resume-draft').click();
      await eventually(() => page.getByTestId('field-friendlyName').inputValue()).toBe('Typed just before Cancel');
    });
  });

  it('wraps a long OU warning and 48 names on the summary instead of running past the panel', async () => {
    await withApp(browser, { width: 800 }, async (page) => {
      await toNamePage(page, { request: 'Certificate request', name: 'Name and security settings' });
      await page.getByTestId('field-friendlyName').fill('Edge');
      await nextPage(page, 'Organization information');
      await page.getByTestId('field-organization').fill('Contoso');
      await page.getByTestId('field-organizationalUnit').fill('U'.repeat(64));
      await nextPage(page, 'Geographical information');
      await page.getByTestId('field-country').fill('KR');
      await page.keyboard.press('Tab');
      await page.getByTestId('field-state').fill('Seoul');
      await page.getByTestId('field-city').fill('Jung-gu');
      await nextPage(page, 'Subject name / subject alternative names');
      await nextPage(page, 'SIP domain setting on subject alternative names');
      await nextPage(page, 'Configure additional subject alternative names');
      for (let i = 1; i <= 48; i++) {
        await page.getByTestId('field-new-san').fill(`a-rather-long-host-name-number-${String(i).padStart(2, '0')}.contoso.com`);
        await page.getByTestId('field-new-san').press('Enter');
      }
      await expectText(page.getByTestId('additional-sans'), 'number-48.contoso.com');
      await nextPage(page, 'Request summary');
      await expectText(page.getByTestId('findings'), 'U'.repeat(64));
      // A narrower window leaves less room still.
      await page.setViewportSize({ width: 600, height: 900 });
      const overflow = await page.evaluate(() => {
        const wizard = document.querySelector('[data-testid="request-wizard"]') as HTMLElement;
        const box = wizard.getBoundingClientRect();
        const outside = [...wizard.querySelectorAll('[data-testid="findings"] *, [data-testid="san-list"] *')].filter(
          (element) => element.getBoundingClientRect().right > box.right + 0.5,
        );
        return { page: document.documentElement.scrollWidth - window.innerWidth, outside: outside.length };
      });
      expect(overflow).toEqual({ page: 0, outside: 0 });
      await screenshot(page, 'fields-15-summary-long');
    });
  });
});
