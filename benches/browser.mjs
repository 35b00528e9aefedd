// Browser benchmark (not a test): times the release app in Debian's
// Chromium. Run after `trunk build --release --offline`:
//   node benches/browser.mjs
// Prints a Markdown table for BENCHMARKS.md. Each figure is the median of
// several runs, measured inside the page from the event to the frame after
// the prompt changed.
import { serve, launch, open } from '../e2e/harness.mjs';

const RUNS = 5;

function persona(bytes) {
  let s = '---\nname: bench-agent\ndescription: A long persona for benchmarks.\ntools: Read, Grep\n---\n# Bench Agent\n\nYou review code carefully.\n\n';
  for (let n = 1; s.length < bytes; n++) {
    s += `## Area ${n}\n\nThis area covers **topic ${n}** and how \`module_${n}\` should behave.\n\nMust follow:\n`;
    for (let i = 0; i < 8; i++) {
      s += `- Rule ${n}.${i}: keep functions short, name things well, and test edge cases.\n`;
      if (i % 3 === 0) s += `  - Nested detail ${n}.${i} with a [link](https://example.com/${n}).\n`;
    }
    s += '\n';
  }
  return s;
}

function items(count) {
  let s = '# Many guidelines\n\n';
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) s += `\n## Group ${i / 50 + 1}\n\n`;
    s += `- Guideline ${i}: answer precisely and cite the source of every claim.\n`;
  }
  return s;
}

// The persona with a variable, `{{topic}}`, in every area's heading.
const template = (bytes) => persona(bytes).replaceAll('## Area ', '## Area for {{topic}}, ');

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// In the page: set the text as a paste would and wait for the prompt.
const pasteInPage = async (text) => {
  const box = document.getElementById('document');
  const out = document.getElementById('prompt');
  const before = out.textContent;
  const t0 = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  while (out.textContent === before) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
};

// In the page: type `value` into the first variable's box and wait for
// the prompt.
const fillInPage = async (value) => {
  const box = document.querySelector('.variable-list input');
  const out = document.getElementById('prompt');
  const before = out.textContent;
  const t0 = performance.now();
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  while (out.textContent === before) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
};

const toggleInPage = async (index) => {
  const boxes = document.querySelectorAll('section[aria-label=Structure] li input[type=checkbox]');
  const out = document.getElementById('prompt');
  const before = out.textContent;
  const t0 = performance.now();
  boxes[index].click();
  while (out.textContent === before) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
};

// In the page: open the editor on item `index` (F2), write `text`, and time
// from Enter to the frame after the prompt changed. Null when the build
// has no editor.
const editInPage = async ({ index, text }) => {
  const boxes = document.querySelectorAll('section[aria-label=Structure] li input[type=checkbox]');
  boxes[index].focus();
  boxes[index].dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true }));
  let area = null;
  for (let i = 0; i < 200 && !(area = document.querySelector('.editor textarea')); i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  if (!area) return null;
  area.value = text;
  const out = document.getElementById('prompt');
  const before = out.textContent;
  const t0 = performance.now();
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  while (out.textContent === before) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
};

// In the page: set the filter to `query` as a key press would (from
// `from`: '' is the whole structure, else an earlier query), and time
// until the frame after the structure changed. Null when the build has no filter.
const filterInPage = async ({ from, query }) => {
  const box = document.getElementById('filter');
  const status = document.querySelector('.filter-count');
  if (!box || !status) return null;
  const structure = document.querySelector('section[aria-label=Structure]');
  const set = async (text) => {
    // The structure changes in one update after the key; the frame after
    // it shows the matches.
    const changed = new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        seen.disconnect();
        resolve();
      });
      seen.observe(structure, { childList: true, subtree: true, characterData: true });
    });
    const t0 = performance.now();
    box.value = text;
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await changed;
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  };
  if (box.value !== from) await set(from);
  return set(query);
};

const clearFilter = () => {
  const box = document.getElementById('filter');
  if (!box) return;
  box.value = '';
  box.dispatchEvent(new InputEvent('input', { bubbles: true }));
};

const server = await serve('/');
const browser = await launch();
const { page } = await open(browser, server.url);

const rows = [];
for (const [label, doc] of [['20 KB persona', persona(20 * 1024)], ['1 MB persona', persona(1024 * 1024)]]) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    await page.evaluate(pasteInPage, '# reset\n');
    times.push(await page.evaluate(pasteInPage, doc + `\n<!-- run ${r} -->\n`));
  }
  rows.push([`paste → prompt, ${label}`, median(times)]);
  console.error(rows.at(-1));
}
for (const [label, doc] of [['20 KB persona', template(20 * 1024)], ['1 MB persona', template(1024 * 1024)]]) {
  await page.evaluate(pasteInPage, doc);
  // A build before variables has no form: nothing to time.
  if (!(await page.waitForSelector('.variable-list input', { timeout: 3000 }).catch(() => null))) break;
  await page.waitForTimeout(1000);
  const times = [];
  for (let r = 0; r < RUNS * 2; r++) times.push(await page.evaluate(fillInPage, `value ${r}`));
  rows.push([`fill a variable (key → prompt), ${label}, a use per section`, median(times)]);
  console.error(rows.at(-1));
}
for (const count of [1000, 20000]) {
  await page.evaluate(pasteInPage, items(count));
  // Let the autosave of the paste finish before timing toggles.
  await page.waitForTimeout(1000);
  const times = [];
  for (let r = 0; r < RUNS * 2; r++) times.push(await page.evaluate(toggleInPage, r % 20));
  rows.push([`toggle one item, ${count.toLocaleString('en')} items`, median(times)]);
  console.error(rows.at(-1));
  const edits = [];
  for (let r = 0; r < RUNS * 2; r++) {
    // Items the toggles above left alone (an edited item that is off
    // stays off, and the prompt would not change).
    const ms = await page.evaluate(editInPage, { index: 20 + ((r * 7) % 20), text: `Edited guideline ${r}: say less.` });
    if (ms === null) break;
    edits.push(ms);
  }
  if (edits.length) rows.push([`edit one item (Enter → prompt), ${count.toLocaleString('en')} items`, median(edits)]);
  // Words, a heading's word (everything under "Group 3"), and two words.
  // The first key of a filter replaces the whole structure; the next
  // ones replace one filtered view with another.
  const queries = ['cite', 'guideline 12', 'group 3', 'precisely claim'];
  for (const [kind, from] of [['first key', () => ''], ['next key', (r) => queries[(r + 1) % queries.length]]]) {
    const filters = [];
    for (let r = 0; r < RUNS * 2; r++) {
      const ms = await page.evaluate(filterInPage, { from: from(r), query: queries[r % queries.length] });
      if (ms === null) break;
      filters.push(ms);
    }
    await page.evaluate(clearFilter);
    if (filters.length) rows.push([`filter, ${kind} → matches shown, ${count.toLocaleString('en')} items`, median(filters)]);
    console.error(rows.at(-1));
  }
}
console.log('| Browser benchmark (Chromium, release build) | median |\n|---|---|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} ms |`);
await browser.close();
server.close();
