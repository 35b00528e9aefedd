// Lighthouse benchmark (not a test): Lighthouse 12's mobile profile
// (simulated 1.6 Mbps, 150 ms round trip, CPU 4× slower) on the release
// build, served like a static host (benches/static-host.mjs), in Debian's
// Chromium. Run after `trunk build --release --offline`:
//   node benches/lighthouse.mjs [runs]
// Prints each category's score, the paint and layout metrics, and why the
// page could not use the back/forward cache, if it could not; the median
// of the runs for the numbers.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { staticHost } from './static-host.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 3);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await staticHost();
const url = `http://127.0.0.1:${server.address().port}/`;
const results = [];
for (let r = 0; r < RUNS; r++) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: CHROMIUM_ARGS,
  });
  const { lhr } = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  await chrome.kill();
  const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const metric = (a) => lhr.audits[a]?.numericValue ?? NaN;
  results.push({
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    si: metric('speed-index'),
  });
  const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable');
  console.error(`run ${r + 1}:`, results.at(-1));
  for (const a of failing) console.error(`  not passed: ${a.id} (${a.score}) ${a.displayValue ?? ''}`);
  const bf = lhr.audits['bf-cache'];
  if (bf) console.error(`  back/forward cache: ${bf.score === 1 ? 'used' : bf.scoreDisplayMode}`, JSON.stringify((bf.details?.items ?? []).map((i) => i.reason)));
  const lcpEl = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  if (lcpEl) console.error('  largest element:', lcpEl);
}
const keys = Object.keys(results[0]);
console.log(`| Lighthouse 12, mobile (${RUNS} runs, median) | |\n|---|---|`);
for (const k of keys) {
  const m = median(results.map((x) => x[k]));
  const shown = ['fcp', 'lcp', 'tbt', 'si'].includes(k) ? `${Math.round(m)} ms` : k === 'cls' ? m.toFixed(3) : m;
  console.log(`| ${k} | ${shown} |`);
}
server.close();
