import type { Page } from 'playwright-core';

/** Waits in the walk are bounded: a page that never shows what it should fails the bench. */
const WAIT = { timeout: 30_000 };

/**
 * A full pass over the UI as an admin makes it, through public surfaces only: home, the topology
 * page, the certificates page and all fourteen request-wizard pages (writing a real CSR), the
 * import dialog, the DNS page, and both side panes with the partner editor. `shot` is called at
 * each stop once the view is settled.
 */
export async function walkUi(page: Page, shot: (name: string) => Promise<void> = async () => {}): Promise<void> {
  const back = () => page.getByRole('button', { name: 'Back' }).first().click();
  const next = async (title: string, name: string) => {
    await shot(name);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-page-title').filter({ hasText: title }).waitFor(WAIT);
  };

  await page.getByTestId('run-topology').waitFor(WAIT);
  await shot('home');
  await page.getByTestId('run-topology').click();
  await page.getByTestId('save-topology').waitFor(WAIT);
  await shot('topology');
  await back();

  await page.getByTestId('run-certificates').click();
  await page.getByTestId('cert-row-externalEdge').waitFor(WAIT);
  await shot('certificates');
  await page.getByTestId('task-import').click();
  await page.getByTestId('import-submit').waitFor(WAIT);
  await shot('certificates-import');
  await page.keyboard.press('Escape');
  await page.getByTestId('import-submit').waitFor({ ...WAIT, state: 'detached' });

  await page.getByTestId('task-request').click();
  await page.getByTestId('wizard-page-title').filter({ hasText: 'Certificate request' }).waitFor(WAIT);
  await next('Delayed or immediate request', 'wizard-01');
  await next('Certificate request file', 'wizard-02');
  await next('Alternate certificate template', 'wizard-03');
  await next('Name and security settings', 'wizard-04');
  await page.getByTestId('field-friendlyName').fill('External edge');
  await next('Organization information', 'wizard-05');
  await page.getByTestId('field-organization').fill('Contoso Ltd');
  await next('Geographical information', 'wizard-06');
  await page.getByTestId('field-country').fill('United States');
  await page.getByRole('option', { name: 'United States (US)' }).click();
  await page.getByTestId('field-state').fill('Washington');
  await page.getByTestId('field-city').fill('Redmond');
  await next('Subject name / subject alternative names', 'wizard-07');
  await next('SIP domain setting on subject alternative names', 'wizard-08');
  await next('Configure additional subject alternative names', 'wizard-09');
  await next('Request summary', 'wizard-10');
  await next('Executing commands', 'wizard-11');
  await page.getByText('The request file was written.').waitFor({ timeout: 60_000 });
  await next('Certificate request file', 'wizard-12');
  await next('Next steps', 'wizard-13');
  await shot('wizard-14');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('cert-row-externalEdge').getByText('Pending request').waitFor(WAIT);
  await shot('certificates-pending');
  await back();

  await page.getByTestId('run-dns').click();
  await page.getByTestId('dns-records').waitFor(WAIT);
  await shot('dns');
  await back();

  await page.getByTestId('run-gateway').click();
  await page.getByTestId('gateway-pane').waitFor(WAIT);
  await page.getByTestId('gateway-state').waitFor(WAIT);
  await shot('gateway-pane');
  await page.getByTestId('run-partners').click();
  await page.getByTestId('partners-pane').waitFor(WAIT);
  await shot('partners-pane');
  await page.getByTestId('partner-new').click();
  await page.getByTestId('partner-commit').waitFor(WAIT);
  await shot('partner-editor');
  await page.keyboard.press('Escape');
  await page.getByTestId('partner-commit').waitFor({ ...WAIT, state: 'detached' });
}
