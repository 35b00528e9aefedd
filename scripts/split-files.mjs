// The app's lazily loaded files, in one place: how scripts/split-assets.mjs
// names them (the splitter's split_<function>_<n> and chunk_<n>, then a
// hash of the content), read by the size report and the tests.

/** A lazily loaded chunk of the app, as named after the build. */
export const DEFERRED_FILE = /^(split_\w+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;

/** The loader of the chunks, which the glue imports (a first-load file). */
export const SPLIT_LOADER = /^__wasm_split-[0-9a-f]{16}\.js$/;

/** Whether the URL (or path) `url` names a lazily loaded chunk. */
export const isDeferredFile = (url) => DEFERRED_FILE.test(String(url).split(/[?#]/)[0].split('/').pop());

/** The name a chunk gets: its stem and the first 16 hex of its hash. */
export const deferredName = (stem, hash) => `${stem}-${hash.slice(0, 16)}.wasm`;
