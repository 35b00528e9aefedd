// Trunk's post_build hook. Trunk starts the hooks of one stage together,
// and both steps rewrite index.html, so they run here one after the other:
// the glue minified (with its integrity hash), then the CSP's hash of the
// inline loader.
await import('./minify-glue.mjs');
await import('./csp-hash.mjs');
