// Trunk post_build hook: minifies the wasm-bindgen glue (Trunk's own JS
// minifier cannot parse its `export default` and ships it as it is) with
// terser, then puts the new sha384 of each minified file into the
// `integrity` attribute index.html gives it, so that the browser still
// checks what it loads. Runs before csp-hash.mjs (which hashes the inline
// loader, not these files). Release builds only: a debug build keeps the
// glue readable.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
// (Not `process.exit`: the steps after this one run in the same process.)
const release = !process.env.TRUNK_PROFILE || process.env.TRUNK_PROFILE === 'release';

const indexFile = join(dir, 'index.html');
let html = release ? readFileSync(indexFile, 'utf8') : '';
let saved = 0;
// The scripts index.html loads with an integrity hash: the glue (not the
// service worker, which the browser fetches itself).
const loaded = (name) => html.includes(`./${name} `) || html.includes(`"./${name}"`) || html.includes(`./${name}>`);
for (const name of release ? readdirSync(dir).filter((n) => n.endsWith('.js') && loaded(n)) : []) {
  const file = join(dir, name);
  const source = readFileSync(file, 'utf8');
  const { code } = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (code === undefined) throw new Error(`minify-glue: terser gave nothing for ${name}`);
  writeFileSync(file, code);
  saved += source.length - code.length;
  const integrity = `sha384-${createHash('sha384').update(code, 'utf8').digest('base64')}`;
  // The attribute of the element whose href names this file (quoted or not).
  const element = new RegExp(`(<[^>]*href="?\\./${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?[^>]*integrity=)"?sha384-[A-Za-z0-9+/=]+"?`);
  if (!element.test(html)) throw new Error(`minify-glue: no integrity attribute for ${name} in ${indexFile}`);
  html = html.replace(element, `$1${integrity}`);
}
if (release) {
  writeFileSync(indexFile, html);
  console.log(`minify-glue: ${saved} bytes of JS removed, integrity updated in ${indexFile}`);
}
