// Shared end-to-end harness: a tiny static server for dist/ (optionally
// under a sub-path), and Debian's Chromium driven by playwright-core.
import { before, after } from 'node:test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export const DIST = process.env.DIST_DIR || new URL('../dist/', import.meta.url).pathname;

/**
 * Serves `dir` (dist/ unless given) under `base` ("/" or "/some/sub/path/");
 * resolves to its URL. Files are read at each request, so a test can put
 * a new build in `dir` while the server runs.
 */
export async function serve(base = '/', dir = DIST) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('not under ' + base);
      return;
    }
    let rel = url.pathname.slice(base.length) || 'index.html';
    rel = normalize(rel).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * The served app and a browser for one test file: serves `dist/` at `base`
 * and launches Chromium before its tests, and closes both after them.
 * The returned object's `server` and `browser` are set once they run.
 */
export function useApp(base = '/') {
  const app = { server: undefined, browser: undefined };
  before(async () => {
    app.server = await serve(base);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens the app in a fresh context; collects page errors and console errors
 * (a CSP violation shows as one) so that tests can assert there were none.
 * `options.initScript` runs in the page before the app (to simulate full,
 * damaged or old storage), with `options.initArgs` as its argument; the
 * rest are browser-context options.
 */
export async function open(browser, url, options = {}) {
  const { initScript, initArgs, toolsClosed, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...contextOptions });
  // The prompt pane's tools start closed; most tests use them as a person
  // who opened them once would (`toolsClosed` keeps them as on a first visit).
  if (!toolsClosed) {
    await context.addInitScript(
      ([prefix, tools]) => {
        try {
          for (const t of tools) if (localStorage.getItem(`${prefix}open/${t}`) === null) localStorage.setItem(`${prefix}open/${t}`, '1');
        } catch {}
      },
      [VIEW_PREFIX, TOOLS],
    );
  }
  if (initScript) await context.addInitScript(initScript, initArgs);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await ready(page);
  return { context, page, errors };
}

/**
 * Waits for the app (not index.html's shell, whose text box has the same
 * name and stands in for it while the wasm loads).
 */
export async function ready(page) {
  await page.locator('textarea#document').waitFor();
}

/**
 * Puts `text` on the system clipboard and pastes it into the document box
 * with Ctrl+V (on a narrow screen, from the Document tab).
 */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const tab = page.getByRole('tab', { name: 'Document' });
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  const box = page.getByRole('textbox', { name: 'Persona document' });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** The assembled prompt's text: the text content of the read-only text box. */
export async function prompt(page) {
  // (On a narrow screen its tab may be hidden.)
  return (await page.getByRole('textbox', { name: 'Assembled prompt', includeHidden: true }).textContent()) ?? '';
}

/** Waits until the prompt's text passes `check`; returns it. */
export async function waitPrompt(page, check) {
  for (let i = 0; i < 100; i++) {
    const p = await prompt(page);
    if (check(p)) return p;
    await page.waitForTimeout(30);
  }
  assert.fail(`prompt never matched: ${await prompt(page)}`);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page (open it with `bypassCSP`). */
export async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/** The Structure region (a tab panel on a narrow screen). */
export const structure = (page) =>
  page.getByRole('region', { name: 'Structure' }).or(page.getByRole('tabpanel', { name: 'Structure' }));

/** The Library region. */
export const library = (page) => page.getByRole('region', { name: 'Library' });

/**
 * The library's storage keys, read from their one definition
 * (src/library/store.rs).
 */
const STORE = readFileSync(new URL('../src/library/store.rs', import.meta.url), 'utf8');
const storeKey = (name) => {
  const found = STORE.match(new RegExp(`pub const ${name}: &str = "([^"]+)";`));
  if (!found) throw new Error(`no ${name} in src/library/store.rs`);
  return found[1];
};
/** The index of saved documents. */
export const INDEX_KEY = storeKey('INDEX_KEY');
/** The prefix of each saved document's key. */
export const DOC_PREFIX = storeKey('DOC_PREFIX');
/** The prefix of the view preferences (which tools are open). */
export const VIEW_PREFIX = storeKey('VIEW_PREFIX');
/** The prompt pane's tools, by their names in storage (src/ui/prompt.rs). */
export const TOOLS = [
  ...readFileSync(new URL('../src/ui/prompt.rs', import.meta.url), 'utf8').matchAll(/<Tool name="(\w+)"/g),
].map((m) => m[1]);


/** Waits for `n` rendering updates of the page (its effects have run). */
export async function frames(page, n = 2) {
  await page.evaluate((count) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  }), n);
}

/**
 * Waits until the library has written what the page shows: no save waits
 * for its debounce (the Library region is not busy).
 */
export async function whenSaved(page) {
  await frames(page);
  await library(page).and(page.locator('[aria-busy="false"]')).waitFor();
}

