// The tokenizer workers' files, in one place: the binaries Trunk builds
// (one per encoding), the names scripts/tokenizer-name.mjs gives their
// files (tokenizer-<encoding>-<content hash>_loader.js, .js and _bg.wasm)
// and the placeholders in index.html it writes the loaders' names into.
// Read by the post-build steps and the end-to-end tests.

import { readFileSync } from 'node:fs';

/** Each worker: its binary, the stem of its files' names, its placeholder. */
export const WORKERS = [
  ['tokenizer_o200k', 'tokenizer-o200k', 'TOKENIZER_O200K'],
  ['tokenizer_cl100k', 'tokenizer-cl100k', 'TOKENIZER_CL100K'],
];

/** A tokenizer worker's file, as named after the build. */
export const TOKENIZER_FILE = /^tokenizer-[a-z0-9]+-[0-9a-f]+(_loader\.js|\.js|_bg\.wasm)$/;

/** Whether the URL (or path) `url` names a tokenizer worker's file. */
export const isTokenizerFile = (url) => TOKENIZER_FILE.test(String(url).split(/[?#]/)[0].split('/').pop());

/**
 * What a worker posts when it cannot answer, read from the protocol's one
 * definition (src/persona/tokens/protocol.rs), which the app and the
 * workers use too: the loader posts it when the wasm fails to load.
 */
export const FAILED = (() => {
  const protocol = new URL('../src/persona/tokens/protocol.rs', import.meta.url);
  const found = readFileSync(protocol, 'utf8').match(/pub const FAILED: &str = "([^"]+)";/);
  if (!found) throw new Error(`no FAILED message in ${protocol.pathname}`);
  return found[1];
})();
