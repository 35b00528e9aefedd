// Trunk post_build hook: puts the sha256 of every inline <script> and
// <style> of the staged index.html into its Content-Security-Policy, in
// place of the TRUNK_SCRIPT_HASHES and TRUNK_STYLE_HASHES placeholders.
// Without it the CSP would need 'unsafe-inline' for Trunk's loader and for
// the inlined style sheet.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

/** The CSP sources for the bodies of the document's inline `tag`s. */
function inlineHashes(tag) {
  const inline = new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(inline)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
}

for (const [placeholder, tag] of [
  ['TRUNK_SCRIPT_HASHES', 'script'],
  ['TRUNK_STYLE_HASHES', 'style'],
]) {
  if (!html.includes(placeholder)) {
    console.error(`csp-hash: no ${placeholder} placeholder in`, file);
    process.exit(1);
  }
  const hashes = inlineHashes(tag);
  html = html.replace(placeholder, hashes.join(' '));
  console.log(`csp-hash: ${hashes.length} inline ${tag}(s) hashed into the CSP of ${file}`);
}
writeFileSync(file, html);
