// Every format people paste today, opened with the file picker under its
// real file name: the structure shows the dialect's label and the name a
// person would give. Files with names the app never saw before open, as
// long as they hold text; binary content is refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, useApp, structure } from './harness.mjs';

const fixture = (p) => readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url));

const app = useApp();


// [fixture, the file name a person has, dialect label, name heading]
const FORMATS = [
  ['gemini/GEMINI.md', 'GEMINI.md', 'Gemini CLI context file', 'Tidewater docs site'],
  ['windsurf/python-style.md', 'python-style.md', 'Windsurf rule', 'Python style for the ingestion workers'],
  ['windsurf/legacy.windsurfrules', '.windsurfrules', 'Windsurf rule', 'Harbor'],
  ['kiro/api-conventions.md', 'api-conventions.md', 'Kiro steering file', 'API conventions'],
  ['cline/project.clinerules', '.clinerules', 'Cline rule', 'Ledgerline project rules'],
  ['cline/coding-style.md', 'coding-style.md', 'Cline rule', 'API crate style'],
  ['roo/modes-yaml.roomodes', '.roomodes', 'Roo Code modes', '🧪 Test Pilot, Docs Scribe'],
  ['roo/modes-json.roomodes', '.roomodes', 'Roo Code modes', '🐘 SQL Tuner, Release Captain'],
  ['claude-command/review-pr.md', 'review-pr.md', 'Claude Code command', '/review-pr'],
  ['claude-output-style/mentor.md', 'mentor.md', 'Claude Code output style', 'Mentor'],
  ['copilot/review.prompt.md', 'review.prompt.md', 'GitHub Copilot prompt', 'review'],
  ['copilot/planner.agent.md', 'planner.agent.md', 'GitHub Copilot agent', 'Planner'],
  ['copilot/architect.chatmode.md', 'architect.chatmode.md', 'GitHub Copilot chat mode', 'Atlas'],
  ['opencode/security-auditor.md', 'security-auditor.md', 'OpenCode agent', 'security-auditor'],
  ['continue/explain-diff.prompt', 'explain-diff.prompt', 'Continue prompt', 'Explain diff'],
];

test('each format opened under its real file name shows its dialect and name', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  const region = structure(page);
  for (const [path, name, dialect, heading] of FORMATS) {
    await page.getByLabel('Open files').setInputFiles({ name, mimeType: '', buffer: fixture(path) });
    await region.getByRole('heading', { name: heading, exact: true }).waitFor();
    const shown = await region.locator('.dialect strong').textContent();
    assert.equal(shown, dialect, `${path} as ${name}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Roo Code mode is a section with its slug and groups as its metadata', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await page.getByLabel('Open files').setInputFiles({ name: '.roomodes', mimeType: '', buffer: fixture('roo/modes-yaml.roomodes') });
  const region = structure(page);
  const group = region.getByRole('group', { name: /Docs Scribe/ });
  await group.waitFor();
  const meta = group.locator('dl[aria-label="Docs Scribe metadata"]');
  assert.match(await meta.textContent(), /slugdocs-scribe/);
  assert.match(await meta.textContent(), /colorteal/);
  // Its parts are framed by their keys, each with its own checkbox.
  await group.getByRole('checkbox', { name: '<roleDefinition>' }).waitFor();
  const pilot = region.getByRole('group', { name: /Test Pilot/ });
  await pilot.getByRole('checkbox', { name: '<customInstructions>' }).waitFor();
  assert.match(await pilot.locator('dl').first().textContent(), /slugtest-pilot/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('any text file opens whatever its name, and binary content is refused by name', async () => {
  const { page, errors, context } = await open(app.browser, app.server.url);
  await page.getByLabel('Open files').setInputFiles([
    { name: 'notes.rules', mimeType: '', buffer: Buffer.from('# House rules\n\n- Be brief.\n') },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
  ]);
  await page.getByText(/“photo\.png” was not imported: it is not a text file\./).waitFor();
  await page.getByRole('list', { name: 'Saved documents' }).getByText('House rules').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
