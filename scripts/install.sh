#!/usr/bin/env bash
# Installs what Readout's build and tests need, and only what is missing or
# at the wrong version:
#
#   rustup target   wasm32-unknown-unknown
#   cargo install   trunk 0.21.14, wasm-bindgen-cli 0.2.130 (the version
#                   pinned in Cargo.toml; trunk refuses any other)
#   npm ci          playwright-core and binaryen 132 (wasm-opt), per package-lock.json
#   apt-get         chromium, chromium-driver, fonts-wqy-microhei (CJK glyphs
#                   for screenshots); `apt-get update` once first
#   pip             opencc (the scorer in ../shared/eval converts with it)
#
# Idempotent: a second run prints one line. Needs the machine's Rust toolchain
# (rustup), Node.js >= 20 with npm, Python 3 with pip, and root (or sudo) for
# apt-get. Never downloads a browser or a prebuilt tool.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
export PATH="$HOME/.cargo/bin:$PATH"

did=()
say() { printf 'install: %s\n' "$*"; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"; }

need cargo "install Rust with rustup first"
need rustup "install Rust with rustup first"
need node "install Node.js 20 or newer first"
need npm "install npm first"
need python3 "install Python 3 first"

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: playwright-core needs 20 or newer"

# --- Rust: the wasm target and the two tools trunk drives ------------------

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
    did+=(wasm32-target)
fi

version_of() { "$1" --version 2>/dev/null | head -n1 || true; }

if [ "$(version_of trunk)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (found: $(version_of trunk | sed 's/^$/none/')); this takes about 10 minutes"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
    did+=(trunk)
fi

# wasm-bindgen-cli is built without --locked: its own lock file does not
# build with this rustc.
if [ "$(version_of wasm-bindgen)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
    || [ "$(version_of wasm-bindgen-test-runner)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: $(version_of wasm-bindgen | sed 's/^$/none/')); this takes about 4 minutes"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
    did+=(wasm-bindgen-cli)
fi

# --- npm: playwright-core and wasm-opt --------------------------------------

npm_stale() {
    [ -f node_modules/.package-lock.json ] || return 0
    [ package-lock.json -nt node_modules/.package-lock.json ] && return 0
    [ package.json -nt node_modules/.package-lock.json ] && return 0
    [ -x node_modules/.bin/wasm-opt ] || return 0
    node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b" || return 0
    node -e 'require.resolve("playwright-core")' 2>/dev/null || return 0
    return 1
}
if npm_stale; then
    say "installing npm packages (npm ci: playwright-core, binaryen@$BINARYEN_VERSION)"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.package-lock.json
    did+=(npm)
fi

# --- Debian: the browser for the browser and end-to-end tests -------------

apt_updated=
apt_install() {
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    if [ -z "$apt_updated" ]; then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

missing_debs=()
dpkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in chromium chromium-driver fonts-wqy-microhei; do
    dpkg_installed "$pkg" || missing_debs+=("$pkg")
done
if [ ${#missing_debs[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing_debs[*]}"
    apt_install "${missing_debs[@]}"
    did+=("${missing_debs[@]}")
fi
# The driver must match the browser it drives.
chromium_v=$(chromium --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -n1 || true)
driver_v=$(chromedriver --version 2>/dev/null | grep -oE '[0-9]+\.[0-9.]+' | head -n1 || true)
[ -n "$chromium_v" ] && [ "$chromium_v" = "$driver_v" ] \
    || die "chromium ($chromium_v) and chromedriver ($driver_v) differ: run apt-get install chromium chromium-driver"

# --- Python: OpenCC for the scorer ------------------------------------------

if ! python3 -c 'import opencc, sys; sys.exit(opencc.OpenCC("t2s").convert("會議") != "会议")' 2>/dev/null; then
    say "installing the Python package opencc (pip)"
    python3 -m pip install --quiet opencc
    did+=(opencc)
fi

if [ ${#did[@]} -eq 0 ]; then
    say "all present (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $BINARYEN_VERSION, chromium $chromium_v, opencc)"
else
    say "installed: ${did[*]}"
fi
