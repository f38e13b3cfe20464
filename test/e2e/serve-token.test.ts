import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { eventually, launchChromium, startServe, watchPageErrors } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the serve token in Chromium', () => {
  it('leaves the address bar and history at once, travels as a subprotocol, and survives a reload', async () => {
    const served = await startServe(tempDir());
    try {
      const page = await (await browser.newContext()).newPage();
      const errors = watchPageErrors(page);
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      await page.goto(served.url);
      // "Not done" needs an answer over the RPC: the socket was accepted.
      await page.getByTestId('step-topology').getByText('Not done').waitFor();
      expect(page.url()).not.toContain('token');
      await eventually(() => page.evaluate(() => window.location.hash)).toBe('');
      expect(sockets.length).toBeGreaterThan(0);
      expect(sockets.every((url) => !url.includes('token'))).toBe(true);

      await page.reload();
      await page.getByTestId('step-topology').getByText('Not done').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });
});
