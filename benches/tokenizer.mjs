// Tokenizer benchmark (not a test), on the release build in Debian's
// Chromium. Run after `trunk build --release --offline`:
//   node benches/tokenizer.mjs [runs]
// Prints: the tokenizer workers' downloads (gzip -9, each its three files); the
// time from the first paste into a fresh app (no cache, no service
// worker) until the counts are exact, unthrottled (the worker's requests
// escape the page's network emulation, so the phone figure is the
// download at 1.6 Mbps plus this); and, once the worker has loaded, the
// time to count a 20 KB and a 1 MB prompt in it (post to answer, the
// page's clock), medians of the runs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, open, paste, DIST } from '../e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 5);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The gzip size of an encoding's worker files (loader, glue, wasm). */
const download = (encoding) =>
  readdirSync(DIST)
    .filter((f) => f.startsWith(`tokenizer-${encoding}-`))
    .reduce((n, f) => n + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
const gz = download('o200k');
console.log(`tokenizer download: o200k_base ${(gz / 1024).toFixed(0)} KiB gzip (the default, on a first visit); cl100k_base ${(download('cl100k') / 1024).toFixed(0)} KiB, when chosen`);

const line = (i) => `- Guideline ${i}: answer precisely, cite the source of every claim, and keep code in fenced blocks.`;
const doc = (bytes) => {
  let s = '# Reviewer\n\n## Rules\n\n';
  for (let i = 0; s.length < bytes; i++) s += `${line(i)}\n`;
  return s;
};

/** Milliseconds from the paste until the Selection line's count is exact. */
async function untilExact(browser, url) {
  const { page, context } = await open(browser, url);
  await page.evaluate(() => navigator.clipboard.writeText('# Hi\n\nBe brief.\n'));
  const t0 = await page.evaluate(() => performance.now());
  await paste(page, '# Hi\n\nBe brief.\n');
  const t1 = await page.waitForFunction(
    () => {
      const dd = document.querySelector('.counts dd');
      return dd && /\d tokens$/.test(dd.textContent) && !dd.textContent.includes('≈') && performance.now();
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  const ms = (await t1.jsonValue()) - t0;
  await context.close();
  return ms;
}

/** Milliseconds to count `text` in a loaded worker, post to answer. */
async function countTimes(browser, url, texts) {
  const { page, context } = await open(browser, url);
  const loader = await page.locator('meta[name="tokenizer-o200k_base"]').getAttribute('content');
  const out = await page.evaluate(
    async ({ loader, texts, runs }) => {
      const w = new Worker(loader);
      const ask = (message) =>
        new Promise((resolve) => {
          w.onmessage = (e) => (e.data === 'ready' ? null : resolve(e.data));
          w.postMessage(message);
        });
      await new Promise((resolve) => (w.onmessage = (e) => e.data === 'ready' && resolve()));
      const request = (job, t) => `${job}\no200k_base\n${new TextEncoder().encode(t).length}\n${t}`;
      await ask(request(0, 'warm up'));
      const times = {};
      for (const [name, t] of Object.entries(texts)) {
        times[name] = [];
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          await ask(request(r + 1, t));
          times[name].push(performance.now() - t0);
        }
      }
      w.terminate();
      return times;
    },
    { loader, texts, runs: RUNS },
  );
  await context.close();
  return out;
}

const server = await serve('/');
const browser = await launch();
const fast = [];
for (let r = 0; r < RUNS; r++) fast.push(await untilExact(browser, server.url));
const seconds = (gz * 8) / 1.6e6;
console.log(`exact counts after the first paste: ${median(fast).toFixed(0)} ms unthrottled (median of ${fast.length}); on the phone profile about ${(seconds + median(fast) / 1000).toFixed(0)} s (${seconds.toFixed(1)} s to download at 1.6 Mbps)`);
const times = await countTimes(browser, server.url, { '20 KB': doc(20 * 1024), '1 MB': doc(1024 * 1024) });
for (const [name, xs] of Object.entries(times)) console.log(`count a ${name} prompt (o200k_base, loaded): ${median(xs).toFixed(1)} ms median of ${xs.length}`);
await browser.close();
server.close();
