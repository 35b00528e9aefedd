// Trimming a long persona (issue 16): filter the guidelines with `/`,
// switch what matches, collapse sections, jump from the outline, and keep
// named presets through a reload and a share link. Keyboard only where a
// person would use the keyboard; elements found by role and name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, prompt, waitPrompt, audit, whenSaved, useApp, structure } from './harness.mjs';


const app = useApp();

// Nine sections (enough for an outline), a "Python" heading whose items do
// not say "python" themselves, and matches in other sections' text.
const DOC = `# Polyglot reviewer

You review code in several languages.

## Python

- Prefer f-strings.
- Type-hint public functions.

## Rust

- Use \`clippy\` on every change.
- Call python scripts through \`std::process\`.

## Café rules

- Serve the espresso hot.

## Security

- Never log secrets.
- Validate every input.

## Testing

- Write a failing test first.

## Style

- Keep functions short.

## Docs

- Document public APIs.

## Release

- Tag every release.

## Support

- Answer within a day.
`;

const box = (page, name) => structure(page).getByRole('checkbox', { name, exact: true });
const filterBox = (page) => page.getByRole('searchbox', { name: 'Filter guidelines' });

const focusedName = (page) =>
  page.evaluate(() => document.activeElement?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

test('/ filters, the count is live, Keep only matching; Escape shows the rest switched off', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, DOC);
  await box(page, 'Prefer f-strings.').waitFor();
  // `/` from a checkbox focuses the filter; words typed next land there.
  await box(page, 'Prefer f-strings.').focus();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter');
  await page.keyboard.type('python');
  const count = structure(page).getByRole('status').filter({ hasText: 'guidelines match' });
  await count.waitFor();
  // Two items under "Python" (by their heading) and one in Rust's text.
  assert.match(await count.textContent(), /^3 of \d+ guidelines match$/);
  await box(page, 'Type-hint public functions.').waitFor();
  await box(page, 'Call python scripts through std::process.').waitFor();
  assert.equal(await box(page, 'Never log secrets.').count(), 0, 'what does not match is hidden');
  assert.equal(await box(page, 'Use clippy on every change.').count(), 0);
  assert.deepEqual(await structure(page).locator('mark').allTextContents(), ['Python', 'python']);
  assert.deepEqual(await audit(page), [], 'axe with a filter active');

  // Tab to Keep only matching: the prompt holds the matches and their headings.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(page), 'Keep only matching');
  await page.keyboard.press('Enter');
  const kept = await waitPrompt(page, (p) => !p.includes('Never log secrets'));
  // (Original output keeps each part's own blank lines before it.)
  assert.equal(
    kept.replace(/\n+/g, '\n').trim(),
    '## Python\n- Prefer f-strings.\n- Type-hint public functions.\n## Rust\n- Call python scripts through `std::process`.',
  );

  // Escape clears the filter; the rest shows again, switched off.
  await filterBox(page).focus();
  await page.keyboard.press('Escape');
  assert.equal(await filterBox(page).inputValue(), '');
  await box(page, 'Never log secrets.').waitFor();
  assert.equal(await box(page, 'Never log secrets.').isChecked(), false);
  assert.equal(await box(page, 'Prefer f-strings.').isChecked(), true);
  assert.equal(await count.count(), 0, 'no count without a filter');

  // A phrase, accents and case: "CAFE" finds "Café rules"; a quoted phrase
  // must appear as written.
  await filterBox(page).fill('CAFE');
  await box(page, 'Serve the espresso hot.').waitFor();
  await filterBox(page).fill('"every input"');
  await box(page, 'Validate every input.').waitFor();
  assert.equal(await box(page, 'Use clippy on every change.').count(), 0);
  // Switch matching on, then undo it: one step.
  await structure(page).getByRole('button', { name: 'Switch matching on' }).click();
  await waitPrompt(page, (p) => p.includes('Validate every input.'));
  await filterBox(page).focus();
  await page.keyboard.press('Escape');
  await box(page, 'Tag every release.').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await waitPrompt(page, (p) => p === kept);
  assert.deepEqual(errors, []);
  await context.close();
});

test('sections collapse and expand by keyboard; Collapse all; the outline moves focus', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, DOC);
  await box(page, 'Never log secrets.').waitFor();
  const fold = structure(page).getByRole('button', { name: 'Security', exact: true });
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  await fold.focus();
  await page.keyboard.press('Enter');
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  await box(page, 'Never log secrets.').waitFor({ state: 'hidden' });
  // The collapsed section keeps its checkbox and says how much of it is on.
  await box(page, 'Validate every input.').waitFor({ state: 'hidden' });
  const security = structure(page).getByRole('group', { name: 'Security', exact: true });
  await security.getByText('2 of 2 on').waitFor();
  await box(page, 'Security').focus();
  await page.keyboard.press('Space');
  await security.getByText('0 of 2 on').waitFor();
  await waitPrompt(page, (p) => !p.includes('## Security'));
  await fold.focus();
  await page.keyboard.press('Space');
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  await box(page, 'Never log secrets.').waitFor();

  await structure(page).getByRole('button', { name: 'Collapse all' }).click();
  await box(page, 'Prefer f-strings.').waitFor({ state: 'hidden' });
  await box(page, 'Answer within a day.').waitFor({ state: 'hidden' });
  assert.deepEqual(await audit(page), [], 'axe with sections collapsed');

  // The outline lists every section with its count; a link moves focus to
  // the section's checkbox, expanding it.
  const outline = page.getByRole('navigation', { name: 'Outline' });
  // Closed at first.
  assert.equal(await outline.getByRole('link').count(), 0);
  await outline.getByText('Outline', { exact: true }).click();
  assert.equal(await outline.getByRole('link').count(), 9);
  assert.match(await outline.getByRole('listitem').filter({ hasText: 'Security' }).textContent(), /Security 0 of 2 on/);
  await outline.getByRole('link', { name: 'Support' }).focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 50 && (await focusedName(page)) !== 'Support'; i++) await page.waitForTimeout(20);
  assert.equal(await focusedName(page), 'Support');
  await box(page, 'Answer within a day.').waitFor();
  await structure(page).getByRole('button', { name: 'Expand all' }).click();
  await box(page, 'Prefer f-strings.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('two presets: save, switch, rename, delete and undo; reload keeps them; a share link opens on its preset', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, DOC);
  await box(page, 'Never log secrets.').waitFor();
  const full = await prompt(page);
  const name = page.getByRole('textbox', { name: 'Preset name' });
  await name.focus();
  await page.keyboard.type('Everything');
  await page.keyboard.press('Enter');
  const list = page.getByRole('list', { name: 'Presets' });
  const current = (l) => l.locator('li[aria-current="true"]').getByRole('textbox').inputValue();
  await list.getByRole('button', { name: 'Apply Everything' }).waitFor();

  await box(page, 'Security').focus();
  await page.keyboard.press('Space');
  await box(page, 'Support').focus();
  await page.keyboard.press('Space');
  const short = await waitPrompt(page, (p) => !p.includes('## Support') && !p.includes('## Security'));
  await name.fill('Short');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await list.getByRole('button', { name: 'Apply Short' }).waitFor();
  assert.equal(await current(list), 'Short');

  // Switch between them by keyboard.
  await list.getByRole('button', { name: 'Apply Everything' }).focus();
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p === full);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Apply Everything');
  // Rename Everything, Delete Everything, Short's name box, Apply Short.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Apply Short');
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p === short);

  // Rename (Rename focuses the preset's name box), then delete and undo
  // the deletion.
  await list.getByRole('button', { name: 'Rename Short' }).click();
  const rename = list.getByRole('textbox', { name: 'Name of preset Short' });
  for (let i = 0; i < 50 && !(await rename.evaluate((e) => e === document.activeElement)); i++) await page.waitForTimeout(20);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('No security');
  await page.keyboard.press('Enter');
  await list.getByRole('button', { name: 'Apply No security' }).waitFor();
  await list.getByRole('button', { name: 'Delete Everything' }).click();
  await list.getByRole('button', { name: 'Apply Everything' }).waitFor({ state: 'detached' });
  await structure(page).getByRole('button', { name: 'Undo' }).click();
  await list.getByRole('button', { name: 'Apply Everything' }).waitFor();

  // Reload keeps both presets, and which one is current.
  await whenSaved(page);
  await page.reload();
  await list.getByRole('button', { name: 'Apply Everything' }).waitFor();
  assert.equal(await current(list), 'No security');
  assert.equal(await prompt(page), short);

  // A share link carries the presets and opens on the one it was made from.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await open(app.browser, link);
  const otherList = other.page.getByRole('list', { name: 'Presets' });
  await otherList.getByRole('button', { name: 'Apply Everything' }).waitFor();
  assert.equal(await current(otherList), 'No security');
  assert.equal(await prompt(other.page), short);
  await otherList.getByRole('button', { name: 'Apply Everything' }).click();
  await waitPrompt(other.page, (p) => p === full);
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a filter renders its first 100 matches, parents shown for context not counted, and offers the rest', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  let doc = '# Nested\n\n';
  for (let i = 0; i < 150; i++) doc += `- Parent ${i}\n  - needle ${i}\n`;
  await paste(page, doc);
  await box(page, 'Parent 0').waitFor();
  await filterBox(page).fill('needle');
  await structure(page).getByRole('status').filter({ hasText: '150 of 301 guidelines match' }).waitFor();
  const needles = structure(page).getByRole('checkbox', { name: /^needle / });
  await box(page, 'needle 99').waitFor();
  assert.equal(await needles.count(), 100);
  assert.equal(await box(page, 'Parent 99').count(), 1, 'the parent of a match shows');
  await structure(page).getByRole('button', { name: 'Show 50 more' }).click();
  await box(page, 'needle 149').waitFor();
  assert.equal(await needles.count(), 150);
  assert.deepEqual(errors, []);
  await context.close();
});
