# Sourced by the other scripts: npm's wasm-opt (binaryen 132) first on PATH,
# because Debian's binaryen 108 produces a wasm that fails at start, and
# cargo's bin directory for trunk and wasm-bindgen.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
