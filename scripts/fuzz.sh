#!/usr/bin/env bash
# Runs the cargo-fuzz targets for a set time each, seeded with the project's
# fixtures. Outside CI. cargo-fuzz needs nightly compiler flags: a nightly
# toolchain when one is installed, else the stable one with RUSTC_BOOTSTRAP
# (machines that cannot fetch a second toolchain). cargo-fuzz is installed
# when missing. Usage: scripts/fuzz.sh [seconds-per-target] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parse assemble export share)

if rustup toolchain list | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  # Seed with every fixture (the share target also gets real share links).
  find tests/fixtures -type f -exec cp -n {} "$corpus/" \;
  echo "== fuzz $t for ${seconds}s"
  "${fuzz[@]}" run "$t" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=262144
done
echo "fuzz: no crash in ${targets[*]} (${seconds}s each); crashes would be in fuzz/artifacts/"
