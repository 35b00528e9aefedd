// Post-build step, first: brings the app's lazily loaded code into the
// build. scripts/bin/wasm-bindgen split the app's wasm into target/
// wasm-split/<profile>: the main module (which Trunk staged as
// persona-playground-<hash>_bg.wasm), a split_*.wasm per lazy function,
// chunk_*.wasm for code several share, and __wasm_split.js, the loader the
// glue imports. Here each chunk is optimised (wasm-opt, in release) and
// named by its content, the loader is pointed at them and at the glue as
// the page loads it (the same URL, or its module would be a second,
// uninitialised copy), minified and named by its content, and the glue's
// import of it follows. The glue's import-object key stays
// "./__wasm_split.js": it is the module name inside the main wasm.
// A build without the split (no __wasm_split.js import) is left alone.
// (Not `process.exit` but for errors: the steps after this one run in the
// same process.)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { deferredName } from './split-files.mjs';

const LOADER = '__wasm_split.js';
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const profile = process.env.TRUNK_PROFILE || 'release';
const split = join(process.env.CARGO_TARGET_DIR || 'target', 'wasm-split', profile);
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const glueName = html.match(/persona-playground-[0-9a-f]+\.js/)?.[0];
if (!glueName) {
  console.error('split-assets: no persona-playground-<hash>.js in index.html');
  process.exit(1);
}
const gluePath = join(dir, glueName);
let glue = readFileSync(gluePath, 'utf8');
// (wasm-bindgen writes one import of it per function it lends the wasm.)
const importOf = new RegExp(`(import \\* as \\w+ from )"\\./${LOADER.replaceAll('.', '\\.')}"`, 'g');
const splitBuild = glue.match(importOf) !== null;
if (splitBuild && !existsSync(join(split, LOADER))) {
  console.error(`split-assets: the glue imports ${LOADER}, but ${split} has none`);
  process.exit(1);
}

const named = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Brings the chunks and the loader into the build. */
async function bring() {
  let loader = readFileSync(join(split, LOADER), 'utf8');
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== 'persona-playground.wasm');
  let total = 0;
  for (const chunk of chunks.sort()) {
    const from = join(split, chunk);
    const optimised = join(split, `${chunk}.opt`);
    if (profile === 'release') {
      execFileSync('wasm-opt', ['--low-memory-unused', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '-Oz', from, '-o', optimised]);
    }
    const bytes = readFileSync(profile === 'release' ? optimised : from);
    rmSync(optimised, { force: true });
    const name = deferredName(chunk.replace(/\.wasm$/, ''), named(bytes));
    writeFileSync(join(dir, name), bytes);
    total += bytes.length;
    if (!loader.includes(`"./${chunk}"`)) {
      console.error(`split-assets: ${LOADER} does not name ${chunk}`);
      process.exit(1);
    }
    loader = loader.replaceAll(`"./${chunk}"`, `"./${name}"`);
  }
  if (!loader.includes('"./persona-playground.js"')) {
    console.error(`split-assets: ${LOADER} does not import ./persona-playground.js`);
    process.exit(1);
  }
  loader = loader.replaceAll('"./persona-playground.js"', `"./${glueName}"`);
  if (profile === 'release') {
    const out = await minify(loader, { module: true, compress: true, mangle: true });
    loader = out.code;
  }
  const loaderName = `__wasm_split-${named(loader)}.js`;
  writeFileSync(join(dir, loaderName), loader);
  glue = glue.replaceAll(importOf, `$1"./${loaderName}"`);
  writeFileSync(gluePath, glue);
  console.log(`split-assets: ${chunks.length} chunks (${total} bytes) and ${loaderName}`);
}

if (splitBuild) await bring();
else console.log('split-assets: not a split build; nothing to do');
