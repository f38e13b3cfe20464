import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startUiServer } from '../electron/serve/ui-server';
import { findUiRoot } from '../electron/paths';
import { memoryCore, sampleTopology, tempDir } from '../test/support/core';
import { edgewizBin, launchChromium, startServe } from '../test/e2e/support';
import { formatResult, median, type BenchResult } from './harness';
import { walkUi } from './walk';

const RUNS = 7;
const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** First contentful paint of `url` in a fresh Chromium context, in ms. */
async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error('no first-contentful-paint within 10 s')), 10_000);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

/** The scripts the home loads until its steps show and the network is quiet: their names. */
async function homeScripts(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(basename(new URL(response.url()).pathname));
    });
    await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
    await page.getByTestId('run-topology').waitFor({ timeout: 30_000 });
    return scripts;
  } finally {
    await context.close();
  }
}

/** Long tasks (> 50 ms, as Chromium reports them) in the renderer during a full walk over the UI. */
async function walkLongTasks(browser: Browser): Promise<number[]> {
  const dataDir = tempDir('edgewiz-bench-walk-');
  const home = tempDir('edgewiz-bench-home-');
  mkdirSync(join(home, 'Documents'));
  writeFileSync(join(dataDir, 'T.json'), JSON.stringify(sampleTopology));
  execFileSync(process.execPath, [edgewizBin, '--data-dir', dataDir, 'topology', 'set', '--file', join(dataDir, 'T.json')], {
    timeout: 30_000,
  });
  const served = await startServe(dataDir, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const durations: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = durations;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => durations.push(entry.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto(served.url);
    await walkUi(page);
    // The observer reports a task once it has ended: give the last one a frame.
    await page.waitForTimeout(100);
    return await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  } finally {
    await context.close();
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const uiRoot = findUiRoot();
  if (!uiRoot) throw new Error('Build first: npm run build');
  const assets = join(uiRoot, 'assets');
  const allJs = readdirSync(assets).filter((name) => name.endsWith('.js'));
  const allGzipped = allJs.reduce((sum, name) => sum + gzipped(join(assets, name)), 0);

  // Baseline: a static page with one line of text, from the same server and browser.
  const baselineRoot = tempDir('edgewiz-bench-');
  writeFileSync(join(baselineRoot, 'index.html'), '<!doctype html><title>baseline</title><p>Edge Wizard</p>');

  const { core } = memoryCore();
  const app = await startUiServer({ server: core.server, uiRoot });
  const baseline = await startUiServer({ server: core.server, uiRoot: baselineRoot });
  const browser = await launchChromium();
  try {
    const scripts = [...new Set(await homeScripts(browser, app.url))];
    const homeGzipped = scripts.reduce((sum, name) => sum + gzipped(join(assets, name)), 0);

    const appTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineTimes.push(await firstContentfulPaint(browser, baseline.url));
      appTimes.push(await firstContentfulPaint(browser, app.url));
    }

    const longTasks = await walkLongTasks(browser);
    return [
      {
        name: 'renderer: JS the home loads, gzipped',
        value: homeGzipped / 1024,
        unit: 'KB',
        target: 150,
        note: `${scripts.length} file(s); all ${allJs.length} chunks together ${(allGzipped / 1024).toFixed(1)} KB`,
      },
      {
        name: `renderer: home first contentful paint (median of ${RUNS})`,
        value: median(appTimes),
        unit: 'ms',
        baseline: { name: `static one-line page, same server and browser (median of ${RUNS})`, value: median(baselineTimes) },
        target: 2,
        note: 'interleaved',
      },
      {
        name: 'renderer: long tasks > 50 ms during a full walk (home, topology, 14 wizard pages, import, DNS, panes, editor)',
        value: longTasks.length,
        unit: 'tasks',
        target: 0,
        note: `largest ${longTasks.length ? Math.max(...longTasks).toFixed(0) : 0} ms${longTasks.length ? ` (${longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores when it ended — the goal is for an idle machine`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    await baseline.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
