// Trunk post_build hook: puts the sha256 of every inline <script> of the
// staged index.html into its Content-Security-Policy, replacing the
// TRUNK_LOADER_HASH placeholder. Without it the CSP would need
// 'unsafe-inline' for Trunk's loader.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes('TRUNK_LOADER_HASH')) {
  console.error('csp-hash: no TRUNK_LOADER_HASH placeholder in', file);
  process.exit(1);
}
html = html.replace('TRUNK_LOADER_HASH', hashes.join(' '));
writeFileSync(file, html);
console.log(`csp-hash: ${hashes.length} inline script(s) hashed into the CSP of ${file}`);
