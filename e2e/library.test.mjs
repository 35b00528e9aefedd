// End-to-end flows of the library, share links, import and export: reload
// and restart keep the work, a share link opens the same prompt in a fresh
// browser, damaged links and full or damaged storage are handled, files
// import by picker and by drop, and every export format parses back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { serve, launch, open, paste, prompt, structure, library, whenSaved, INDEX_KEY, DOC_PREFIX } from './harness.mjs';

const fixture = (p) => readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url), 'utf8');

let server, browser;
before(async () => {
  server = await serve('/tools/persona-playground/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const saved = (page) => library(page).getByRole('list', { name: 'Saved documents' });

/** Waits until the open document's saved copy matches what the page shows. */
async function settled(page) {
  await page.waitForFunction(([indexKey, docPrefix]) => {
    const index = JSON.parse(localStorage.getItem(indexKey) || 'null');
    if (!index?.current) return false;
    const doc = JSON.parse(localStorage.getItem(`${docPrefix}${index.current}`) || 'null');
    return doc && doc.text === document.getElementById('document').value;
  }, [INDEX_KEY, DOC_PREFIX]);
  // The debounced save of the latest toggle.
  await whenSaved(page);
}

test('reload and a browser restart keep the document, selection and style', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, fixture('claude-agent.md'));
  const item = structure(page).getByRole('checkbox', { name: 'Declare the incident and its severity.' });
  await item.uncheck();
  await page.getByRole('radio', { name: 'Clean Markdown' }).check();
  const before = await prompt(page);
  assert.ok(!before.includes('Declare the incident'));
  await settled(page);

  await page.reload();
  await structure(page).getByRole('heading', { name: 'incident-commander' }).waitFor();
  assert.equal(await prompt(page), before);
  assert.equal(await item.isChecked(), false);
  assert.equal(await page.getByRole('radio', { name: 'Clean Markdown' }).isChecked(), true);
  await saved(page).getByRole('button', { name: 'incident-commander', exact: true }).waitFor();

  // A restart: a new browser context with the same storage.
  const state = await context.storageState();
  const second = await open(browser, server.url, { storageState: state });
  await structure(second.page).getByRole('heading', { name: 'incident-commander' }).waitFor();
  assert.equal(await prompt(second.page), before);
  assert.deepEqual([...errors, ...second.errors], []);
  await second.context.close();
  await context.close();
});

test('pasting over a whole document starts a new one; the old one is kept', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, fixture('AGENTS.md'));
  await settled(page);
  await paste(page, fixture('claude-agent.md'));
  await library(page).getByText('Pasted as a new document; “AGENTS.md” is still in the library.').waitFor();
  await saved(page).getByRole('button', { name: 'incident-commander', exact: true }).waitFor();
  await settled(page);
  assert.equal(await saved(page).getByRole('listitem').count(), 2);
  await saved(page).getByRole('button', { name: 'AGENTS.md', exact: true }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).inputValue(), fixture('AGENTS.md'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a saved name breaks only between words, and never overflows the list', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const list = saved(page);
  // Lines the name's button takes, from its height and its line height.
  const lines = (button) =>
    button.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  const inside = (button) =>
    button.evaluate((el) => el.getBoundingClientRect().right <= el.closest('ul').getBoundingClientRect().right + 0.5);

  // A one-word name that fits the row takes one line, not two halves of a word.
  await paste(page, '# cluely_20250512\n\nSource: somewhere.\n');
  const short = list.getByRole('button', { name: 'cluely_20250512', exact: true });
  await short.waitFor();
  assert.equal(await lines(short), 1);
  assert.ok(await inside(short));

  // A name longer than the row gets the row to itself, the actions below it.
  const long = 'Welcome to the repository of an open source agent framework';
  await page.getByRole('button', { name: 'New document' }).click();
  await paste(page, `# ${long}\n\nText.\n`);
  const named = list.getByRole('button', { name: long, exact: true });
  await named.waitFor();
  const nameBox = await named.boundingBox();
  const renameBox = await list.getByRole('button', { name: `Rename ${long}` }).boundingBox();
  assert.ok(renameBox.y >= nameBox.y + nameBox.height - 1, 'actions sit below a long name');
  assert.ok(await inside(named));

  // An unbroken name longer than the row is broken, but stays inside the list.
  const word = 'x'.repeat(70);
  await page.getByRole('button', { name: 'New document' }).click();
  await paste(page, `# ${word}\n\nText.\n`);
  const unbroken = list.getByRole('button', { name: word, exact: true });
  await unbroken.waitFor();
  assert.ok(await inside(unbroken));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the library renames, duplicates, and deletes with undo', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, fixture('claude-agent.md'));
  await settled(page);
  const list = saved(page);
  await list.getByRole('button', { name: 'Rename incident-commander' }).click();
  const name = list.getByRole('textbox', { name: 'New name' });
  await name.fill('On-call lead');
  await name.press('Enter');
  await list.getByRole('button', { name: 'On-call lead', exact: true }).waitFor();

  await list.getByRole('button', { name: 'Duplicate On-call lead' }).click();
  await list.getByRole('button', { name: 'On-call lead (copy)', exact: true }).waitFor();
  assert.equal(await list.getByRole('listitem').count(), 2);

  await list.getByRole('button', { name: 'Delete On-call lead', exact: true }).click();
  assert.equal(await list.getByRole('listitem').count(), 1);
  await library(page).getByText('Deleted “On-call lead”.').waitFor();
  await library(page).getByRole('button', { name: 'Undo' }).click();
  await list.getByRole('button', { name: 'On-call lead', exact: true }).waitFor();
  assert.equal(await list.getByRole('listitem').count(), 2);

  // The rename survives a reload.
  await page.reload();
  await saved(page).getByRole('button', { name: 'On-call lead', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link opens the identical prompt in a fresh browser and is added without overwriting', async () => {
  const a = await open(browser, server.url);
  await paste(a.page, fixture('webcopy/rust-reviewer.txt'));
  await structure(a.page).getByRole('checkbox', { name: 'Tokio for async runtimes' }).uncheck();
  await a.page.getByRole('radio', { name: 'Clean Markdown' }).check();
  const want = await prompt(a.page);
  await a.page.getByRole('button', { name: 'Copy share link' }).click();
  await a.page.getByText('Share link copied').waitFor();
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#share=2\.[A-Za-z0-9_-]+$/);
  assert.ok(link.startsWith(server.url));

  // A fresh browser that already has a document of its own.
  const b = await open(browser, server.url);
  await paste(b.page, fixture('AGENTS.md'));
  await settled(b.page);
  await b.page.goto(link);
  await b.page.getByRole('region', { name: 'Shared document' }).waitFor();
  await structure(b.page).getByRole('checkbox', { name: 'Tokio for async runtimes' }).waitFor();
  assert.equal(await prompt(b.page), want);
  assert.equal(await b.page.getByRole('radio', { name: 'Clean Markdown' }).isChecked(), true);
  assert.equal(await saved(b.page).getByRole('listitem').count(), 1, 'not saved before it is added');
  await b.page.getByRole('button', { name: 'Add to library' }).click();
  await saved(b.page).getByRole('listitem').nth(1).waitFor();
  await settled(b.page);
  assert.equal(await saved(b.page).getByRole('listitem').count(), 2);
  assert.ok(!b.page.url().includes('#share='), 'the fragment is cleared once added');
  // The document that was there is untouched.
  await saved(b.page).getByRole('button', { name: 'AGENTS.md', exact: true }).click();
  assert.equal(await b.page.getByRole('textbox', { name: 'Persona document' }).inputValue(), fixture('AGENTS.md'));
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.context.close();
  await b.context.close();
});

test('a long share link comes with a warning', async () => {
  const { page, errors, context } = await open(browser, server.url);
  // Varied text, so that it does not compress to almost nothing.
  const rules = Array.from({ length: 300 }, (_, i) => `- Rule ${i}: ${((i + 1) * 2654435761 % 4294967296).toString(36)} ${(i * 7919).toString(16)}`);
  await paste(page, `# Long\n\n${rules.join('\n')}\n`);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByText(/Share link copied\. It is [\d,]+ characters long/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged or cut-off share link says so and leaves the library alone', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await paste(page, fixture('AGENTS.md'));
  await settled(page);
  const storage = await page.evaluate(() => JSON.stringify(localStorage));
  await page.goto(`${server.url}#share=1.AAAA$$$$`);
  await page.getByRole('alert').filter({ hasText: 'This share link is damaged' }).waitFor();
  await page.goto('about:blank');
  await page.goto(`${server.url}#share=1.q1YqSa0oUbJSUkrOz8nMTVUqzy`);
  const alert = page.getByRole('alert').filter({ hasText: /This share link is (incomplete|damaged)/ });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Your library is unchanged/);
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).inputValue(), fixture('AGENTS.md'));
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), storage);
  assert.deepEqual(errors, []);
  await context.close();
});

test('files import by picker and by drop; binary and unsupported files are named', async () => {
  const { page, errors, context } = await open(browser, server.url);
  await page.getByLabel('Open files').setInputFiles([
    { name: 'SKILL.md', mimeType: 'text/markdown', buffer: Buffer.from(fixture('skill/SKILL.md')) },
    { name: 'rule.mdc', mimeType: 'text/plain', buffer: Buffer.from(fixture('cursor-rule.mdc')) },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
    { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from([0x89, 0x50, 0, 0, 0xff, 0xfe, 1]) },
  ]);
  const problems = library(page).getByRole('alert').filter({ hasText: 'was not imported' });
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /“photo\.png” was not imported/);
  assert.match(text, /“notes\.md” was not imported: it is not a text file/);
  await saved(page).getByRole('listitem').nth(1).waitFor();
  assert.equal(await saved(page).getByRole('listitem').count(), 2);
  await structure(page).getByText('Agent Skill').waitFor();

  const drop = await page.evaluateHandle((doc) => {
    const dt = new DataTransfer();
    dt.items.add(new File([doc], 'AGENTS.md', { type: 'text/markdown' }));
    dt.items.add(new File(['# Second\n\n- one\n'], 'second.txt', { type: 'text/plain' }));
    return dt;
  }, fixture('AGENTS.md'));
  await page.getByRole('textbox', { name: 'Persona document' }).dispatchEvent('drop', { dataTransfer: drop });
  await saved(page).getByRole('listitem').nth(3).waitFor();
  await structure(page).getByText('AGENTS.md / CLAUDE.md').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).inputValue(), fixture('AGENTS.md'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('full storage is reported and the app keeps working in memory', async () => {
  const { page, errors, context } = await open(browser, server.url, {
    initScript: () => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    },
  });
  await paste(page, fixture('claude-agent.md'));
  await page.getByRole('alert').filter({ hasText: 'Browser storage is full' }).waitFor();
  const item = structure(page).getByRole('checkbox', { name: 'Declare the incident and its severity.' });
  await item.uncheck();
  assert.ok(!(await prompt(page)).includes('Declare the incident'));
  await saved(page).getByRole('listitem').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('blocked storage is reported and the app works in memory', async () => {
  const { page, errors, context } = await open(browser, server.url, {
    initScript: () => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    },
  });
  await page.getByRole('alert').filter({ hasText: 'Browser storage is blocked' }).waitFor();
  await paste(page, fixture('AGENTS.md'));
  await saved(page).getByRole('button', { name: 'AGENTS.md', exact: true }).waitFor();
  await structure(page).getByRole('checkbox', { name: 'Run npm test before every commit.' }).uncheck();
  assert.ok(!(await prompt(page)).includes('npm test'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('damaged stored data is recovered with a note, never a blank app', async () => {
  const { page, errors, context } = await open(browser, server.url, {
    initScript: ([indexKey, docPrefix]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(indexKey, '{"version":2,"docs":[{"id":');
      localStorage.setItem(
        `${docPrefix}a1`,
        '{"version":2,"id":"a1","name":"Kept","custom_name":true,"text":"# Kept\\n\\n- first rule\\n- second ru',
      );
    },
    initArgs: [INDEX_KEY, DOC_PREFIX],
  });
  const repairs = library(page).getByRole('status', { name: 'Library repairs' });
  await repairs.waitFor();
  const notes = await repairs.textContent();
  assert.match(notes, /rebuilt/);
  assert.match(notes, /recovered up to the damage/);
  await saved(page).getByRole('button', { name: 'Kept', exact: true }).waitFor();
  await structure(page).getByRole('checkbox', { name: 'first rule' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

// Ids that builds before id scheme 2 stored for BETA's items "one" and "two".
const BETA = '# Beta\\n\\n- one\\n- two\\n\\nA paragraph.\\n';
const ONE_SCHEME_1 = 'b9bd46d3d9eafe40';
// A format-1 share link of the same document with "two" switched off.
const TWO_OFF_FORMAT_1 =
  'share=1.FYvLCoAgEAB_RbZrRRYIdavfyA5b2ANkFVuoiP49PQ0zMC-wuRk6yMRgGDVpKoQjk8CXS94LjwG3gH4vNUEOJz_WxMWFYzsIbUxuXaEbYcaqqdtaSSkbpZYWpu8H';

test('a library and a share link saved before ids changed keep their switched-off items', async () => {
  const { page, errors, context } = await open(browser, server.url, {
    initScript: (args) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(args.indexKey, '{"version":2,"current":"b1","docs":[{"id":"b1","name":"Beta"}]}');
      localStorage.setItem(
        `${args.docPrefix}b1`,
        `{"version":2,"id":"b1","name":"Beta","text":"${args.text}","style":"original","excluded":["${args.one}"]}`,
      );
    },
    initArgs: { text: BETA, one: ONE_SCHEME_1, indexKey: INDEX_KEY, docPrefix: DOC_PREFIX },
  });
  await structure(page).getByRole('checkbox', { name: 'one', exact: true }).waitFor();
  assert.equal(await structure(page).getByRole('checkbox', { name: 'one', exact: true }).isChecked(), false);
  assert.equal(await structure(page).getByRole('checkbox', { name: 'two', exact: true }).isChecked(), true);
  assert.ok(!(await prompt(page)).includes('- one'));
  assert.ok((await prompt(page)).includes('- two'));

  await page.goto(`${server.url}#${TWO_OFF_FORMAT_1}`);
  await page.getByRole('region', { name: 'Shared document' }).waitFor();
  await structure(page).getByRole('checkbox', { name: 'two', exact: true }).waitFor();
  assert.equal(await structure(page).getByRole('checkbox', { name: 'two', exact: true }).isChecked(), false);
  assert.equal(await structure(page).getByRole('checkbox', { name: 'one', exact: true }).isChecked(), true);
  assert.ok(!(await prompt(page)).includes('- two'));
  assert.deepEqual(errors, []);
  await context.close();
});

const EXPORTS = [
  { label: 'Prompt as Markdown (.md)', file: /^incident-commander\.md$/ },
  { label: 'Prompt as plain text (.txt)', file: /^incident-commander\.txt$/ },
  { label: 'Claude Code agent (.md)', file: /^incident-commander\.md$/, dialect: 'Claude Code agent', heading: 'incident-commander' },
  { label: 'Agent Skill (SKILL.md)', file: /^SKILL\.md$/, dialect: 'Agent Skill', heading: 'incident-commander', warns: /`tools`|`model`|`color`/ },
  { label: 'Cursor rule (.mdc)', file: /^incident-commander\.mdc$/, dialect: 'Cursor rule', warns: /`name`/ },
  { label: 'AGENTS.md', file: /^AGENTS\.md$/, dialect: 'AGENTS.md / CLAUDE.md', warns: /`name`/ },
  { label: 'Copilot instructions (.instructions.md)', file: /^incident-commander\.instructions\.md$/, dialect: 'GitHub Copilot instructions', warns: /`tools`/ },
  { label: 'Character card v2 (.json)', file: /^incident-commander\.json$/, dialect: 'Character card', heading: 'incident-commander', warns: /`tools`/ },
  { label: 'Claude Code command (.md)', file: /^incident-commander\.md$/, dialect: 'Claude Code command', place: '.claude/commands/incident-commander.md' },
  { label: 'Claude Code output style (.md)', file: /^incident-commander\.md$/, dialect: 'Claude Code output style', warns: /`tools`/ },
  { label: 'Windsurf rule (.md)', file: /^incident-commander\.md$/, dialect: 'Windsurf rule', place: '.windsurf/rules/incident-commander.md' },
  { label: 'Kiro steering file (.md)', file: /^incident-commander\.md$/, dialect: 'Kiro steering file' },
  { label: 'Copilot prompt (.prompt.md)', file: /^incident-commander\.prompt\.md$/, dialect: 'GitHub Copilot prompt' },
  { label: 'Copilot agent (.agent.md)', file: /^incident-commander\.agent\.md$/, dialect: 'GitHub Copilot agent' },
  { label: 'OpenCode agent (.md)', file: /^incident-commander\.md$/, dialect: 'OpenCode agent' },
  { label: 'Roo Code mode (.roomodes)', file: /^incident-commander\.roomodes$/, dialect: 'Roo Code modes', place: '.roomodes' },
  { label: 'Continue prompt (.prompt)', file: /^incident-commander\.prompt$/, dialect: 'Continue prompt' },
  { label: 'Gemini CLI (GEMINI.md)', file: /^GEMINI\.md$/, dialect: 'Gemini CLI context file' },
];

test('every export format downloads, warns before, and parses back', async () => {
  const { page, errors, context } = await open(browser, server.url);
  const source = fixture('claude-agent.md');
  await paste(page, source);
  await structure(page).getByRole('checkbox', { name: 'Declare the incident and its severity.' }).uncheck();
  const want = await prompt(page);
  for (const e of EXPORTS) {
    await page.getByLabel('Export as').selectOption({ label: e.label });
    if (e.warns) {
      const warnings = page.getByRole('list', { name: 'Export warnings' });
      assert.match(await warnings.textContent(), e.warns, e.label);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, e.file, e.label);
    if (e.place) await page.getByText(`Downloaded ${name}. The tool reads it from ${e.place}.`).waitFor();
    const content = await readFile(await download.path(), 'utf8');
    // Parse it back in the app: open it as a file in another tab.
    const back = await open(browser, server.url);
    await back.page.getByLabel('Open files').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content) });
    await saved(back.page).getByRole('listitem').first().waitFor();
    if (e.dialect) await structure(back.page).getByText(e.dialect, { exact: true }).waitFor();
    if (e.heading) await structure(back.page).getByRole('heading', { level: 2, name: e.heading, exact: true }).waitFor();
    const text = await prompt(back.page);
    assert.ok(!text.includes('Declare the incident'), `${e.label}: the deselected item stays out`);
    assert.ok(text.includes('Keep a timeline in UTC.'), `${e.label}: selected content is there`);
    if (!e.dialect) assert.equal(content, want, `${e.label} is the prompt`);
    assert.deepEqual(back.errors, [], e.label);
    await back.context.close();
  }
  // Own dialect with everything selected: the original file, byte for byte.
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByLabel('Export as').selectOption({ label: 'Claude Code agent (.md)' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), source);
  assert.deepEqual(errors, []);
  await context.close();
});
