// Load benchmark (not a test): the release build on a phone profile
// (Lighthouse's mobile one: 1.6 Mbps down, 750 kbps up, 150 ms round trip,
// CPU 4× slower) and a broadband one, in Debian's Chromium. Run after
// `trunk build --release --offline`:
//   node benches/load.mjs [runs]
// The app is served like a static host serves it (benches/static-host.mjs:
// gzip, hashed files cached for a year, index.html and the service worker
// revalidated). Network and CPU are emulated through the Chrome DevTools
// Protocol. Each figure is the median of the runs (3 by default), on the
// page's own clock from the navigation's start:
// - first visit (a fresh browser context: empty cache, no service worker),
//   to the shell's first paint, to the app's own box, and to the structure
//   of a 17 KB Claude Code agent pasted into the box as soon as it shows;
// - the same document's share link opened cold (a fresh context), to its
//   structure;
// - reload once the service worker is active, to the structure of the
//   document the library reopens.
import { launch } from '../e2e/harness.mjs';
import { staticHost } from './static-host.mjs';

const RUNS = Number(process.argv[2] || 3);
const PROFILES = [
  { name: 'phone', latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 },
  { name: 'broadband', latency: 20, down: 20e6 / 8, up: 5e6 / 8, cpu: 1 },
];

/** A Claude Code agent of about `bytes` bytes. */
function agent(bytes) {
  let s =
    '---\nname: incident-commander\ndescription: Use this agent to run a production incident from the first alert to the review.\ntools: Read, Grep, Bash\nmodel: sonnet\n---\n\nYou are the incident commander for a production outage.\n\n';
  for (let n = 1; s.length < bytes; n++) {
    s += `## Phase ${n}\n\nIn phase ${n}, keep **one channel** for updates and write down every decision with its time.\n\n`;
    for (let i = 0; i < 6; i++) s += `- Step ${n}.${i}: confirm who owns it, what is affected, and when the next update is due.\n`;
    s += '\n';
  }
  return s;
}

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
// first in the document, and when the structure first shows a part of a
// document, on the page's own clock.
const NOTE = () => {
  new MutationObserver((_, observer) => {
    if (!window.__appBoxAt && document.querySelector('textarea#document')) window.__appBoxAt = performance.now();
    if (!window.__structureAt && document.querySelector('section[aria-label=Structure] [data-unit]')) {
      window.__structureAt = performance.now();
    }
    if (window.__appBoxAt && window.__structureAt) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

// Pastes `text` into the document box there is: the shell's, or the app's.
const PASTE = (text) => {
  const box = document.querySelector('textarea#document') ?? document.querySelector('textarea#shell-document');
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
};

const clock = (page) =>
  page.evaluate(() => ({
    shell: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN),
    app: Math.round(window.__appBoxAt ?? NaN),
    structure: Math.round(window.__structureAt ?? NaN),
  }));

const structureShown = (page) => page.locator('section[aria-label=Structure] [data-unit]').first().waitFor({ timeout: 60_000 });

/** A fresh context on profile `p`, with the notes. */
async function fresh(browser, p) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.addInitScript(NOTE);
  await throttle(page, p);
  return { context, page };
}

const DOC = agent(17 * 1024);
const server = await staticHost();
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();

// The document's share link, made by the app itself.
let link;
{
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('textarea#document').waitFor();
  await page.locator('textarea#document').fill(DOC);
  await structureShown(page);
  // The Share tool, closed on a first visit (builds before issue 28 show it).
  const share = page.getByRole('heading', { name: 'Share', exact: true });
  if ((await share.count()) > 0) await share.click();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText('Share link copied').waitFor();
  link = await page.evaluate(() => navigator.clipboard.readText());
  await context.close();
}

const rows = [];
for (const p of PROFILES) {
  const first = [];
  const shared = [];
  const again = [];
  for (let r = 0; r < RUNS; r++) {
    // First visit, the document pasted into the first box that shows (the
    // shell's, kept for the app).
    {
      const { context, page } = await fresh(browser, p);
      await page.goto(url, { waitUntil: 'commit' });
      const box = page.locator('textarea#shell-document, textarea#document').first();
      await box.waitFor();
      // As a paste: the text and one input event. (Playwright's fill waits
      // on its own checks, seconds under the CPU throttle.)
      await page.evaluate(PASTE, DOC);
      await structureShown(page);
      first.push(await clock(page));
      // Reload once the service worker controls the page.
      await page
        .waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 30_000 })
        .catch(() => console.error('no service worker'));
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
      await page.reload({ waitUntil: 'commit' });
      await structureShown(page);
      again.push(await clock(page));
      await context.close();
    }
    // The share link, cold.
    {
      const { context, page } = await fresh(browser, p);
      await page.goto(link, { waitUntil: 'commit' });
      await structureShown(page);
      shared.push(await clock(page));
      await context.close();
    }
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  rows.push([`${p.name}, first visit, paste at once`, m(first, 'shell'), m(first, 'app'), m(first, 'structure')]);
  rows.push([`${p.name}, share link cold`, m(shared, 'shell'), m(shared, 'app'), m(shared, 'structure')]);
  rows.push([`${p.name}, reload`, m(again, 'shell'), m(again, 'app'), m(again, 'structure')]);
  for (const row of rows.slice(-3)) console.error(row);
}
console.log(`| Load (${RUNS} runs, median) | shell's first paint | app's box | structure shown |\n|---|---|---|---|`);
for (const [name, shell, app, structure] of rows) console.log(`| ${name} | ${shell} ms | ${app} ms | ${structure} ms |`);
await browser.close();
server.close();
