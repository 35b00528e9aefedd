// Post-build step: writes into the staged sw.js the list of files a first
// visit caches (every file of the build but the service worker itself and
// the tokenizer workers' files), the list of files it caches when the app
// first asks for them (the tokenizers': megabytes a phone should not
// download twice), both with paths relative to it, so any sub-path works,
// and a version derived from their contents, so that each new build is a
// new worker. Runs last, after the glue and index.html have their final
// bytes.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TOKENIZER_FILE } from './tokenizer-files.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const worker = join(dir, 'sw.js');
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).replaceAll('\\', '/'))
  // Not the worker itself; not index.html by its name, which hosts often
  // redirect to the folder (a redirected response cannot answer a
  // navigation): the page is cached as `./`.
  .filter((f) => f !== 'sw.js' && f !== 'index.html' && !f.startsWith('.'))
  .sort();
// The tokenizer workers' loaders, glue and wasm.
const lazy = files.filter((f) => TOKENIZER_FILE.test(f));
const eager = files.filter((f) => !lazy.includes(f));
const hash = createHash('sha256');
for (const f of [...files, 'index.html']) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const list = JSON.stringify(['./', ...eager.map((f) => `./${f}`)]);
const later = JSON.stringify(lazy.map((f) => `./${f}`));
let source = readFileSync(worker, 'utf8');
for (const placeholder of ['__PRECACHE_FILES__', '__LATER_FILES__']) {
  if (!source.includes(placeholder)) {
    console.error(`precache: no ${placeholder} placeholder in`, worker);
    process.exit(1);
  }
}
source = source
  .replace('__PRECACHE_VERSION__', version)
  .replace('__PRECACHE_FILES__', list)
  .replace('__LATER_FILES__', later);
writeFileSync(worker, source);
console.log(`precache: ${eager.length} files, ${lazy.length} on first use, version ${version}, in ${worker}`);
