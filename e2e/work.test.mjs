// Nothing a person does is lost behind their back (issue 26): a paste into
// a box that was just emptied starts a new document and keeps the one
// before; a document typed by hand is its own original; a line typed just
// before an edit of the structure stays; a paste into full storage says so
// at once and saves once there is room; after one tokenizer fails the
// other still starts; a download's URL outlives its click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, paste, waitPrompt, useApp, structure, library, whenSaved, INDEX_KEY, DOC_PREFIX } from './harness.mjs';
import { isTokenizerFile } from '../scripts/tokenizer-files.mjs';

const app = useApp();
const fixture = (p) => readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url), 'utf8');
const EXAMPLE = fixture('webcopy/rust-reviewer.md');
const saved = (page) => library(page).getByRole('list', { name: 'Saved documents' });

/** The saved documents' names and texts, from storage. */
function stored(page) {
  return page.evaluate(([indexKey, docPrefix]) => {
    const index = JSON.parse(localStorage.getItem(indexKey) || '{"docs":[]}');
    return index.docs.map((d) => {
      const doc = JSON.parse(localStorage.getItem(`${docPrefix}${d.id}`) || 'null');
      return { name: d.name, text: doc?.text };
    });
  }, [INDEX_KEY, DOC_PREFIX]);
}

test('Ctrl+A, Backspace, then a paste: a new document, and the one before is still in the library', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  await saved(page).getByRole('button', { name: 'rust-reviewer', exact: true }).waitFor();
  await whenSaved(page);
  const box = page.getByRole('textbox', { name: 'Persona document' });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.evaluate((t) => navigator.clipboard.writeText(t), fixture('claude-agent.md'));
  await page.keyboard.press('ControlOrMeta+V');
  await structure(page).getByRole('heading', { name: 'incident-commander' }).waitFor();
  await library(page).getByText('Pasted as a new document; “rust-reviewer” is still in the library.').waitFor();
  // The new document is its own original: nothing changed, nothing to revert.
  await page.getByRole('button', { name: 'Changes' }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  assert.equal(await changes.getByRole('button', { name: 'Revert to original' }).isDisabled(), true);
  assert.equal(await changes.locator('del, ins').count(), 0);
  // The example is in the library as it was, not emptied.
  await whenSaved(page);
  const docs = await stored(page);
  assert.deepEqual(docs.map((d) => d.name).sort(), ['incident-commander', 'rust-reviewer']);
  assert.equal(docs.find((d) => d.name === 'rust-reviewer').text, EXAMPLE);
  await saved(page).getByRole('button', { name: 'rust-reviewer', exact: true }).click();
  await waitPrompt(page, (p) => p.startsWith('# Rust Reviewer'));
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).inputValue(), EXAMPLE);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a document typed at ten keys a second, then one item off: Changes shows only that item removed', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const text = '# Reviewer\n\n- one\n- two\n- three';
  await page.getByRole('textbox', { name: 'Persona document' }).focus();
  await page.keyboard.type(text, { delay: 100 });
  await waitPrompt(page, (p) => p === text);
  await structure(page).getByRole('checkbox', { name: 'two', exact: true }).uncheck();
  await waitPrompt(page, (p) => !p.includes('two'));
  await page.getByRole('button', { name: 'Changes' }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  await changes.waitFor();
  assert.deepEqual(await changes.locator('ins').allTextContents(), [], 'nothing typed shows as added');
  const removed = (await changes.locator('del').allTextContents()).join('');
  assert.match(removed, /^\s*- two\s*$/, `removed: ${JSON.stringify(removed)}`);
  assert.match(await changes.getByRole('status').textContent(), /^1 guideline off( · [−+][\d,]+ tokens)?$/);
  // Revert brings back the typed text, not its first key.
  await changes.getByRole('button', { name: 'Revert to original' }).click();
  await waitPrompt(page, (p) => p === text);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a line typed just before F2 and Enter stays in the document', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, '# Rules\n\n- alpha\n- beta\n');
  await structure(page).getByRole('checkbox', { name: 'alpha', exact: true }).waitFor();
  // Typing, F2 on a guideline, a change and Enter, all within the re-parse
  // delay: between them run only microtasks, never the re-parse's timer.
  await page.evaluate(async () => {
    const box = document.getElementById('document');
    box.value += '- typed just now\n';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    const alpha = [...document.querySelectorAll('input[type=checkbox]')].find(
      (c) => c.closest('label')?.textContent.trim() === 'alpha',
    );
    alpha.focus();
    alpha.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true, cancelable: true }));
    let editor = null;
    for (let i = 0; i < 100 && !editor; i++) {
      await Promise.resolve();
      editor = document.querySelector('.editor textarea');
    }
    editor.value = 'alpha, edited';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  });
  const p = await waitPrompt(page, (t) => t.includes('alpha, edited'));
  assert.ok(p.includes('- typed just now'), `the typed line is gone: ${JSON.stringify(p)}`);
  // The document box shows the edited text a frame after the prompt.
  await page.waitForFunction((text) => document.getElementById('document').value === text, p);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a paste into full storage says so within a second, keeps the text, and saves once there is room', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, '# First\n\n- one\n');
  await saved(page).getByRole('button', { name: 'First', exact: true }).waitFor();
  await whenSaved(page);
  // Fill the origin's storage, then free a kilobyte: a small write (the
  // library's list) still fits, a document does not.
  const fillers = await page.evaluate(() => {
    const keys = [];
    for (const size of [1 << 20, 1 << 16, 1 << 10]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        const key = `filler/${keys.length}`;
        try {
          localStorage.setItem(key, chunk);
          keys.push(key);
        } catch {
          break;
        }
      }
    }
    localStorage.removeItem(keys.pop());
    return keys;
  });
  assert.ok(fillers.length > 3, `${fillers.length} filler keys`);
  // Bigger than the room left (a few kilobytes).
  const rules = Array.from({ length: 60 }, (_, i) => `- Keep rule ${i} of the incident log current.`).join('\n');
  const text = `${fixture('claude-agent.md')}\n## Log\n\n${rules}\n`;
  await paste(page, text);
  const alert = library(page).getByRole('alert').filter({ hasText: 'Browser storage is full' });
  await alert.waitFor({ timeout: 1000 });
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).inputValue(), text, 'the pasted text is on the page');
  // Room again: the next try saves it, and the alert goes.
  await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
  await alert.waitFor({ state: 'detached', timeout: 15_000 });
  const docs = await stored(page);
  assert.equal(docs.find((d) => d.name === 'incident-commander')?.text, text);
  assert.equal(docs.find((d) => d.name === 'First')?.text, '# First\n\n- one\n');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one tokenizer fails to load, choosing the other starts it', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const o200k = (url) => isTokenizerFile(url) && url.pathname.endsWith('_bg.wasm') && url.pathname.includes('o200k');
  await context.route(o200k, (route) => route.fulfill({ status: 404, body: '' }));
  await paste(page, '# Counted\n\n- Count these words exactly.\n');
  const costs = page.getByRole('region', { name: 'What it costs' });
  await costs.getByText('The tokenizer could not load: counts are estimates (≈).').waitFor({ timeout: 15_000 });
  await costs.getByRole('combobox', { name: 'Tokenizer' }).selectOption({ label: 'cl100k_base (GPT-4, GPT-3.5)' });
  await costs.getByText('Counts are exact').waitFor({ timeout: 15_000 });
  const selection = page.getByRole('region', { name: 'Assembled prompt' }).getByRole('definition').first();
  assert.match(await selection.textContent(), /[^≈\d,][\d,]+ tokens$/);
  // Back to the one that failed: it is not tried again, and says so.
  await costs.getByRole('combobox', { name: 'Tokenizer' }).selectOption({ label: 'o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series)' });
  await costs.getByText('The tokenizer could not load').waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes('404') && !e.includes('Failed to load') && !e.includes('WebAssembly')), []);
  await context.close();
});

test('a download\'s object URL is not revoked by its click', async () => {
  // Some browsers cancel a download whose URL is revoked right after the
  // click: the app revokes it later. (bypassCSP lets the test read the
  // blob: URL; the app's CSP allows it no connection.)
  const { page, errors, context } = await open(app.browser, app.server.url, {
    bypassCSP: true,
    initScript: () => {
      const create = URL.createObjectURL.bind(URL);
      const revoke = URL.revokeObjectURL.bind(URL);
      window.__made = [];
      window.__revoked = [];
      URL.createObjectURL = (blob) => {
        const url = create(blob);
        window.__made.push(url);
        return url;
      };
      URL.revokeObjectURL = (url) => {
        window.__revoked.push(url);
        revoke(url);
      };
    },
  });
  await paste(page, '# Kept\n\n- exported\n');
  await structure(page).getByRole('checkbox', { name: 'exported' }).waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const { revoked, body } = await page.evaluate(async () => {
    const url = window.__made.at(-1);
    const revoked = window.__revoked.includes(url);
    const body = await fetch(url).then((r) => r.text(), (e) => `unreadable: ${e}`);
    return { revoked, body };
  });
  assert.equal(revoked, false, 'revoked at its click');
  assert.equal(body, '# Kept\n\n- exported\n');
  assert.deepEqual(errors, []);
  await context.close();
});
