import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { sampleTopology, tempDir } from '../support/core';
import { edgewizBin, eventually, startServe, WAIT_MS, watchPageErrors, type Served } from './support';

/** Every wait in these tests has the suite's bound. */
export const WAIT = WAIT_MS;

/** The real CLI on a data dir, with --json; its output as text (a failure throws, with its stderr). */
export function edgewiz(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, '--json', ...args], { encoding: 'utf8', stdio: 'pipe' });
}

export interface Seeded {
  dataDir: string;
  home: string;
  documents: string;
  env: NodeJS.ProcessEnv;
}

/** A data dir with the sample topology set through the CLI, and a home of its own with a Documents folder. */
export function seeded(topology: object = { ...sampleTopology, xmppDomains: ['contoso.com', '회사.한국'] }): Seeded {
  const dataDir = tempDir();
  const home = tempDir('edgewiz-home-');
  const documents = join(home, 'Documents');
  mkdirSync(documents);
  writeFileSync(join(dataDir, 'T.json'), JSON.stringify(topology));
  edgewiz(dataDir, ['topology', 'set', '--file', join(dataDir, 'T.json')]);
  return { dataDir, home, documents, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } };
}

export interface Look {
  colorScheme?: 'light' | 'dark';
  locale?: string;
  width?: number;
}

async function openApp(browser: Browser, served: Served, look: Look = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: look.width ?? 800, height: 900 },
    colorScheme: look.colorScheme ?? 'light',
    locale: look.locale ?? 'en-US',
  });
  const page = await context.newPage();
  await page.goto(served.url);
  return page;
}

/**
 * A seeded data dir served by `edgewiz serve`, a page on it with this look, and `body` run
 * against them; the page must raise no uncaught error, and the server always stops.
 */
export async function withApp(
  browser: Browser,
  look: Look,
  body: (page: Page, seed: Seeded) => Promise<void>,
  topology?: object,
): Promise<void> {
  const seed = seeded(topology);
  const served = await startServe(seed.dataDir, seed.env);
  try {
    const page = await openApp(browser, served, look);
    const errors = watchPageErrors(page);
    await body(page, seed);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
}

/** Waits until the locator's text contains every one of the strings. */
export async function expectText(locator: Locator, ...parts: string[]): Promise<void> {
  for (const part of parts) await eventually(async () => (await locator.textContent()) ?? '').toContain(part);
}

export async function expectNoText(locator: Locator, part: string): Promise<void> {
  await eventually(async () => (await locator.textContent()) ?? '').not.toContain(part);
}

export async function expectState(check: () => Promise<boolean>, wanted = true): Promise<void> {
  await eventually(check).toBe(wanted);
}

/** Next, then wait for the page with this title. */
export async function nextPage(page: Page, title: string): Promise<void> {
  await page.getByTestId('wizard-next').click({ timeout: WAIT });
  await page.getByTestId('wizard-page-title').filter({ hasText: title }).waitFor({ timeout: WAIT });
}
