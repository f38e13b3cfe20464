// Renders assets/icon.svg to the PNG sizes the app and its installers use, with Chromium.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const svg = await readFile('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of [512, 256, 32]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}">`,
    );
    await page.screenshot({ path: size === 512 ? 'assets/icon.png' : `assets/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
