// Load benchmark (not a test): a first visit and a reload of the release
// build, on a phone profile and a broadband one, in Debian's Chromium.
// Run after `trunk build --release --offline`:
//   node benches/load.mjs [runs]
// The app is served like a static host serves it: gzip for text and wasm,
// hashed files cached for a year, index.html, the manifest and the service
// worker revalidated (ETag, 304). Network and CPU are emulated through the
// Chrome DevTools Protocol. Each figure is the median of the runs, on the
// page's own clock from the navigation's start: to the first paint with
// content ("shell": the shell's header and box) and to the app's own box
// in the document ("app", interactive). A first visit is a fresh browser
// context (empty cache, no service worker); a reload is the same page
// reloaded once the service worker is active.
import { launch } from '../e2e/harness.mjs';
import { staticHost } from './static-host.mjs';

const RUNS = Number(process.argv[2] || 5);
const PROFILES = [
  // 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4× slower.
  { name: 'phone', latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 },
  { name: 'broadband', latency: 20, down: 20e6 / 8, up: 5e6 / 8, cpu: 1 },
];

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function throttle(page, p) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: p.latency,
    downloadThroughput: p.down,
    uploadThroughput: p.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
}

// Runs in the page before its own scripts: notes when the app's box is
// first in the document, on the page's own clock.
const NOTE_APP_BOX = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('textarea#document')) {
      window.__appBoxAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

/**
 * Milliseconds from the navigation's start, on the page's own clock: to
 * the first paint with content (the shell's header and box, or before
 * issue 18 the app's page) and to the app's box in the document.
 */
async function visit(page, go) {
  await go();
  await page.locator('textarea#document').waitFor();
  return page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { shell: Math.round(paint?.startTime ?? NaN), app: Math.round(window.__appBoxAt) };
  });
}

const server = await staticHost();
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const rows = [];
for (const p of PROFILES) {
  const first = [];
  const again = [];
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
    const page = await context.newPage();
    await page.addInitScript(NOTE_APP_BOX);
    await throttle(page, p);
    first.push(await visit(page, () => page.goto(url, { waitUntil: 'commit' })));
    // A build without a service worker reloads from the HTTP cache.
    await page
      .waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20_000 })
      .catch(() => console.error('no service worker'));
    again.push(await visit(page, () => page.reload({ waitUntil: 'commit' })));
    await context.close();
  }
  for (const [what, xs] of [['first visit', first], ['reload', again]]) {
    rows.push([`${p.name}, ${what}`, median(xs.map((x) => x.shell)), median(xs.map((x) => x.app))]);
    console.error(rows.at(-1));
  }
}
console.log(`| Load (${RUNS} runs, median) | shell's box | app interactive |\n|---|---|---|`);
for (const [name, shell, app] of rows) console.log(`| ${name} | ${shell} ms | ${app} ms |`);
await browser.close();
server.close();
