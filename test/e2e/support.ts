import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');
const screenshotDir = join(root, 'test-results');
export const edgewizBin = join(root, 'bin', 'edgewiz.js');

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `edgewiz serve` on a free loopback port and waits for its URL. */
export function startServe(dataDir: string, env: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): Promise<Served> {
  if (!existsSync(join(root, 'dist', 'cli', 'edgewiz.js'))) throw new Error('The app is not built: run `npm run build` first.');
  const child = spawn(process.execPath, [edgewizBin, '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`edgewiz serve printed no URL:\n${output}`));
    }, WAIT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[0],
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              // SIGTERM first; a server that does not go within the bound is killed.
              const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`edgewiz serve exited with ${code}:\n${output}`)));
  });
}

/** Debian's Chromium, headless, with any extra switches. Missing Chromium is a failure, never a skip. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium" (.ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** How long any e2e condition may take to come true: generous, because a busy machine renders late. */
export const WAIT_MS = 20_000;

/**
 * Polls `read` until the matcher chained on the result passes, or fails after WAIT_MS.
 * Every e2e check goes through this (or a Playwright locator wait): a value read once can be the
 * one from before the UI re-rendered.
 */
export function eventually<T>(read: () => T | Promise<T>, timeout = WAIT_MS) {
  return expect.poll(read, { timeout, interval: 50 });
}

/**
 * Waits, with a bound, until no finite CSS transition or animation is running (infinite ones, like spinners, never end).
 * @public One of the suite's three waits, for tests that read a page only once it stands still.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.getAnimations().every((animation) => {
        const end = animation.effect?.getComputedTiming().endTime;
        return animation.playState !== 'running' || end === Infinity;
      }),
    undefined,
    { timeout: WAIT_MS, polling: 50 },
  );
}

/** A full-page picture once the page has stopped moving. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await settled(page);
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fails the test on any uncaught error in the page. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
