import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin, eventually, launchChromium, startServe, watchPageErrors, type Served } from './support';

let browser: Browser;
let served: Served;
beforeAll(async () => {
  browser = await launchChromium();
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'T.json'), JSON.stringify(sampleTopology));
  execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, 'topology', 'set', '--file', join(dataDir, 'T.json')]);
  served = await startServe(dataDir);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The names of the scripts the page fetches from now on. */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) scripts.push(basename(path));
  });
  return scripts;
}

describe('pages load on demand', () => {
  it('paints the home from its own slices of code and fetches a page’s code when it is opened', async () => {
    const page = await browser.newPage();
    const errors = watchPageErrors(page);
    const scripts = scriptsOf(page);
    await page.goto(served.url, { waitUntil: 'networkidle' });
    await page.getByTestId('run-dns').waitFor();
    expect(scripts[0]).toMatch(/^index-/);
    // React first, then the styling engine with the theme, then the app, and the app bar's menus.
    for (const slice of ['theme-', 'App-', 'AppBarControls-']) expect(scripts.some((name) => name.startsWith(slice))).toBe(true);
    expect(scripts.filter((name) => /Page-|^messages-/.test(name))).toEqual([]);

    await page.getByTestId('run-dns').click();
    await page.getByTestId('dns-records').waitFor();
    expect(scripts.some((name) => name.startsWith('DnsPage-'))).toBe(true);
    // The features' own strings come with the first page, not with the home.
    expect(scripts.some((name) => name.startsWith('messages-'))).toBe(true);
    expect(scripts.some((name) => name.startsWith('CertificatesPage-'))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the connection was lost when a page’s code cannot be fetched, instead of going blank', async () => {
    const page = await browser.newPage();
    const errors = watchPageErrors(page);
    await page.route(/\/assets\/DnsPage-[^/]+\.js$/, (route) => route.abort());
    await page.goto(served.url);
    await page.getByTestId('run-dns').click();
    await page.getByText('The connection to Edge Wizard was lost.').waitFor();
    // The app around it is still there.
    await eventually(() => page.getByRole('heading', { name: 'Edge Wizard' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the connection was lost when the app’s own code cannot be fetched after the page, instead of staying on its shell', async () => {
    const page = await browser.newPage();
    const errors = watchPageErrors(page);
    await page.route(/\/assets\/App-[^/]+\.js$/, (route) => route.abort());
    await page.goto(served.url);
    await page.getByRole('alert').filter({ hasText: 'The connection to Edge Wizard was lost.' }).waitFor();
    expect(await page.getByTestId('run-dns').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the connection was lost when the features’ strings cannot be fetched, instead of showing a page without them', async () => {
    const page = await browser.newPage();
    const errors = watchPageErrors(page);
    await page.route(/\/assets\/messages-[^/]+\.js$/, (route) => route.abort());
    await page.goto(served.url);
    await page.getByTestId('run-dns').click();
    await page.getByText('The connection to Edge Wizard was lost.').waitFor();
    expect(await page.getByTestId('dns-records').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
