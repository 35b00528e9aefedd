// A calm workbench (issue 28), by role and name, in light and dark, at
// 1440 × 900 and 390 × 844: Copy prompt stays in reach while a long
// structure is read, and copies; off looks off; the focus ring is the
// accent, not red; the empty page has one main action, Copy prompt
// disabled with its reason and no document tools; after a paste the first
// guideline is above the fold; the filter matches at word starts, reads
// `a | b`, says why nothing matched and reports its bulk actions with Undo;
// tap targets of 24 × 24 px at 390 px; the narrow tabs follow the ARIA
// pattern; on a touch screen Enter in the editor is a new line and Save
// saves; unfilled placeholders link to their boxes; an export can be
// previewed and copied; the tools and hints remember how they were left.
// axe-core audits each state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, prompt, waitPrompt, useApp, structure, audit } from './harness.mjs';

const app = useApp();
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };
const SIZES = [
  ['wide', WIDE],
  ['narrow', NARROW],
];
const SCHEMES = ['light', 'dark'];

/** A Claude Code agent with `n` sections of six guidelines each. */
function longAgent(n = 30) {
  let s = '---\nname: long-reviewer\ndescription: Reviews long changes.\n---\n\nYou review code.\n\n';
  for (let i = 1; i <= n; i++) {
    s += `## Area ${i}\n\n`;
    for (let j = 1; j <= 6; j++) s += `- Rule ${i}.${j}: check the change for area ${i}, point ${j}.\n`;
    s += '\n';
  }
  return s;
}

const copyButton = (page) => page.getByRole('button', { name: 'Copy prompt' });

/** Whether `box` lies inside the viewport. */
async function onScreen(page, locator) {
  const box = await locator.boundingBox();
  const { height, width } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width;
}

async function clean(page, label) {
  assert.deepEqual(await audit(page), [], `axe violations, ${label}`);
}

test('the empty page: one main action, Copy prompt disabled with its reason, no document tools', async () => {
  for (const colorScheme of SCHEMES) {
    for (const [name, viewport] of SIZES) {
      const { page, errors, context } = await open(app.browser, app.server.url, { viewport, colorScheme, bypassCSP: true });
      const copy = copyButton(page);
      assert.equal(await copy.isDisabled(), true, name);
      const described = await copy.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby'))?.textContent);
      assert.equal(described, 'Nothing to copy yet');
      // The filled button is "Try an example"; Copy prompt is not filled.
      const example = page.getByRole('button', { name: 'Try an example' });
      assert.ok(await example.evaluate((b) => b.classList.contains('primary')));
      assert.ok(!(await copy.evaluate((b) => b.classList.contains('primary'))));
      for (const label of ['Tokenizer', 'Budget', 'Export as', 'Preset name']) {
        assert.equal(await page.getByLabel(label).count(), 0, `${label} shows on the empty page (${name})`);
      }
      assert.equal(await page.getByText('What it costs').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Changes' }).count(), 0, 'nothing to compare yet');
      await clean(page, `empty, ${name}, ${colorScheme}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

test('a long structure: Copy prompt stays on screen while its middle is read, and copies', async () => {
  for (const colorScheme of SCHEMES) {
    for (const [name, viewport] of SIZES) {
      const { page, errors, context } = await open(app.browser, app.server.url, { viewport, colorScheme, bypassCSP: true });
      await paste(page, longAgent());
      const middle = structure(page).getByRole('checkbox', { name: 'Rule 15.3: check the change for area 15, point 3.' });
      await middle.waitFor();
      await middle.scrollIntoViewIfNeeded();
      await middle.uncheck();
      assert.ok(await onScreen(page, middle), `the middle guideline is on screen (${name})`);
      assert.ok(await onScreen(page, copyButton(page)), `Copy prompt is on screen (${name}, ${colorScheme})`);
      const text = await waitPrompt(page, (p) => !p.includes('Rule 15.3:'));
      await copyButton(page).click();
      await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
      // Off looks off, and the muted items pass the audit.
      const look = (l) =>
        l.evaluate((box) => {
          const span = box.closest('label').querySelector('span');
          const s = getComputedStyle(span);
          return `${s.color} ${s.textDecorationLine}`;
        });
      const on = structure(page).getByRole('checkbox', { name: 'Rule 15.4: check the change for area 15, point 4.' });
      assert.notEqual(await look(middle), await look(on));
      assert.match(await look(middle), /line-through/);
      await clean(page, `long structure, an item off, ${name}, ${colorScheme}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

test('after a paste at 1440 × 900 the first guideline is above the fold, and the focus ring is the accent', async () => {
  for (const colorScheme of SCHEMES) {
    const { page, errors, context } = await open(app.browser, app.server.url, { viewport: WIDE, colorScheme });
    await paste(page, longAgent());
    const first = structure(page).getByRole('checkbox', { name: 'Rule 1.1: check the change for area 1, point 1.' });
    await first.waitFor();
    const box = await first.boundingBox();
    assert.ok(box.y + box.height < 900, `the first guideline's top is at ${box.y}`);
    await first.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const [style, ring] = await first.evaluate((e) => [
      e.matches(':focus-visible') ? getComputedStyle(e).outlineStyle : 'not focused',
      getComputedStyle(e).outlineColor,
    ]);
    assert.equal(style, 'solid');
    const [r, g, b] = ring.match(/\d+/g).map(Number);
    assert.ok(!(r > 150 && g < 110 && b < 110), `the focus ring is red: ${ring}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the filter matches at word starts, reads a | b, says why nothing matched, and its bulk actions say what they did with Undo', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, '# Stack\n\n- Use Django for the admin.\n- Write Go services.\n- Prefer golang modules.\n- React for the front.\n');
  await structure(page).getByRole('checkbox', { name: 'Use Django for the admin.' }).waitFor();
  const filter = page.getByRole('searchbox', { name: 'Filter guidelines' });
  await filter.fill('go');
  await structure(page).getByRole('status').filter({ hasText: /^2 of \d+ guidelines match/ }).waitFor();
  assert.equal(await structure(page).getByRole('checkbox', { name: 'Use Django for the admin.' }).count(), 0);
  await filter.fill('react golang');
  await structure(page).getByRole('status').filter({ hasText: 'try react | golang' }).waitFor();
  await filter.fill('react | golang');
  await structure(page).getByRole('status').filter({ hasText: /^2 of \d+ guidelines match/ }).waitFor();
  await filter.fill('react OR django');
  await structure(page).getByRole('status').filter({ hasText: /^2 of \d+ guidelines match/ }).waitFor();
  await structure(page).getByRole('button', { name: 'Switch matching off' }).click();
  const done = structure(page).getByRole('status').filter({ hasText: '2 guidelines switched off' });
  await done.waitFor();
  await waitPrompt(page, (p) => !p.includes('Django') && !p.includes('React'));
  await clean(page, 'filter with a bulk action done');
  await done.getByRole('button', { name: 'Undo' }).click();
  await waitPrompt(page, (p) => p.includes('Django') && p.includes('React'));
  assert.equal(await done.isVisible(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the outline is closed at first, lists only the sections with matches while filtering, and stays as it was left', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, longAgent(12));
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await outline.waitFor();
  assert.equal(await outline.getByRole('link', { name: 'Area 3' }).isVisible(), false);
  await outline.getByText('Outline', { exact: true }).click();
  await outline.getByRole('link', { name: 'Area 3' }).waitFor();
  await page.getByRole('searchbox', { name: 'Filter guidelines' }).fill('"area 7,"');
  await outline.getByText('Outline of the matches').waitFor();
  assert.deepEqual(await outline.getByRole('link').allTextContents(), ['Area 7']);
  // Nothing found, nothing to outline.
  await page.getByRole('searchbox', { name: 'Filter guidelines' }).fill('zebra');
  await outline.waitFor({ state: 'detached' });
  await page.reload();
  await paste(page, longAgent(12));
  await page.getByRole('navigation', { name: 'Outline' }).getByRole('link', { name: 'Area 3' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 390 px every button, link, checkbox and summary in the three panes is at least 24 × 24 px', async () => {
  for (const colorScheme of SCHEMES) {
    const { page, errors, context } = await open(app.browser, app.server.url, { viewport: NARROW, colorScheme, hasTouch: true, bypassCSP: true });
    await paste(page, longAgent(4));
    await structure(page).getByRole('checkbox', { name: 'Rule 1.1: check the change for area 1, point 1.' }).waitFor();
    for (const tab of ['Document', 'Structure', 'Prompt']) {
      await page.getByRole('tab', { name: tab }).click();
      const small = await page.evaluate(() => {
        const out = [];
        const panel = document.querySelector('[role="tabpanel"]:not([hidden])');
        for (const e of panel.querySelectorAll('button, a, input[type="checkbox"], summary')) {
          const r = e.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.width < 24 || r.height < 24) out.push(`${e.tagName} “${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}” ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
        }
        return out;
      });
      assert.deepEqual(small, [], `small targets in ${tab} (${colorScheme})`);
      await clean(page, `narrow ${tab} tab, ${colorScheme}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the narrow tabs follow the ARIA pattern by keyboard, and a paste shows Structure', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { viewport: NARROW });
  const tab = (name) => page.getByRole('tab', { name });
  assert.equal(await tab('Document').getAttribute('aria-selected'), 'true');
  await paste(page, longAgent(2));
  await structure(page).waitFor();
  assert.equal(await tab('Structure').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByRole('textbox', { name: 'Persona document' }).isVisible(), false);
  await tab('Structure').focus();
  for (const [key, want] of [
    ['ArrowRight', 'Prompt'],
    ['ArrowRight', 'Document'],
    ['ArrowLeft', 'Prompt'],
    ['Home', 'Document'],
    ['End', 'Prompt'],
  ]) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, want, key);
    assert.equal(await tab(want).getAttribute('aria-selected'), 'true');
    assert.equal(await tab(want).getAttribute('tabindex'), '0');
    const panel = page.locator(`#${await tab(want).getAttribute('aria-controls')}`);
    assert.equal(await panel.getAttribute('role'), 'tabpanel');
    assert.equal(await panel.isVisible(), true);
  }
  assert.equal(await page.getByRole('region', { name: 'Structure' }).isVisible(), false);
  // What gets focus by keyboard scrolls clear of the bar.
  await tab('Structure').click();
  const lastRule = structure(page).getByRole('checkbox', { name: 'Rule 2.5: check the change for area 2, point 5.' });
  await structure(page).getByRole('checkbox', { name: 'Rule 1.1: check the change for area 1, point 1.' }).focus();
  for (let i = 0; i < 40 && !(await lastRule.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  const focusedBox = await page.evaluate(() => document.activeElement.getBoundingClientRect().bottom);
  const barTop = (await page.locator('.copy-bar').boundingBox()).y;
  assert.ok(focusedBox <= barTop, `the focused checkbox (bottom ${focusedBox}) is behind the bar (top ${barTop})`);
  await tab('Prompt').click();
  // The bar stays clear of the content: the page's end scrolls above it.
  const bar = await page.locator('.copy-bar').boundingBox();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = await page.locator('#pane-prompt').boundingBox();
  assert.ok(last.y + last.height <= bar.y + 1, `the bar covers the pane's end: ${last.y + last.height} > ${bar.y}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a touch screen, Enter in the editor starts a new line and Save saves; keyboard hints do not show', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { viewport: NARROW, hasTouch: true, isMobile: true });
  await paste(page, '# Touch\n\n- First rule.\n- Second rule.\n');
  const item = structure(page).getByRole('checkbox', { name: 'First rule.' });
  await item.waitFor();
  assert.equal(await page.getByText('On a checkbox: F2 edits').isVisible(), false);
  await item.focus();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Edit guideline' });
  await editor.waitFor();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('And a second line.');
  assert.equal(await editor.inputValue(), 'First rule.\nAnd a second line.');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitPrompt(page, (p) => p.includes('- First rule.\n  And a second line.'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a leading list marker typed into an item is the item’s own; the editor grows with its text', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, '# Lists\n\n- First rule.\n- Second rule.\n');
  const item = structure(page).getByRole('checkbox', { name: 'Second rule.' });
  await item.waitFor();
  await item.focus();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Edit guideline' });
  await editor.fill('- Second rule, reworded.');
  const small = (await editor.boundingBox()).height;
  await editor.fill(Array.from({ length: 12 }, (_, i) => `Line ${i} of a long guideline that wraps.`).join('\n'));
  assert.ok((await editor.boundingBox()).height > small * 2, 'the editor grows with its text');
  await editor.fill('- Second rule, reworded.');
  await page.keyboard.press('Enter');
  await waitPrompt(page, (p) => p.includes('- First rule.\n- Second rule, reworded.\n'));
  assert.ok(!(await prompt(page)).includes('- - '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('unfilled placeholders link to their boxes, and Variables sits at the top of the prompt pane', async () => {
  for (const [name, viewport] of SIZES) {
    const { page, errors, context } = await open(app.browser, app.server.url, { viewport, bypassCSP: true });
    await paste(page, '# Greeter\n\nYou greet {{user}} warmly.\n\n- Ask {{user}} about {{topic}}.\n');
    const link = structure(page).getByRole('link', { name: '{{topic}}' });
    await link.waitFor();
    await link.click();
    const box = page.getByRole('textbox', { name: '{{topic}}' });
    await box.waitFor();
    assert.equal(await box.evaluate((e) => e === document.activeElement), true, name);
    const variables = await page.getByRole('region', { name: 'Variables' }).boundingBox();
    const text = await page.getByRole('textbox', { name: 'Assembled prompt' }).boundingBox();
    assert.ok(variables.y < text.y, 'Variables sits above the prompt');
    await box.fill('the weather');
    await page.getByRole('textbox', { name: '{{user}}' }).fill('Ana');
    await structure(page).getByRole('link', { name: '{{topic}}' }).waitFor({ state: 'detached' });
    await clean(page, `variables, ${name}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('an export can be previewed and copied before it is downloaded', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, '---\nname: previewer\ndescription: Shows exports.\n---\n\nYou preview.\n\n- Keep it short.\n');
  await page.getByLabel('Export as').selectOption({ label: 'Cursor rule (.mdc)' });
  await page.getByText('Preview', { exact: true }).click();
  const preview = page.getByLabel('Export preview');
  await preview.waitFor();
  const shown = await preview.textContent();
  assert.match(shown, /Keep it short\./);
  await page.getByRole('button', { name: 'Copy export' }).click();
  await page.getByRole('status').filter({ hasText: 'Export copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
  await clean(page, 'export preview');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the prompt pane’s tools start closed and stay as they were left; a dismissed hint stays dismissed', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { toolsClosed: true });
  await paste(page, '# Tools\n\n- One rule.\n');
  await structure(page).getByRole('checkbox', { name: 'One rule.' }).waitFor();
  for (const title of ['What it costs', 'Presets', 'Share', 'Export']) {
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
  }
  assert.equal(await page.getByLabel('Export as').isVisible(), false);
  await page.getByRole('heading', { name: 'Presets', exact: true }).click();
  await page.getByLabel('Preset name').waitFor();
  const dismiss = page.getByRole('button', { name: /^Dismiss the keyboard hint/ });
  assert.equal(await dismiss.count(), 2);
  await page.getByRole('button', { name: 'Dismiss the keyboard hint on the structure' }).click();
  const hints = await dismiss.count();
  assert.equal(hints, 1);
  await page.reload();
  await structure(page).getByRole('checkbox', { name: 'One rule.' }).waitFor();
  await page.getByLabel('Preset name').waitFor();
  assert.equal(await page.getByLabel('Export as').isVisible(), false);
  assert.equal(await dismiss.count(), hints);
  assert.equal(await page.getByRole('button', { name: 'Dismiss the keyboard hint on copying' }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
