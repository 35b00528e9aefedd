// What it costs (issue 19): counts switch from the estimate (≈) to exact
// counts once the tokenizer worker has loaded, and match the reference
// counts of an independent tokenizer; the "Tokenizer" choice changes them
// and is remembered; every unit and section shows its cost, a section how
// much of it is on; "Largest parts" links move focus into the structure;
// the "Budget" meter reads over and under; an export over its tool's
// limit warns; the worker's requests are same-origin GETs of its files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, paste, waitPrompt, audit, useApp, structure } from './harness.mjs';
import { isTokenizerFile } from '../scripts/tokenizer-files.mjs';

const app = useApp();

const REFERENCE = JSON.parse(readFileSync(new URL('../tests/reference/tokens.json', import.meta.url), 'utf8'));
const reference = (name) => REFERENCE.cases.find((c) => c.name === name);

const costsRegion = (page) => page.getByRole('region', { name: 'What it costs' });
const promptPane = (page) => page.getByRole('region', { name: 'Assembled prompt' });
// The counts: "Prompt" and "Whole document", each a definition.
const promptCount = (page) => promptPane(page).getByRole('definition').first();
const wholeCount = (page) => promptPane(page).getByRole('definition').nth(1);

/** Waits until the Prompt line shows `tokens` ("56 tokens", "≈68 tokens"). */
async function waitTokens(page, tokens) {
  const line = promptCount(page);
  for (let i = 0; i < 300; i++) {
    const text = (await line.textContent()) ?? '';
    if (text.endsWith(` ${tokens}`)) return text;
    await page.waitForTimeout(50);
  }
  assert.fail(`the Prompt line never showed ${tokens}: ${await line.textContent()}`);
}

test('counts go from estimate to exact, match the reference, follow the Tokenizer choice, which is remembered', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const md = reference('markdown persona');
  await paste(page, md.text);
  await waitPrompt(page, (p) => p.includes('Cite the line.'));
  // Before the worker answers the count is an estimate.
  assert.match((await promptCount(page).textContent()) ?? '', /≈[\d,]+ tokens$/);
  await waitTokens(page, `${md.o200k_base} tokens`);
  // Everything on: the whole document is the prompt, counted whole.
  assert.match(await wholeCount(page).textContent(), new RegExp(` ${md.o200k_base} tokens$`));
  const select = costsRegion(page).getByRole('combobox', { name: 'Tokenizer' });
  await select.selectOption({ label: 'cl100k_base (GPT-4, GPT-3.5)' });
  await waitTokens(page, `${md.cl100k_base} tokens`);
  await select.selectOption({ label: 'Claude (estimate from o200k)' });
  await waitTokens(page, `≈${Math.ceil((md.o200k_base * 12) / 10)} tokens`);
  await costsRegion(page).getByText('Claude counts are estimates').waitFor();
  await select.selectOption({ label: 'cl100k_base (GPT-4, GPT-3.5)' });
  await page.reload();
  await page.locator('textarea#document').waitFor();
  assert.equal(await costsRegion(page).getByRole('combobox', { name: 'Tokenizer' }).inputValue(), 'cl100k');
  await waitTokens(page, `${md.cl100k_base} tokens`);
  assert.deepEqual(errors, []);
  await context.close();
});

const DOC = `# Reviewer

You review pull requests for a small team.

## Style

- Be kind.
- Use plain words, never jargon, and explain every term you cannot avoid, with an example from the diff.
- Cite the line.

## Scope

Only review the diff. Leave formatting to the linter, and never ask for changes outside the pull request.

## 中文

请用简洁的中文回答问题，并给出代码示例。
`;

test('every part shows its cost, a section what of it is on; Largest parts links move focus', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url, { bypassCSP: true });
  await paste(page, DOC);
  await waitPrompt(page, (p) => p.includes('Cite the line.'));
  const row = (name) => structure(page).locator('.row', { has: page.getByRole('checkbox', { name, exact: true }) });
  // Exact counts once loaded: no ≈ left on the rows.
  const kind = row('Be kind.').locator('.cost');
  for (let i = 0; i < 300 && (await kind.textContent()).includes('≈'); i++) await page.waitForTimeout(50);
  assert.match(await kind.textContent(), /^\d+ tokens$/);
  const style = structure(page).locator('legend .row', { hasText: 'Style' }).locator('.cost');
  const total = Number((await style.textContent()).replace(/\D/g, ''));
  assert.ok(total > 20, `the Style section costs ${total}`);
  await structure(page).getByRole('checkbox', { name: 'Be kind.', exact: true }).uncheck();
  await style.filter({ hasText: ' of ' }).waitFor();
  const [on, all] = (await style.textContent()).replace(/ tokens$/, '').split(' of ').map((n) => Number(n.replace(/\D/g, '')));
  assert.equal(all, total);
  assert.equal(on, total - Number((await kind.textContent()).replace(/\D/g, '')));

  // Largest parts: at most ten, costliest first, each moving focus to its checkbox.
  const list = costsRegion(page).getByRole('list', { name: 'Largest parts' });
  const links = list.getByRole('link');
  const n = await links.count();
  assert.ok(n > 3 && n <= 10, `${n} largest parts`);
  const costs = await list.locator('.cost').allTextContents();
  const values = costs.map((c) => Number(c.replace(/\D/g, '')));
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.ok(!(await links.allTextContents()).includes('Be kind.'), 'a part switched off is not listed');
  // A unit inside a collapsed section: the link expands it and focuses it.
  await page.getByRole('button', { name: 'Collapse all' }).click();
  const long = links.filter({ hasText: 'Use plain words' });
  await long.click();
  const focused = structure(page).getByRole('checkbox', { name: /^Use plain words/ });
  await focused.waitFor();
  await page.waitForFunction(() => document.activeElement?.type === 'checkbox' && document.activeElement.closest('.row')?.textContent.includes('Use plain words'));
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Budget meter reads under and over; a token budget follows the count', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await paste(page, DOC);
  await waitPrompt(page, (p) => p.includes('Cite the line.'));
  const budget = costsRegion(page).getByRole('combobox', { name: 'Budget' });
  await budget.selectOption({ label: 'Windsurf rule: 6,000 characters' });
  // The meter's text, which describes it.
  const meter = costsRegion(page).getByRole('meter', { name: 'Budget used' });
  const text = costsRegion(page).locator(`#${await meter.getAttribute('aria-describedby')}`);
  const chars = (await promptCount(page).textContent()).match(/^([\d,]+) characters/)[1];
  assert.equal(await text.textContent(), `${chars} of 6,000 characters, ${(6000 - Number(chars.replace(/,/g, ''))).toLocaleString('en-US')} left`);
  assert.equal(await meter.getAttribute('max'), '6000');
  await budget.selectOption({ label: 'A number of tokens' });
  const limit = costsRegion(page).getByRole('spinbutton', { name: 'Token budget' });
  await limit.fill('10');
  await text.filter({ hasText: 'over' }).waitFor();
  assert.match(await text.textContent(), /^[\d,]+ of 10 tokens, [\d,]+ over$/);
  assert.ok(await costsRegion(page).locator('.meter.over').count(), 'the meter reads over');
  await limit.fill('100000');
  await text.filter({ hasText: 'left' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an export over its tool’s limit warns, and stops warning when the selection fits', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const long = Array.from({ length: 90 }, (_, i) => `- Rule ${i}: answer precisely and cite the source of every claim you make.`).join('\n');
  await paste(page, `# Rules\n\n## Many\n\n${long}\n\n## Few\n\nBe brief.\n`);
  await waitPrompt(page, (p) => p.includes('Rule 89'));
  await page.getByLabel('Export as').selectOption({ label: 'Windsurf rule (.md)' });
  const warnings = page.getByRole('list', { name: 'Export warnings' });
  await warnings.getByText(/Windsurf reads at most 6,000 characters of a file; this export has [\d,]+\./).waitFor();
  await structure(page).getByRole('checkbox', { name: 'Many', exact: true }).uncheck();
  await waitPrompt(page, (p) => !p.includes('Rule 89'));
  for (let i = 0; i < 100 && (await page.getByText('Windsurf reads at most').count()); i++) await page.waitForTimeout(30);
  assert.equal(await page.getByText('Windsurf reads at most').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the tokenizer cannot load, counts stay estimates and say so', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const wasm = (url) => isTokenizerFile(url) && url.pathname.endsWith('_bg.wasm');
  await context.route(wasm, (route) => route.fulfill({ status: 404, body: '' }));
  await paste(page, reference('english').text);
  await costsRegion(page).getByText('The tokenizer could not load: counts are estimates (≈).').waitFor({ timeout: 15_000 });
  assert.match((await promptCount(page).textContent()) ?? '', /≈[\d,]+ tokens$/);
  // The failed fetch is the browser's console error, not the app's.
  assert.deepEqual(errors.filter((e) => !e.includes('404') && !e.includes('Failed to load') && !e.includes('WebAssembly')), []);
  await context.close();
});
