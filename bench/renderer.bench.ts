import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startUiServer } from '../electron/serve/ui-server';
import { findUiRoot } from '../electron/paths';
import { memoryCore, tempDir } from '../test/support/core';
import { median, type BenchResult } from './harness';

const RUNS = 7;

/** First contentful paint of `url` in a fresh Chromium context, in ms. */
async function firstContentfulPaint(browser: import('playwright-core').Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
  await context.close();
  return fcp;
}

export async function run(): Promise<BenchResult[]> {
  const uiRoot = findUiRoot();
  if (!uiRoot) throw new Error('Build first: npm run build');
  const assets = join(uiRoot, 'assets');
  const js = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const gzipped = js.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);

  // Baseline: a static page with one line of text, from the same server and browser.
  const baselineRoot = tempDir('edgewiz-bench-');
  writeFileSync(join(baselineRoot, 'index.html'), '<!doctype html><title>baseline</title><p>Edge Wizard</p>');

  const { core } = memoryCore();
  const app = await startUiServer({ server: core.server, uiRoot });
  const baseline = await startUiServer({ server: core.server, uiRoot: baselineRoot });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const appTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineTimes.push(await firstContentfulPaint(browser, baseline.url));
      appTimes.push(await firstContentfulPaint(browser, app.url));
    }
    return [
      { name: 'renderer JS, gzipped', value: gzipped / 1024, unit: 'KB', target: 350, note: `${js.length} file(s)` },
      {
        name: 'renderer first contentful paint (median of 7)',
        value: median(appTimes),
        unit: 'ms',
        target: 400,
        note: `static one-line page: ${median(baselineTimes).toFixed(0)} ms, ratio ${(median(appTimes) / median(baselineTimes)).toFixed(2)}`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    await baseline.close();
  }
}
