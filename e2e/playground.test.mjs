// The playground (issue 15): edit, add and move guidelines, undo and redo
// anything, see what changed against the original, revert; reload and
// share links keep the edited document. Keyboard only where a person
// would use the keyboard, and elements found by role and name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, prompt, waitPrompt, audit, whenSaved, useApp, structure } from './harness.mjs';


const app = useApp();

const DOC = `# Coach

You are a Rust coach.

## Rules

- Use Rust 2021.
- Prefer iterators.
- Write tests.

## Style

Be terse.
`;

const box = (page, name) => structure(page).getByRole('checkbox', { name, exact: true });
const focusedName = (page) =>
  page.evaluate(() => document.activeElement?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.textContent);

async function waitFocus(page, name) {
  for (let i = 0; i < 100 && (await focusedName(page)) !== name; i++) await page.waitForTimeout(20);
  assert.equal(await focusedName(page), name);
}

test('edit with F2, add with Alt+Enter, move with Alt+ArrowUp, switch off; undo all and redo all', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, DOC);
  await box(page, 'Use Rust 2021.').waitFor();
  const original = await prompt(page);

  // F2 edits; Enter saves; focus returns to the unit's checkbox.
  await box(page, 'Use Rust 2021.').focus();
  await page.keyboard.press('F2');
  const editor = structure(page).getByRole('textbox', { name: 'Edit guideline' });
  await editor.waitFor();
  assert.equal(await editor.inputValue(), 'Use Rust 2021.');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Use Rust 2024.');
  await page.keyboard.press('Enter');
  const edited = await waitPrompt(page, (p) => p.includes('- Use Rust 2024.\n'));
  assert.ok(!edited.includes('2021'));
  await waitFocus(page, 'Use Rust 2024.');
  await structure(page).getByText('edited', { exact: true }).waitFor();

  // Alt+Enter adds a guideline below, in the same list; one step.
  await box(page, 'Prefer iterators.').focus();
  await page.keyboard.press('Alt+Enter');
  await editor.waitFor();
  assert.equal(await editor.inputValue(), '');
  await page.keyboard.type('Explain lifetimes.');
  await page.keyboard.press('Enter');
  const added = await waitPrompt(page, (p) => p.includes('- Prefer iterators.\n- Explain lifetimes.\n- Write tests.\n'));
  await waitFocus(page, 'Explain lifetimes.');

  // Escape on a new guideline leaves nothing behind.
  await page.keyboard.press('Alt+Enter');
  await editor.waitFor();
  await page.keyboard.type('never mind');
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
  assert.equal(await prompt(page), added);
  await waitFocus(page, 'Explain lifetimes.');

  // Alt+ArrowUp moves it among its siblings.
  await page.keyboard.press('Alt+ArrowUp');
  const moved = await waitPrompt(page, (p) => p.includes('- Use Rust 2024.\n- Explain lifetimes.\n- Prefer iterators.\n'));
  await waitFocus(page, 'Explain lifetimes.');

  // Space switches one off.
  await box(page, 'Write tests.').focus();
  await page.keyboard.press('Space');
  const off = await waitPrompt(page, (p) => !p.includes('Write tests.'));

  // Undo all four with Ctrl+Z (focus on a checkbox, not in a text box),
  // then redo them with Ctrl+Shift+Z.
  const states = [original, edited, added, moved, off];
  for (const expected of states.slice(0, -1).reverse()) {
    await page.keyboard.press('ControlOrMeta+Z');
    await waitPrompt(page, (p) => p === expected);
  }
  assert.equal(await structure(page).getByRole('button', { name: 'Undo' }).isDisabled(), true);
  assert.equal(await box(page, 'Write tests.').isChecked(), true, 'the checkbox follows the undone toggle');
  for (const expected of states.slice(1)) {
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await waitPrompt(page, (p) => p === expected);
  }
  assert.equal(await box(page, 'Write tests.').isChecked(), false, 'and the redone one');
  // A second toggle of the same unit still updates its checkbox.
  await box(page, 'Write tests.').focus();
  await page.keyboard.press('Space');
  await waitPrompt(page, (p) => p.includes('Write tests.'));
  assert.equal(await box(page, 'Write tests.').isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('buttons and the pointer do the same: Edit, Move down, Add guideline, Add section, drag by the handle, Undo, Redo', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, DOC);
  await box(page, 'Prefer iterators.').hover();
  await structure(page).getByRole('button', { name: 'Move down' }).click();
  await waitPrompt(page, (p) => p.includes('- Write tests.\n- Prefer iterators.\n'));
  await box(page, 'Write tests.').hover();
  await structure(page).getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = structure(page).getByRole('textbox', { name: 'Edit guideline' });
  await editor.fill('Write tests first.');
  await structure(page).getByRole('button', { name: 'Save' }).click();
  await waitPrompt(page, (p) => p.includes('- Write tests first.\n- Prefer iterators.\n'));
  // The list ends with "Add guideline".
  await structure(page).getByRole('button', { name: 'Add guideline', exact: true }).first().click();
  await editor.fill('Use clippy.');
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p.includes('- Prefer iterators.\n- Use clippy.\n\n## Style'));
  await structure(page).getByRole('button', { name: 'Add section' }).click();
  await editor.fill('Tone');
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p.endsWith('Be terse.\n\n## Tone\n'));
  // Dragging a row by its handle moves it among its siblings.
  await box(page, 'Use Rust 2021.').hover();
  const handle = structure(page).locator('.drag-handle');
  await handle.dragTo(box(page, 'Use clippy.'));
  await waitPrompt(page, (p) => p.includes('- Write tests first.\n- Prefer iterators.\n- Use clippy.\n- Use Rust 2021.\n'));
  await structure(page).getByRole('button', { name: 'Undo' }).click();
  await waitPrompt(page, (p) => p.includes('- Use Rust 2021.\n- Write tests first.\n'));
  await structure(page).getByRole('button', { name: 'Undo' }).click();
  await waitPrompt(page, (p) => p.endsWith('Be terse.\n'));
  await structure(page).getByRole('button', { name: 'Redo' }).click();
  await waitPrompt(page, (p) => p.endsWith('## Tone\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Changes shows removed, added and edited text and a summary; Revert to original; reload and share keep the work', async () => {
  // bypassCSP lets the audit inject axe; the app itself runs as usual.
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, DOC);
  await box(page, 'Use Rust 2021.').focus();
  const original = await prompt(page);
  await page.keyboard.press('F2');
  const editor = structure(page).getByRole('textbox', { name: 'Edit guideline' });
  await editor.fill('Use Rust 2024.');
  await page.keyboard.press('Enter');
  await box(page, 'Write tests.').focus();
  await page.keyboard.press('Alt+Enter');
  await editor.fill('Document unsafe code.');
  await page.keyboard.press('Enter');
  await box(page, 'Be terse.').focus();
  await page.keyboard.press('Space');
  const custom = await waitPrompt(page, (p) => !p.includes('Be terse.') && p.includes('Document unsafe'));

  const button = page.getByRole('button', { name: 'Changes' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const region = page.getByRole('region', { name: 'Changes' });
  await region.waitFor();
  const dels = await region.locator('del').allTextContents();
  const inss = await region.locator('ins').allTextContents();
  assert.ok(dels.some((d) => d.includes('2021')), `del: ${dels}`);
  assert.ok(dels.some((d) => d.includes('Be terse.')), `del: ${dels}`);
  assert.ok(inss.some((d) => d.includes('2024')), `ins: ${inss}`);
  assert.ok(inss.some((d) => d.includes('Document unsafe code.')), `ins: ${inss}`);
  assert.match(await region.getByRole('status').textContent(), /^1 guideline off · 1 edited · 1 added( · [−+][\d,]+ tokens)?$/);
  assert.deepEqual(await audit(page), [], 'axe with the Changes region shown');
  await box(page, 'Prefer iterators.').focus();
  await page.keyboard.press('F2');
  await editor.waitFor();
  assert.deepEqual(await audit(page), [], 'axe with the editor open');
  await page.keyboard.press('Escape');

  // Reload keeps the edited document, its selection and its history.
  await whenSaved(page);
  await page.reload();
  await box(page, 'Use Rust 2024.').waitFor();
  assert.equal(await prompt(page), custom);
  await box(page, 'Use Rust 2024.').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await waitPrompt(page, (p) => p.includes('Be terse.'));
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await waitPrompt(page, (p) => p === custom);

  // A share link of the edited document opens with the same prompt.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await open(app.browser, link);
  await box(other.page, 'Use Rust 2024.').waitFor();
  assert.equal(await prompt(other.page), custom);
  await other.context.close();

  // Revert to original brings back the pasted text, all on; it can be undone.
  await page.getByRole('button', { name: 'Changes' }).click();
  await page.getByRole('region', { name: 'Changes' }).getByRole('button', { name: 'Revert to original' }).click();
  await waitPrompt(page, (p) => p === original);
  await page.keyboard.press('ControlOrMeta+Z');
  await waitPrompt(page, (p) => p === custom);
  assert.deepEqual(errors, []);
  await context.close();
});
