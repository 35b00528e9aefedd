// Renders the app's PNG icons from their SVGs with Chromium (run by hand
// when an icon changes; the PNGs are committed): 192 and 512 px of
// style/icons/icon.svg, and 512 px of the maskable one (full bleed, the
// mark inside the safe zone).
import { readFileSync } from 'node:fs';
import { launch } from '../e2e/harness.mjs';

const dir = new URL('../style/icons/', import.meta.url).pathname;
const browser = await launch();
for (const [svg, size, out] of [['icon.svg', 192, 'icon-192.png'], ['icon.svg', 512, 'icon-512.png'], ['maskable.svg', 512, 'maskable-512.png']]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const data = readFileSync(dir + svg, 'base64');
  await page.setContent(`<body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width=${size} height=${size}></body>`);
  await page.locator('img').screenshot({ path: dir + out, omitBackground: true });
  await page.close();
}
await browser.close();
