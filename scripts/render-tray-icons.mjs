// Renders the tray icons (one per gateway state) with Chromium: PNG and @2x for Linux, black
// Template PNGs for the macOS menu bar, and PNG-in-ICO files for Windows.
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const kinds = {
  running: {
    color: '#2e7d32',
    badge: '<path d="M19.5 24.5l3 3 5.5-6" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>',
  },
  stopped: { color: '#616161', badge: '<rect x="20.5" y="20.5" width="7" height="7" rx="1" fill="#fff"/>' },
  busy: {
    color: '#ed6c02',
    badge:
      '<circle cx="20.5" cy="24" r="1.5" fill="#fff"/><circle cx="24" cy="24" r="1.5" fill="#fff"/><circle cx="27.5" cy="24" r="1.5" fill="#fff"/>',
  },
  crashed: {
    color: '#c62828',
    badge:
      '<path d="M24 19.5v5.5" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/><circle cx="24" cy="28.2" r="1.4" fill="#fff"/>',
  },
  'not-installed': {
    color: '#9e9e9e',
    badge: '<path d="M20.5 20.5l7 7M27.5 20.5l-7 7" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
  },
};

/** The gateway glyph (three federated nodes) with a state badge; `template` = black only, badge cut out. */
function svg(kind, template) {
  const { color, badge } = kinds[kind];
  const ink = template ? '#000' : '#1565c0';
  const dashed = kind === 'not-installed' ? ' stroke-dasharray="2.5 2"' : '';
  const badgeFill = template ? '#000' : color;
  const badgeArt = template ? badge.replaceAll('#fff', '#000').replace(/fill="#000"/g, 'fill="#000"') : badge;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">
  <defs><mask id="cut"><rect width="32" height="32" fill="#fff"/><circle cx="24" cy="24" r="9.5" fill="#000"/></mask></defs>
  <g mask="url(#cut)" fill="none" stroke="${ink}" stroke-width="2.4"${dashed}>
    <path d="M8 8L22 8M8 8L15 21M22 8L15 21" stroke-linecap="round"/>
    <circle cx="8" cy="8" r="4" fill="${template ? '#000' : '#fff'}"/>
    <circle cx="22" cy="8" r="4" fill="${template ? '#000' : '#fff'}"/>
    <circle cx="15" cy="21" r="4" fill="${template ? '#000' : '#fff'}"/>
  </g>
  ${template ? `<mask id="glyph"><rect width="32" height="32" fill="#fff"/>${badge.replaceAll('#fff', '#000')}</mask><circle cx="24" cy="24" r="7.5" fill="${badgeFill}" mask="url(#glyph)"/>` : `<circle cx="24" cy="24" r="7.5" fill="${badgeFill}"/>${badgeArt}`}
</svg>`;
}

/** An .ico holding PNG images (Windows Vista and later read them). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

await mkdir('assets/tray', { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const render = async (markup, size) => {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}" width="${size}" height="${size}">`,
    );
    const png = await page.screenshot({ omitBackground: true });
    await page.close();
    return png;
  };
  for (const kind of Object.keys(kinds)) {
    const color = svg(kind, false);
    const template = svg(kind, true);
    await writeFile(`assets/tray/tray-${kind}.svg`, color);
    const sizes = {};
    for (const size of [16, 24, 32, 48]) sizes[size] = await render(color, size);
    await writeFile(`assets/tray/tray-${kind}.png`, sizes[16]);
    await writeFile(`assets/tray/tray-${kind}@2x.png`, sizes[32]);
    await writeFile(`assets/tray/tray-${kind}.ico`, ico([16, 24, 32, 48].map((size) => ({ size, png: sizes[size] }))));
    await writeFile(`assets/tray/tray-${kind}Template.png`, await render(template, 16));
    await writeFile(`assets/tray/tray-${kind}Template@2x.png`, await render(template, 32));
  }
} finally {
  await browser.close();
}
