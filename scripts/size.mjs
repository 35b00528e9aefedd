// Prints the first-load size of the release build (dist/: html, js, wasm,
// css; gzip -9) and fails when it is over the budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dir = process.argv[2] || 'dist';
let total = 0;
const rows = [];
for (const name of readdirSync(dir)) {
  if (!/\.(html|js|wasm|css)$/.test(name)) continue;
  const raw = readFileSync(join(dir, name));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push(`  ${name.padEnd(48)} ${String(raw.length).padStart(9)} B  ${String(gz).padStart(8)} B gzip`);
}
console.log(rows.join('\n'));
const kib = (total / 1024).toFixed(1);
console.log(`first load: ${kib} KiB gzip (budget ${BUDGET / 1024} KiB)`);
if (total > BUDGET && !process.env.SIZE_BUDGET_REPORT_ONLY) {
  console.error(`size: over budget by ${((total - BUDGET) / 1024).toFixed(1)} KiB`);
  process.exit(1);
}
