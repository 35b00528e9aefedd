# Sourced by the other scripts: the wasm-bindgen wrapper that splits the
# app's lazily loaded panels off (scripts/bin) first on PATH, then npm's
# wasm-opt (binaryen 132), because Debian's binaryen 108 produces a wasm
# that fails at start, and cargo's bin directory for trunk, wasm-bindgen
# and wasm-split-cli.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
