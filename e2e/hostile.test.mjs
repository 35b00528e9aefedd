// Hostile, huge and odd input; privacy; accessibility audits. Nothing
// pasted runs or becomes a live element, nothing goes over the network
// after load, huge documents are ready without a page error (their times
// are printed for BENCHMARKS.md, not asserted), and axe-core finds no
// violations in the empty, loaded, error and narrow states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { serve, launch, open, paste, prompt, audit, frames, structure, DIST } from './harness.mjs';
import { isTokenizerFile } from '../scripts/tokenizer-files.mjs';
import { isDeferredFile } from '../scripts/split-files.mjs';

const fixture = (p) => readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url), 'utf8');

let server, browser;
before(async () => {
  server = await serve('/p/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});


const HOSTILE = `---
name: <script>window.__pwned = 'name'</script>
description: <img src=x onerror="window.__pwned = 'description'">
color: "javascript:window.__pwned = 'color'"
---
# Evil <svg onload="window.__pwned = 'heading'"></svg>

<script>window.__pwned = 'script'</script>

<iframe src="javascript:window.__pwned = 'iframe'"></iframe>

<style>body { display: none !important; }</style>

- A [harmless looking link](javascript:window.__pwned='link') in a list
- <img src=x onerror="window.__pwned = 'img'"> inline image
- <a href="javascript:window.__pwned='anchor'">raw anchor</a>
- ![pic](javascript:window.__pwned='image')

<details open ontoggle="window.__pwned = 'details'"><summary>x</summary></details>
`;

/** Sets the document as a paste's input event would, in the page (no clipboard). */
const pasteInPage = async (text) => {
  const box = document.getElementById('document');
  const out = document.getElementById('prompt');
  const before = out.textContent;
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  const deadline = performance.now() + 20000;
  while (out.textContent === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 0));
};

/**
 * Pastes `text` with a real Ctrl+V over a small document and resolves to
 * the milliseconds from the key to the end of the first frame after the
 * prompt changed (a task queued in that frame's animation callback runs
 * after its layout and paint).
 */
async function timedPaste(page, text) {
  await page.evaluate(pasteInPage, '# Start\n');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('textbox', { name: 'Persona document' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(() => {
    const t = (window.__paste = {});
    const out = document.getElementById('prompt');
    const before = out.textContent;
    document.addEventListener('keydown', () => { t.start = performance.now(); }, { capture: true, once: true });
    const seen = new MutationObserver(() => {
      if (out.textContent === before) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => { t.ms = performance.now() - t.start; }, 0));
    });
    seen.observe(out, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(() => window.__paste.ms !== undefined, null, { timeout: 30000 });
  return page.evaluate(() => window.__paste.ms);
}

test('hostile documents stay text: no script runs, no live element or link comes from the paste', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, HOSTILE);
  await structure(page).getByText('harmless looking link').waitFor();
  // A pasted handler or script would have run by the next rendering updates.
  await frames(page, 3);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const live = await page.evaluate(() => {
    const main = document.querySelector('main');
    const bad = main.querySelectorAll('script, iframe, img, svg, style, object, embed, details, link, meta');
    // The app's own links within the page ("Largest parts", the outline)
    // are fine; any other link would have come from the paste.
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => !/^#unit-[0-9a-f]+$/.test(h));
    const handlers = [...main.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'));
    // The prompt pane's own disclosures (its tools, the export's preview)
    // are the app's; any other would have come from the paste.
    const own = (e) => e.matches('details.tool, details.preview');
    return { bad: [...bad].filter((e) => !own(e)).map((e) => e.tagName), links, handlers };
  });
  assert.deepEqual(live, { bad: [], links: [], handlers: [] });
  // The page is still visible (the pasted <style> did nothing) and shows the markup as text.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block');
  const text = await structure(page).textContent();
  assert.ok(text.includes('<script>'), 'script tags show as text');
  assert.ok(text.includes('javascript:window.__pwned'), 'link URLs show as text');
  assert.ok((await prompt(page)).includes('<iframe'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('after load the app makes no network request through paste, toggle, copy, share, import and export', async () => {
  // Everything the browser asks for, the service worker's own fetches
  // included: same-origin GETs of the app's files only, and none that
  // carries document text. The page itself asks for nothing but the
  // tokenizer worker's files, which it loads once the app is usable, and
  // the panels' code, which it loads after the first structure.
  const files = new Set(readdirSync(DIST, { recursive: true }).map((f) => `${server.url}${f}`));
  files.add(server.url);
  const all = [];
  const { page, errors, context } = await open(browser, server.url);
  context.on('request', (r) => all.push(r));
  await page.waitForLoadState('networkidle');
  const requests = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('blob:') && !r.url().startsWith('data:')) requests.push(`${r.method()} ${r.url()}`);
  });
  await paste(page, fixture('claude-agent.md'));
  await structure(page).getByRole('checkbox', { name: 'Declare the incident and its severity.' }).uncheck();
  await page.getByRole('radio', { name: 'Clean Markdown' }).check();
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await page.getByText('Copied', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText('Share link copied').waitFor();
  await page.getByLabel('Open files').setInputFiles({ name: 'AGENTS.md', mimeType: 'text/markdown', buffer: Buffer.from(fixture('AGENTS.md')) });
  await structure(page).getByText('AGENTS.md / CLAUDE.md').waitFor();
  await page.getByLabel('Export as').selectOption({ label: 'Cursor rule (.mdc)' });
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  // A document is open, so the empty state's example is not offered.
  assert.equal(await page.getByRole('button', { name: 'Try an example' }).count(), 0);
  await page.waitForLoadState('networkidle');
  console.log(`network requests after load: ${requests.length} by the page, ${all.length} in all (the service worker caching the app)`);
  // The tokenizer's files and the panels' code, loaded after the first
  // structure: the app's own files, fetched by GET.
  const own = (r) => r.startsWith('GET ') && (isTokenizerFile(r.slice(4)) || isDeferredFile(r.slice(4))) && files.has(r.slice(4));
  assert.deepEqual(requests.filter((r) => !own(r)), []);
  const foreign = all.filter((r) => r.method() !== 'GET' || !files.has(r.url().split('?')[0]));
  assert.deepEqual(foreign.map((r) => `${r.method()} ${r.url()}`), [], 'only GETs of the app\'s own files');
  assert.deepEqual(errors, []);
  await context.close();
});

const rules = (n) => Array.from({ length: n }, (_, i) => `- Guideline ${i}: answer precisely and cite the source of every claim you make.`).join('\n');
const noise = () => {
  let s = '';
  let x = 12345;
  for (let i = 0; i < 200000; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += String.fromCharCode(x % 0xd7ff);
  }
  return s;
};
const HUGE = [
  ['20,000 guidelines (1.6 MB)', () => `# Many\n\n${rules(20000)}\n`],
  ['a single 1 MB line', () => 'word '.repeat(200000)],
  ['a list nested 3,000 deep', () => `${'- '.repeat(3000)}deep\n`],
  ['a quote nested 5,000 deep', () => `${'>'.repeat(5000)} deep\n`],
  ['binary noise', noise],
  ['NUL, right-to-left, emoji and ZWJ sequences', () => 'שלום עולם\u0000\u202eabc 👩‍👩‍👧‍👦 🏳️‍🌈\n- עברית\n- 👨‍💻 code\n'.repeat(2000)],
];

test('huge and odd documents are ready without a page error (times printed)', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const times = [];
  for (const [name, make] of HUGE) {
    const ms = await timedPaste(page, make());
    times.push(`| ${name} | ${Math.round(ms)} ms |`);
    await structure(page).getByRole('heading').first().waitFor();
    assert.deepEqual(errors, [], name);
    // Still responsive: a toggle works after the paste.
    await page.getByRole('button', { name: 'Select none' }).click();
    await page.getByRole('button', { name: 'Select all' }).click();
  }
  // Where the app limits what it renders, it says so.
  await page.evaluate(pasteInPage, `# Many\n\n${rules(20000)}\n`);
  await structure(page).getByText(/Showing the first [\d,]+ of [\d,]+/).waitFor();
  console.log(`| Document | Ctrl+V → prompt, frame done |\n|---|---|\n${times.join('\n')}`);
  await context.close();
});

test('a large paste is parsed and used, and the text box shows it only when asked', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const doc = `# Many\n\n${rules(5000)}\n`;
  await paste(page, doc);
  await structure(page).getByRole('heading', { name: 'Many' }).waitFor();
  const box = page.getByRole('textbox', { name: 'Persona document' });
  await page.getByRole('status').filter({ hasText: /This document is large \(\d+ KB, 5,002 lines\)/ }).waitFor();
  assert.equal(await box.isVisible(), false);
  assert.equal(await prompt(page), doc);
  // The focus the box had is on the notice's button; Enter shows the text.
  const show = page.getByRole('button', { name: 'Show the text' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Show the text');
  await page.keyboard.press('Enter');
  await box.waitFor();
  assert.equal(await show.isVisible(), false);
  assert.equal(await box.inputValue(), doc);
  // While the box hides a document, a file dropped on the notice still opens.
  await paste(page, doc);
  await show.waitFor();
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['# Dropped\n\n- one\n'], 'dropped.md', { type: 'text/markdown' }));
    return dt;
  });
  await page.getByRole('status').filter({ hasText: 'This document is large' }).dispatchEvent('drop', { dataTransfer: drop });
  await structure(page).getByRole('heading', { name: 'Dropped' }).waitFor();
  assert.equal(await box.inputValue(), '# Dropped\n\n- one\n');
  assert.deepEqual(errors, []);
  await context.close();
});

async function clean(page, label) {
  assert.deepEqual(await audit(page), [], `${label}: axe violations`);
}

test('axe-core finds no violations: empty, loaded, error, narrow and large-document states, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    // bypassCSP lets the audit inject axe; the app itself runs as usual.
    const { page, errors, context } = await open(browser, server.url, { bypassCSP: true, colorScheme });
    await clean(page, `empty (${colorScheme})`);
    await paste(page, fixture('claude-agent.md'));
    await structure(page).getByRole('heading', { name: 'incident-commander' }).waitFor();
    await page.getByLabel('Export as').selectOption({ label: 'Cursor rule (.mdc)' });
    await clean(page, `loaded (${colorScheme})`);
    await paste(page, fixture('unterminated-frontmatter.md'));
    await structure(page).getByRole('alert').first().waitFor();
    await page.goto(`${server.url}#share=1.AAAA$$`);
    await page.getByRole('alert').filter({ hasText: 'share link' }).waitFor();
    await clean(page, `error (${colorScheme})`);
    await page.setViewportSize({ width: 375, height: 800 });
    await clean(page, `narrow (${colorScheme})`);
    await paste(page, `# Many\n\n${rules(5000)}\n`);
    // A paste shows the Structure tab; the notice is on the Document tab.
    await page.getByRole('tab', { name: 'Document' }).click();
    await page.getByRole('button', { name: 'Show the text' }).waitFor();
    await clean(page, `large document (${colorScheme})`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('keyboard only: the tab order follows the panes, Space toggles, Enter renames', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, fixture('AGENTS.md'));
  await structure(page).getByText('AGENTS.md / CLAUDE.md').waitFor();
  // Start sequential navigation from the top of the page.
  await page.getByRole('heading', { name: 'Persona Playground' }).click();
  const order = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const e = document.activeElement;
        const pane = e?.closest('.library, .document, .structure, .prompt');
        return pane ? pane.className.split(' ').find((c) => ['library', 'document', 'structure', 'prompt'].includes(c)) : 'other';
      }),
    );
  }
  const firsts = order.filter((p, i) => p !== order[i - 1]);
  assert.deepEqual(firsts.slice(0, 4), ['library', 'document', 'structure', 'prompt'], order.join(' '));
  // Space toggles a focused item checkbox.
  const item = structure(page).getByRole('checkbox', { name: 'Keep pull requests under 400 lines.' });
  await item.focus();
  await page.keyboard.press('Space');
  assert.equal(await item.isChecked(), false);
  assert.ok(!(await prompt(page)).includes('400 lines'));
  // Rename from the keyboard.
  await page.getByRole('button', { name: 'Rename AGENTS.md' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Repo rules');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Repo rules', exact: true }).waitFor();
  // Focus is visible.
  await item.focus();
  const outline = await item.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(errors, []);
  await context.close();
});
