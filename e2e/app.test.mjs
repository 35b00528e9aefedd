// End-to-end flows a person performs, in Debian's Chromium: paste, read the
// structure, toggle, switch styles, copy, use only the keyboard, open a
// file, and load the app from a sub-path. Elements are found by role and
// accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, open, paste, prompt, structure } from './harness.mjs';

const fixture = (p) => readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url), 'utf8');
const body = (doc) => doc.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '');

let server, rootServer, browser;
before(async () => {
  server = await serve('/team/tools/persona-playground/');
  rootServer = await serve('/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  rootServer?.close();
});


test('a pasted document (Ctrl+V) shows its structure and prompt', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const doc = fixture('claude-agent.md');
  await paste(page, doc);
  const region = structure(page);
  await region.getByRole('heading', { name: 'incident-commander' }).waitFor();
  assert.equal(await region.getByRole('heading').first().textContent(), 'incident-commander');
  await region.getByText('Claude Code agent').waitFor();
  const terms = await region.locator('dl.meta dt').allTextContents();
  // Every key in order, but the description: it is the summary above.
  assert.deepEqual(terms.slice(0, 4), ['name', 'tools', 'model', 'color']);
  assert.equal(await region.locator('p.description').count(), 1);
  assert.match(await region.getByRole('list', { name: 'Diagnostics' }).textContent(), /Line 3, column/);
  await region.getByRole('group', { name: 'Responsibilities' }).waitFor();
  await region.getByRole('checkbox', { name: 'Declare the incident and its severity.' }).waitFor();
  assert.equal(await prompt(page), body(doc));
  assert.deepEqual(errors, []);
  await context.close();
});

test('toggling an item and a section changes the prompt; a partial section is mixed', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  const region = structure(page);
  const tokio = region.getByRole('checkbox', { name: 'Tokio for async runtimes' });
  await tokio.uncheck();
  assert.ok(!(await prompt(page)).includes('Tokio'));
  assert.ok((await prompt(page)).includes('Serde for serialization'));
  const frameworks = region.getByRole('checkbox', { name: 'Frameworks & Libraries', exact: true });
  assert.equal(await frameworks.evaluate((e) => e.indeterminate), true);
  await frameworks.check();
  assert.ok((await prompt(page)).includes('Tokio'));

  const core = region.getByRole('checkbox', { name: 'Core Principles', exact: true });
  await core.uncheck();
  const p = await prompt(page);
  assert.ok(!p.includes('## Core Principles'), 'the heading goes with its section');
  assert.ok(!p.includes('Ownership first'));
  assert.ok(p.includes('Frameworks & Libraries'));

  // A nested item keeps the parent line it hangs under.
  await region.getByRole('checkbox', { name: 'Serde for serialization' }).uncheck();
  await region.getByRole('checkbox', { name: 'serde_json for JSON payloads' }).check();
  const q = await prompt(page);
  assert.ok(q.includes('Serde for serialization') && q.includes('serde_json'));

  await region.getByRole('button', { name: 'Select none' }).click();
  assert.equal(await prompt(page), '');
  await region.getByRole('button', { name: 'Select all' }).click();
  assert.ok((await prompt(page)).includes('## Core Principles'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('both output styles: Original keeps the paste, Clean Markdown repairs a web copy', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const web = fixture('webcopy/rust-reviewer.txt');
  await paste(page, web);
  await structure(page).getByText('Plain-text web copy').waitFor();
  const original = page.getByRole('radio', { name: 'Original' });
  const clean = page.getByRole('radio', { name: 'Clean Markdown' });
  assert.equal(await original.isChecked(), true, 'Original is the default');
  assert.ok((await prompt(page)).includes('- •'));
  await clean.check();
  const p = await prompt(page);
  assert.ok(p.includes('## Core Principles'), p.slice(0, 400));
  assert.ok(p.includes('- Ownership first'));
  assert.ok(!p.includes('•'));
  await original.check();
  assert.ok((await prompt(page)).includes('- •'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a heading with nothing under it reads as a heading, not an empty box', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, '# Doc\n\n## Extracted prompt\n\n## Rules\n\n- Be brief.\n');
  const region = structure(page);
  const border = (name) =>
    region.getByRole('group', { name, exact: true }).evaluate((el) => getComputedStyle(el).borderTopStyle);
  await region.getByRole('checkbox', { name: 'Be brief.' }).waitFor();
  assert.equal(await border('Extracted prompt'), 'none');
  assert.equal(await border('Rules'), 'solid');
  // It is still a section that can be switched off.
  await region.getByRole('checkbox', { name: 'Extracted prompt', exact: true }).uncheck();
  assert.ok(!(await prompt(page)).includes('Extracted prompt'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a card field shows its lines; a wrapped Markdown paragraph reads as one line', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const region = structure(page);
  const shown = (name) => region.getByRole('checkbox', { name }).locator('xpath=..').evaluate((l) => l.innerText.trim());
  await paste(page, JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Aria', description: 'Kind.\nPatient.' } }));
  await region.getByText('Character card', { exact: true }).waitFor();
  assert.equal(await shown('Kind. Patient.'), 'Kind.\nPatient.');

  await paste(page, '# Aria\n\nWraps\nhere.\n\nEnds with a hard break  \nthen more.\n');
  await region.getByRole('checkbox', { name: 'Wraps here.' }).waitFor();
  assert.equal(await shown('Wraps here.'), 'Wraps here.');
  assert.equal(await shown('Ends with a hard break then more.'), 'Ends with a hard break\nthen more.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('long metadata keys wrap and leave their values room', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const key = 'tools[0].input_schema.properties.command.description';
  await paste(page, `{"system": "You are a data bot that answers briefly.", "${key}": "The command to run in the shell"}`);
  const region = structure(page);
  const meta = region.getByRole('definition').filter({ hasText: 'The command to run in the shell' });
  await meta.waitFor();
  const [dd, pane] = [await meta.boundingBox(), await region.boundingBox()];
  assert.ok(dd.width >= pane.width * 0.4, `value column ${dd.width}px of ${pane.width}px`);
  assert.ok(dd.x + dd.width <= pane.x + pane.width, 'the value stays inside the pane');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Copy prompt puts exactly the prompt on the clipboard', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  await structure(page).getByRole('checkbox', { name: 'Axum for HTTP services' }).uncheck();
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await prompt(page));
  assert.ok(!copied.includes('Axum'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('without the Clipboard API (plain http) Copy falls back to the copy command', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.getByRole('button', { name: 'Try an example' }).click();
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  const reader = await context.newPage();
  await reader.goto(server.url);
  const copied = await reader.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await prompt(page));
  // The share link falls back the same way, and copies the link itself.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText('Share link copied').waitFor();
  const link = await reader.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/.*#share=2\./);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: example, toggle with Space, switch style, copy with Ctrl+Shift+C', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return e ? (e.labels?.[0]?.textContent || e.textContent || e.getAttribute('aria-label') || e.id).trim() : '';
  });
  // Tab from the top until "Try an example" has focus.
  for (let i = 0; i < 10 && (await focused()) !== 'Try an example'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Try an example');
  await page.keyboard.press('Enter');
  await structure(page).getByRole('heading', { name: 'rust-reviewer' }).waitFor();
  // Tab on to the first guideline checkbox and switch it off with Space.
  for (let i = 0; i < 40 && (await focused()) !== 'Rust Reviewer'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.match(await focused(), /^You are a senior Rust engineer/);
  await page.keyboard.press('Space');
  assert.ok(!(await prompt(page)).includes('You are a senior Rust engineer'));
  // Reach the style radios and pick Clean Markdown with the arrow key.
  for (let i = 0; i < 80 && (await focused()) !== 'Original'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Original');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: 'Clean Markdown' }).isChecked(), true);
  await page.keyboard.press('Control+Shift+C');
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await prompt(page));
  // The prompt box is next; in it Ctrl+A selects the prompt (not the page)
  // and Ctrl+C copies exactly it: Chromium's own plain text of the
  // selection would leave out the final line break.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'prompt');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  const whole = await prompt(page);
  await page.keyboard.press('ControlOrMeta+A');
  assert.equal(await page.evaluate(() => getSelection().toString()), whole.replace(/\n$/, ''));
  await page.keyboard.press('ControlOrMeta+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), whole);
  assert.deepEqual(errors, []);
  await context.close();
});

test('selecting and copying in the prompt copies exactly the selection, across long lines', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const long = Array.from({ length: 4000 }, (_, i) => `word${i}`).join(' ');
  await paste(page, `# Long lines\n\n${long}\n\n- a short item\n`);
  await structure(page).getByRole('heading', { name: 'Long lines' }).waitFor();
  const box = page.getByRole('textbox', { name: 'Assembled prompt' });
  // The long line is shown in several pieces, which a plain selection copy
  // would join with line breaks.
  assert.ok((await box.locator('.piece').count()) > 3);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await prompt(page));
  assert.ok(copied.includes(long));
  assert.deepEqual(errors, []);
  await context.close();
});

test('typing re-parses, and selections survive edits elsewhere', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  const region = structure(page);
  await region.getByRole('checkbox', { name: 'Tokio for async runtimes' }).uncheck();
  const box = page.getByRole('textbox', { name: 'Persona document' });
  await box.press('ControlOrMeta+End');
  await box.pressSequentially('\n## Added Later\n\n- brand new rule\n', { delay: 5 });
  await region.getByRole('checkbox', { name: 'brand new rule' }).waitFor();
  assert.equal(await region.getByRole('checkbox', { name: 'Tokio for async runtimes' }).isChecked(), false);
  const p = await prompt(page);
  assert.ok(p.includes('brand new rule') && !p.includes('Tokio'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file opened with the picker is parsed with its name as a hint', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.getByLabel('Open files').setInputFiles({
    name: 'typescript.mdc',
    mimeType: 'text/markdown',
    buffer: Buffer.from(fixture('cursor-rule.mdc')),
  });
  const region = structure(page);
  await region.getByText('Cursor rule', { exact: true }).waitFor();
  const alert = region.getByRole('alert');
  assert.match(await alert.first().textContent(), /alwaysApply/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the app works from the root and from a sub-path, with no CSP violation', async () => {
  for (const url of [rootServer.url, server.url]) {
    const { page, errors, context } = await open(browser, url);
    await page.getByRole('button', { name: 'Try an example' }).click();
    await structure(page).getByRole('heading', { name: 'rust-reviewer' }).waitFor();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.deepEqual(errors, [], url);
    await context.close();
  }
});
