#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting and lints,
# native engine tests (with the shared corpus when present), wasm component
# tests in headless Chromium, the release build with its size budget, and
# the Playwright end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings

step "native tests"
cargo test -- --nocapture 2>&1 | grep -vE '^(running [0-9]+ tests|)$' | grep -vE '^test .* \.\.\. ok$'
test "${PIPESTATUS[0]}" -eq 0

step "wasm component tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test web

step "release build"
trunk build --release --offline
node scripts/size.mjs

step "end-to-end tests (Playwright, Chromium)"
node --test --test-concurrency=1 e2e/
