// Post-build step: names the tokenizer worker's files by their content and
// writes the loader's name into index.html. Trunk names a worker's files
// after its binary only (tokenizer_loader.js, tokenizer.js,
// tokenizer_bg.wasm), so a host could cache an old one under the same
// name, and the service worker could keep it; here they become
// tokenizer-<hash>_loader.js, tokenizer-<hash>.js and
// tokenizer-<hash>_bg.wasm, the loader rewritten to load the new names.
// The loader's name replaces the TOKENIZER_WORKER placeholder of
// index.html's <meta name="tokenizer-worker">, where the app reads it;
// written without "./", so scripts/size.mjs does not count the worker in
// the first load.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
const [loader, glue, wasm] = ['tokenizer_loader.js', 'tokenizer.js', 'tokenizer_bg.wasm'];
for (const f of [loader, glue, wasm]) {
  if (!existsSync(join(dir, f))) {
    console.error(`tokenizer-name: no ${f} in ${dir}`);
    process.exit(1);
  }
}
const hash = createHash('sha256');
for (const f of [glue, wasm]) hash.update(readFileSync(join(dir, f)));
const stem = `tokenizer-${hash.digest('hex').slice(0, 16)}`;
const names = { glue: `${stem}.js`, wasm: `${stem}_bg.wasm`, loader: `${stem}_loader.js` };
renameSync(join(dir, glue), join(dir, names.glue));
renameSync(join(dir, wasm), join(dir, names.wasm));
// Trunk's shim, with the new names, the glue's initialiser given an
// object (its bare-path form is deprecated and says so on the console).
const shim = readFileSync(join(dir, loader), 'utf8');
const expected = `importScripts("./${glue}");wasm_bindgen("./${wasm}");`;
if (shim.trim() !== expected) {
  console.error(`tokenizer-name: the loader is not Trunk's usual shim: ${shim}`);
  process.exit(1);
}
// A failure to fetch or compile the wasm rejects the initialiser's
// promise, which the page's Worker never hears of: say it.
writeFileSync(
  join(dir, names.loader),
  `importScripts("./${names.glue}");wasm_bindgen({ module_or_path: "./${names.wasm}" }).catch(() => postMessage("error"));`,
);
rmSync(join(dir, loader));
const html = readFileSync(file, 'utf8');
if (!html.includes('TOKENIZER_WORKER')) {
  console.error('tokenizer-name: no TOKENIZER_WORKER placeholder in', file);
  process.exit(1);
}
writeFileSync(file, html.replace('TOKENIZER_WORKER', names.loader));
console.log(`tokenizer-name: ${names.loader} in ${file}`);
