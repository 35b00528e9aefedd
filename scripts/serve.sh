#!/usr/bin/env bash
# Sets up what is missing, builds the release app into dist/ and serves it
# on http://127.0.0.1:8080/ (Trunk rebuilds on change). PORT overrides.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
trunk build --release --offline
exec trunk serve --release --offline --port "${PORT:-8080}"
