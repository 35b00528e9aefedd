// Trunk's post_build hook. Trunk starts the hooks of one stage together,
// and these steps rewrite files the next one reads, so they run here one
// after the other: the lazily loaded chunks brought in (their loader named
// by content, the glue's import of it rewritten), the glue minified (with
// its integrity hash), the
// tokenizer worker's file name written into index.html, the CSP's hashes
// of the inline loader and style sheet, then the service worker's file
// lists and version, from the final bytes.
await import('./split-assets.mjs');
await import('./minify-glue.mjs');
await import('./tokenizer-name.mjs');
await import('./csp-hash.mjs');
await import('./precache.mjs');
