// Post-build step: names the tokenizer workers' files by their content and
// writes each loader's name into index.html. Trunk names a worker's files
// after its binary only (tokenizer_o200k_loader.js, tokenizer_o200k.js,
// tokenizer_o200k_bg.wasm), so a host could cache an old one under the
// same name, and the service worker could keep it; here they become
// tokenizer-o200k-<hash>_loader.js, tokenizer-o200k-<hash>.js and
// tokenizer-o200k-<hash>_bg.wasm, the loader rewritten to load the new
// names. Each loader's name replaces its placeholder in index.html's
// <meta name="tokenizer-…">, where the app reads it; written without
// "./", so scripts/size.mjs does not count the workers in the first load.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAILED, WORKERS } from './tokenizer-files.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');

/** Renames one worker's files; returns its loader's new name. */
function rename(bin, stem) {
  const [loader, glue, wasm] = [`${bin}_loader.js`, `${bin}.js`, `${bin}_bg.wasm`];
  for (const f of [loader, glue, wasm]) {
    if (!existsSync(join(dir, f))) {
      console.error(`tokenizer-name: no ${f} in ${dir}`);
      process.exit(1);
    }
  }
  const hash = createHash('sha256');
  for (const f of [glue, wasm]) hash.update(readFileSync(join(dir, f)));
  const named = `${stem}-${hash.digest('hex').slice(0, 16)}`;
  const names = { glue: `${named}.js`, wasm: `${named}_bg.wasm`, loader: `${named}_loader.js` };
  renameSync(join(dir, glue), join(dir, names.glue));
  renameSync(join(dir, wasm), join(dir, names.wasm));
  // Trunk's shim, with the new names, the glue's initialiser given an
  // object (its bare-path form is deprecated and says so on the console).
  // A failure to fetch or compile the wasm rejects the initialiser's
  // promise, which the page's Worker never hears of: say it.
  const shim = readFileSync(join(dir, loader), 'utf8');
  if (shim.trim() !== `importScripts("./${glue}");wasm_bindgen("./${wasm}");`) {
    console.error(`tokenizer-name: the loader is not Trunk's usual shim: ${shim}`);
    process.exit(1);
  }
  writeFileSync(
    join(dir, names.loader),
    `importScripts("./${names.glue}");wasm_bindgen({ module_or_path: "./${names.wasm}" }).catch(() => postMessage(${JSON.stringify(FAILED)}));`,
  );
  rmSync(join(dir, loader));
  return names.loader;
}

let html = readFileSync(file, 'utf8');
for (const [bin, stem, placeholder] of WORKERS) {
  if (!html.includes(placeholder)) {
    console.error(`tokenizer-name: no ${placeholder} placeholder in`, file);
    process.exit(1);
  }
  const loader = rename(bin, stem);
  html = html.replace(placeholder, loader);
  console.log(`tokenizer-name: ${loader} in ${file}`);
}
writeFileSync(file, html);
