#!/usr/bin/env bash
# Installs what is missing, then serves the page on http://127.0.0.1:8080
# with the seed reports as its sample corpus (trunk rebuilds on change).
# Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
echo "serve: building, then serving on http://127.0.0.1:8080/ (Ctrl-C stops)"
exec trunk serve "$@"
