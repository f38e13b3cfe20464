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

/**
 * First contentful paint of `url` in a fresh Chromium context, in ms; with `shown`, also when the
 * first frame with that element in it began (the home's steps, which need the app and its data).
 */
async function firstContentfulPaint(browser: Browser, url: string, shown?: string): Promise<{ paint: number; shown?: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (shown) {
      await page.addInitScript((selector) => {
        // No named functions in here: the page gets this source as it is, without tsx's helpers.
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          requestAnimationFrame((at) => ((window as unknown as { benchShown: number }).benchShown = at));
        });
        observer.observe(document, { childList: true, subtree: true });
      }, shown);
    }
    await page.goto(url);
    const paint = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error('no first-contentful-paint within 10 s')), 10_000);
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    if (!shown) return { paint };
    const handle = await page.waitForFunction(() => (window as unknown as { benchShown?: number }).benchShown, undefined, {
      timeout: 30_000,
    });
    return { paint, shown: (await handle.jsonValue()) as number };
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

/** A long task and where it happened: the walk's step it led to, and the script Chromium blames for its frame. */
interface LongTask {
  duration: number;
  /** The walk's stop the task came before (the admin's action that led there caused it). */
  stop: string;
  /** The longest script of the long animation frame it falls in: what called it and which file, when Chromium says. */
  script?: string;
}

/** Long tasks (> 50 ms, as Chromium reports them) in the renderer during a full walk over the UI. */
async function walkLongTasks(browser: Browser): Promise<LongTask[]> {
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
    // serve listens before it loads its core, which then loads beside the page on this machine's two
    // cores; the desktop app's main process has its core before the window opens. So the walk starts
    // once serve has answered a page, in a context of its own that shares nothing with the walk's.
    const warmUp = await browser.newContext();
    try {
      const page = await warmUp.newPage();
      await page.goto(served.url);
      await page.getByTestId('run-topology').waitFor({ timeout: 30_000 });
    } finally {
      await warmUp.close();
    }
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen = { tasks: [] as { start: number; duration: number }[], frames: [] as { start: number; end: number; script: string }[] };
      (window as unknown as { benchSeen: typeof seen }).benchSeen = seen;
      new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => seen.tasks.push({ start: entry.startTime, duration: entry.duration })),
      ).observe({ type: 'longtask', buffered: true });
      // Long animation frames name the scripts that ran in them; a long task is attributed to the longest one.
      new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => {
          type Script = { duration: number; invoker: string; sourceURL: string; sourceFunctionName: string };
          const scripts = (entry as unknown as { scripts: Script[] }).scripts ?? [];
          const longest = [...scripts].sort((a, b) => b.duration - a.duration)[0];
          const file = longest?.sourceURL.split('/').pop() ?? '';
          const script = longest
            ? `${longest.invoker}${longest.sourceFunctionName ? ` ${longest.sourceFunctionName}` : ''} in ${file}`
            : '';
          seen.frames.push({ start: entry.startTime, end: entry.startTime + entry.duration, script });
        }),
      ).observe({ type: 'long-animation-frame', buffered: true });
    });
    await page.goto(served.url);
    const stops: { name: string; at: number }[] = [];
    await walkUi(page, async (name) => {
      stops.push({ name, at: await page.evaluate(() => performance.now()) });
    });
    // The observers report a task once it has ended: wait, with a bound, for the frame after the last one.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    await page.waitForTimeout(100);
    const seen = await page.evaluate(
      () =>
        (
          window as unknown as {
            benchSeen: { tasks: { start: number; duration: number }[]; frames: { start: number; end: number; script: string }[] };
          }
        ).benchSeen,
    );
    return seen.tasks.map((task) => ({
      duration: task.duration,
      stop: stops.find((stop) => stop.at >= task.start)?.name ?? 'end',
      script: seen.frames.find((frame) => frame.start <= task.start && task.start < frame.end)?.script || undefined,
    }));
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
  // Playwright drives the page through the DevTools protocol's Runtime domain, and with it enabled
  // V8 records a detailed stack (file, line and column of every frame) whenever an Error object is
  // made, in case it ends up uncaught. React makes three at load, inside its 200 KB module
  // function, so V8 re-parsed that function and the whole script on the main thread to find their
  // positions: 30 to 65 ms in one task, which no user pays, since the app runs with no debugger
  // attached. Source positions made when the code is compiled (mostly off the main thread) remove
  // that cost and change nothing else the bench measures.
  const browser = await launchChromium(['--js-flags=--no-enable-lazy-source-positions']);
  try {
    const scripts = [...new Set(await homeScripts(browser, app.url))];
    const homeGzipped = scripts.reduce((sum, name) => sum + gzipped(join(assets, name)), 0);

    const appTimes: number[] = [];
    const stepsTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineTimes.push((await firstContentfulPaint(browser, baseline.url)).paint);
      const home = await firstContentfulPaint(browser, app.url, '[data-testid="run-topology"]');
      appTimes.push(home.paint);
      stepsTimes.push(home.shown!);
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
        note: `interleaved; the home's steps (after the app's code and its first answers) in the frame at ${median(stepsTimes).toFixed(0)} ms`,
      },
      {
        name: 'renderer: long tasks > 50 ms during a full walk (home, topology, 14 wizard pages, import, DNS, panes, editor)',
        value: longTasks.length,
        unit: 'tasks',
        target: 0,
        note: `largest ${longTasks.length ? Math.max(...longTasks.map((task) => task.duration)).toFixed(0) : 0} ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores when it ended — the goal is for an idle machine${longTasks.map((task) => `\n    ${task.duration.toFixed(0)} ms before ${task.stop}${task.script ? ` (${task.script})` : ''}`).join('')}`,
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
