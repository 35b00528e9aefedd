// Prints the first-load size of the release build, gzip -9 and brotli
// (quality 11): index.html, every file it names (glue, wasm, icon; the
// style sheet is inline), the glue's snippets, and the loader of the
// lazily loaded chunks, which the glue imports. Then, apart, what loads
// after the first structure (the panels' chunks) and is not counted; nor
// are the tokenizer workers or what the service worker caches after load
// (the PNG icons, the manifest). Fails when the first load (gzip) grows
// past the ceiling: the last measured size plus a little, lowered as the
// size comes down. Every change of the ceiling and its reason is in
// BENCHMARKS.md ("Bundle size").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DEFERRED_FILE, SPLIT_LOADER } from './split-files.mjs';

const TARGET = 250 * 1024;
const CEILING = 499 * 1024;
const dir = process.argv[2] || 'dist';
const index = readFileSync(join(dir, 'index.html'), 'utf8');
const firstLoad = (name) =>
  name === 'index.html' || name.startsWith('snippets/') || index.includes(`./${name}`) || SPLIT_LOADER.test(name);
const sizes = (raw) => ({
  raw: raw.length,
  gz: gzipSync(raw, { level: 9 }).length,
  br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const kib = (n) => (n / 1024).toFixed(1);
const row = (name, s) =>
  `  ${name.padEnd(60)} ${String(s.raw).padStart(9)} B  ${String(s.gz).padStart(8)} B gzip  ${String(s.br).padStart(8)} B br`;
const first = { gz: 0, br: 0 };
const later = { gz: 0, br: 0, files: 0 };
const rows = [];
for (const entry of readdirSync(dir, { recursive: true })) {
  const name = entry.replaceAll('\\', '/');
  if (!/\.(html|js|wasm|css|svg)$/.test(name)) continue;
  if (firstLoad(name)) {
    const s = sizes(readFileSync(join(dir, name)));
    first.gz += s.gz;
    first.br += s.br;
    rows.push(row(name, s));
  } else if (DEFERRED_FILE.test(name)) {
    const s = sizes(readFileSync(join(dir, name)));
    later.gz += s.gz;
    later.br += s.br;
    later.files += 1;
  }
}
console.log(rows.join('\n'));
console.log(`after the first structure: ${later.files} chunks, ${kib(later.gz)} KiB gzip, ${kib(later.br)} KiB brotli (not counted)`);
console.log(`first load: ${kib(first.gz)} KiB gzip, ${kib(first.br)} KiB brotli (target ${kib(TARGET)} KiB, ceiling ${kib(CEILING)} KiB gzip)`);
if (first.gz > TARGET) console.log(`size: ${kib(first.gz - TARGET)} KiB over the target`);
if (first.gz > CEILING) {
  console.error(`size: over the ceiling by ${kib(first.gz - CEILING)} KiB`);
  process.exit(1);
}
