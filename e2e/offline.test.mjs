// Offline and installable (issue 18): the manifest parses and names icons
// that exist; the service worker is active after the first visit; offline,
// a reload shows the app, a paste parses (and is counted exactly: the
// tokenizer was cached when first used), Copy prompt works and a share
// link opens; a new build served from the same path is announced ("A new
// version is ready") and does not reload the page by itself. Served from a
// sub-path, as a static host would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, open, paste, prompt, ready, frames, INDEX_KEY, DIST } from './harness.mjs';

let server, browser, dir;
before(async () => {
  // A copy of the build, so that a test can deploy a "new" one over it.
  dir = mkdtempSync(join(tmpdir(), 'persona-offline-'));
  cpSync(DIST, dir, { recursive: true });
  server = await serve('/tools/personas/', dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const DOC = '# Offline coach\n\n- Work without a network.\n- Keep every guideline.\n';

/** Waits until a service worker controls the page. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

/** Waits until the Prompt line's token count is exact (no ≈). */
const exactCounts = (page) =>
  page.waitForFunction(() => /\d tokens$/.test(document.querySelector('.counts dd')?.textContent ?? '') && !document.querySelector('.counts dd').textContent.includes('≈'), null, { timeout: 30_000 });

test('the manifest parses and names icons that exist', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const url = new URL(href, server.url).href;
  const res = await page.request.get(url);
  assert.equal(res.status(), 200);
  const manifest = JSON.parse(await res.text());
  assert.equal(manifest.name, 'Persona Playground');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
  for (const want of ['192x192 any', '512x512 any', '512x512 maskable', 'any any']) assert.ok(sizes.includes(want), `${want} in ${sizes}`);
  for (const icon of manifest.icons) {
    const r = await page.request.get(new URL(icon.src, url).href);
    assert.equal(r.status(), 200, icon.src);
    assert.equal(r.headers()['content-type'], icon.type, icon.src);
  }
  // Chromium's own installability check, once the worker controls the page
  // (Playwright's contexts are incognito ones, which are never installable:
  // that is the test's browser, not the app).
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const errorIds = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  assert.deepEqual(errorIds, [], 'Chromium finds the app installable');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after the first visit it works offline: reload, paste, copy, a share link', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await controlled(page);
  const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active.state);
  assert.equal(state, 'activated');

  // A share link made online, opened offline.
  await paste(page, DOC);
  // The tokenizer, loaded for the first document, is kept for offline use.
  await exactCounts(page);
  const kept = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) {
      for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname.split('/').pop());
    }
    return names.filter((n) => n.startsWith('tokenizer-')).sort();
  });
  // Only the chosen encoding's worker was loaded: its loader, glue and wasm.
  assert.equal(kept.length, 3, `tokenizer files cached: ${kept}`);
  assert.ok(kept.every((n) => n.startsWith('tokenizer-o200k-')), `tokenizer files cached: ${kept}`);
  await page.getByRole('checkbox', { name: 'Keep every guideline.' }).uncheck();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await paste(page, '# Still here\n\n- Parsed offline.\n');
  await page.getByRole('checkbox', { name: 'Parsed offline.' }).waitFor();
  await exactCounts(page);
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await prompt(page));

  await page.goto(link);
  await page.getByRole('checkbox', { name: 'Keep every guideline.' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Keep every guideline.' }).isChecked(), false);
  assert.equal(await prompt(page), '# Offline coach\n\n- Work without a network.\n');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new build is announced and waits for Reload; the old caches go', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await controlled(page);
  await paste(page, DOC);
  // A new build at the same path: its worker differs.
  const worker = join(dir, 'sw.js');
  const old = readFileSync(worker, 'utf8');
  writeFileSync(worker, old.replace(/const VERSION = '([^']*)'/, "const VERSION = '$1-next'"));
  try {
    await page.evaluate(() => { window.stillThisPage = true; });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = page.getByRole('status').filter({ hasText: 'A new version is ready' });
    await notice.waitFor();
    // The new worker waits; a page that reloaded itself would have lost
    // the mark by the next rendering updates.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);
    await frames(page, 3);
    assert.equal(await page.evaluate(() => window.stillThisPage), true, 'the page was not reloaded by itself');
    assert.equal(await prompt(page), DOC, 'the work is still there');

    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => window.stillThisPage === undefined);
    await ready(page);
    await controlled(page);
    const keys = await page.evaluate(() => caches.keys());
    assert.equal(keys.length, 1, `one cache left: ${keys}`);
    assert.match(keys[0], /-next$/);
    assert.equal(await page.getByRole('status').filter({ hasText: 'A new version is ready' }).count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    writeFileSync(worker, old);
    await context.close();
  }
});

test('text typed into the shell before the app has loaded is kept and parsed, as a new document', async () => {
  const { page, errors, context } = await open(browser, server.url);
  // A document from an earlier visit, which the app reopens.
  await paste(page, DOC);
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').docs?.length === 1, INDEX_KEY);
  // No worker this time, so that the wasm goes through the route below.
  await page.evaluate(async () => { for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister(); });
  // The wasm arrives only when the test says so.
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  await page.reload();
  const box = page.getByRole('textbox', { name: 'Persona document' });
  await box.click();
  await page.keyboard.type('# Typed early\n\n- Before the app.');
  assert.equal(await page.locator('textarea#document').count(), 0, 'the app has not loaded yet');
  release();
  await page.getByRole('checkbox', { name: 'Before the app.' }).waitFor();
  assert.equal(await box.inputValue(), '# Typed early\n\n- Before the app.');
  // Focus and the caret moved to the app's box: typing goes on.
  await page.waitForFunction(() => document.activeElement?.id === 'document');
  await page.keyboard.type('!');
  await page.getByRole('checkbox', { name: 'Before the app.!' }).waitFor();
  // The earlier document is still in the library, beside the new one.
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').docs?.length === 2, INDEX_KEY);
  assert.deepEqual(errors, []);
  await context.close();
});
