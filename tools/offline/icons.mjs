// Renders the page's installable icons, web/icons/icon-192.png and icon-512.png, from
// web/icons/icon.svg with Debian's Chromium (the one the end-to-end tests drive):
//
//   node tools/offline/icons.mjs
//
// The PNG files are committed; run this again after changing the SVG.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const icons = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'web', 'icons');
const svg = await readFile(join(icons, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<body style="margin:0">${sized}</body>`);
    await page.screenshot({ path: join(icons, `icon-${size}.png`), clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
  }
} finally {
  await browser.close();
}
