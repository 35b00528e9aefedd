// Fast again (issue 27): the panels a first structure does not need load
// after it, as wasm chunks of their own; a person who uses one before its
// code arrives sees it arrive, without an error or a lost keystroke, also
// offline once the service worker has them. index.html's shell paints the
// app's three empty panes, and the app takes them over without a shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, ready, waitPrompt, useApp, structure } from './harness.mjs';
import { DEFERRED_FILE } from '../scripts/split-files.mjs';

const app = useApp();
const DOC = '# Quick\n\n- First rule.\n- Second rule.\n';

/** The deferred chunks the page has fetched (through its service worker or not). */
const chunks = (page) =>
  page.evaluate((source) => {
    const re = new RegExp(source);
    return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()).filter((n) => re.test(n));
  }, DEFERRED_FILE.source);

/** Pastes DOC and at once (before the editor's code is there) edits its first rule with F2. */
async function editAtOnce(page, text) {
  await paste(page, DOC);
  const item = structure(page).getByRole('checkbox', { name: 'First rule.' });
  await item.focus();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Edit guideline' });
  await editor.waitFor();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p.includes(`- ${text}\n- Second rule.`));
}

test('a panel’s code loads by use: F2 right after a paste edits, online and offline after the first visit', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  assert.deepEqual(await chunks(page), [], 'no deferred code before a document');
  await editAtOnce(page, 'Edited at once.');
  assert.ok((await chunks(page)).length > 0, 'the deferred code loaded');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Every chunk is kept for offline use.
  const missing = await page.evaluate(async (source) => {
    const re = new RegExp(source);
    const names = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => re.test(n.split('/').pop()));
    const out = [];
    for (const n of names) if (!(await caches.match(n))) out.push(n);
    return out;
  }, DEFERRED_FILE.source);
  assert.deepEqual(missing, []);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await editAtOnce(page, 'Edited offline.');
  const served = await page.evaluate((source) => {
    const re = new RegExp(source);
    return performance
      .getEntriesByType('resource')
      .filter((e) => re.test(e.name.split('/').pop()))
      .map((e) => e.workerStart > 0 || e.deliveryType === 'cache');
  }, DEFERRED_FILE.source);
  assert.ok(served.length > 0 && served.every(Boolean), 'the service worker served every chunk offline');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the shell paints the three panes with their headings, the app takes them over without a shift, and the page has a description', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, {
    viewport: { width: 1440, height: 900 },
    initScript: () => {
      window.__shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    },
  });
  // The shell as served.
  const html = await (await fetch(app.server.url)).text();
  for (const heading of ['<h2>Library</h2>', '<h2>Structure</h2>', 'Assembled prompt', 'Persona document']) {
    assert.ok(html.includes(heading), `the shell has ${heading}`);
  }
  // (The build writes attributes in its own order.)
  assert.match(html, /<meta content="[^"]{50,}" name=description>|<meta name="?description"? content="[^"]{50,}"/);
  await structure(page).getByRole('heading', { name: 'Structure' }).waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'cumulative layout shift');
  assert.deepEqual(errors, []);
  await context.close();
});
