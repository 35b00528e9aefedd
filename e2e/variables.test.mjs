// Variables (issue 17): a character card, a Claude Code command and a
// Copilot prompt file each show their variables in the "Variables" region;
// filling one changes the prompt and what Copy prompt copies; "Fill
// variables" off shows the template; a reload and a share link keep the
// values; "Not a variable" and Restore; the axe audit with the form shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, paste, prompt, waitPrompt, audit, whenSaved, useApp } from './harness.mjs';


const app = useApp();

const CARD = JSON.stringify({
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Captain Mira',
    description: '{{char}} runs a tea shop on a space station.',
    scenario: '{{user}} walks in during a blackout.',
    first_mes: 'Power is out again, {{user}}.',
    mes_example: '<START>\n{{user}}: Do you miss flying?\n{{char}}: Every day.',
  },
});

const COMMAND = `---
description: Fix a GitHub issue
argument-hint: issue number
allowed-tools: Bash(gh issue view:*)
---

Fix issue $ARGUMENTS.

1. Read it with \`gh issue view $ARGUMENTS\`.
2. Write a failing test first.
`;

const COPILOT = `---
description: Review the selected code
agent: ask
---

Review the code, focusing on \${input:focus:What should the review focus on?}.
`;

const region = (page) => page.getByRole('region', { name: 'Variables' });
const status = (page) => region(page).getByRole('status');

test('a card: {{char}} prefilled with its name, {{user}} filled; copy, the template, reload and a share link', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, CARD);
  const char = region(page).getByRole('textbox', { name: '{{char}}' });
  const user = region(page).getByRole('textbox', { name: '{{user}}' });
  await char.waitFor();
  assert.equal(await char.inputValue(), 'Captain Mira', 'a card prefills {{char}} with its name');
  assert.equal(await user.inputValue(), '');
  await status(page).filter({ hasText: '1 variable not filled' }).waitFor();
  const names = await region(page).getByRole('textbox').evaluateAll((els) => els.map((e) => e.labels[0].textContent));
  assert.deepEqual(names, ['{{char}}', '{{user}}'], 'in order of first use, <START> is not a variable');
  assert.match(await prompt(page), /Captain Mira runs a tea shop/);

  await user.fill('Sam <b>&</b>');
  await status(page).filter({ hasText: 'All variables filled' }).waitFor();
  const filled = await waitPrompt(page, (p) => p.includes('Sam <b>&</b> walks in'));
  assert.ok(!filled.includes('{{user}}'));
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), filled);

  // The template, with the switch off; values are kept for when it is on.
  const fill = region(page).getByRole('switch', { name: 'Fill variables' });
  assert.equal(await fill.isChecked(), true);
  await fill.click();
  await waitPrompt(page, (p) => p.includes('{{user}} walks in') && p.includes('{{char}} runs'));
  await status(page).filter({ hasText: 'Fill variables is off' }).waitFor();
  await fill.click();
  await waitPrompt(page, (p) => p === filled);

  assert.deepEqual(await audit(page), [], 'axe with the form shown');

  // A reload keeps the values.
  await whenSaved(page);
  await page.reload();
  await user.waitFor();
  assert.equal(await user.inputValue(), 'Sam <b>&</b>');
  assert.equal(await prompt(page), filled);

  // So does a share link.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByRole('status').filter({ hasText: 'Share link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await open(app.browser, link);
  await region(other.page).getByRole('textbox', { name: '{{user}}' }).waitFor();
  assert.equal(await region(other.page).getByRole('textbox', { name: '{{user}}' }).inputValue(), 'Sam <b>&</b>');
  assert.equal(await prompt(other.page), filled);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a command: $ARGUMENTS in prose and code is one variable; Not a variable and Restore', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, COMMAND);
  const args = region(page).getByRole('textbox', { name: '$ARGUMENTS' });
  await args.waitFor();
  await region(page).getByText('command argument · 2 uses').click();
  const places = await region(page).locator('.places').textContent();
  assert.match(places, /^line 7: Fix issue \$ARGUMENTS\.\nline 9: …. Read it with `gh issue view \$ARGUMENTS`\.$/);
  await args.fill('#42');
  await waitPrompt(page, (p) => p.includes('Fix issue #42.') && p.includes('gh issue view #42'));

  await region(page).getByRole('button', { name: 'Not a variable: $ARGUMENTS' }).click();
  await waitPrompt(page, (p) => p.includes('Fix issue $ARGUMENTS.'));
  const restore = region(page).getByRole('button', { name: 'Restore ARGUMENTS' });
  await restore.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Restore ARGUMENTS');
  await restore.press('Enter');
  await args.waitFor();
  assert.equal(await args.inputValue(), '#42', 'its value was kept');
  await waitPrompt(page, (p) => p.includes('Fix issue #42.'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Copilot prompt file: ${input:…} with its hint; filling it changes the prompt', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await page.getByLabel('Open files').setInputFiles({ name: 'review.prompt.md', mimeType: '', buffer: Buffer.from(COPILOT) });
  const focus = region(page).getByRole('textbox', { name: '${input:focus}' });
  await focus.waitFor();
  assert.equal(await focus.getAttribute('placeholder'), 'What should the review focus on?');
  await status(page).filter({ hasText: '1 variable not filled' }).waitFor();
  await focus.fill('error handling');
  await waitPrompt(page, (p) => p.includes('focusing on error handling.'));
  assert.deepEqual(errors, []);
  await context.close();
});
