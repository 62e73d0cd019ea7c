#!/usr/bin/env bash
# Installs what is missing, then runs every test:
#
#   1. native   cargo test --features ui (unit, integration, doc and SSR tests)
#   2. browser  the wasm build of the core and the page, in headless Chromium
#               (wasm-bindgen-test-runner + chromedriver)
#   3. build    the release page: trunk build --release --public-url ./ and
#               its CSP (scripts/csp.mjs), and
#               the single-file page dist/readout.html (scripts/single-file.mjs)
#   4. e2e      dist/ on a loopback port, driven by playwright-core in Chromium;
#               screenshots in target/e2e/
#
# Every stage runs even when an earlier one fails; the script exits non-zero
# if any failed and ends with the total count of tests.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh || exit 1
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=never
[ -z "${CHROMEDRIVER:-}" ] && [ -x /usr/bin/chromedriver ] && export CHROMEDRIVER=/usr/bin/chromedriver

logs=target/test-logs
mkdir -p "$logs"
failed=()
passed_total=0
failed_total=0

# Sums cargo's `test result:` lines and node's `# pass`/`# fail` lines of a
# log into `counted`, and adds them to the totals.
counted=
count() {
    local p f
    p=$(grep -hoE '^test result: [A-Za-z]+\. [0-9]+ passed' "$1" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
    f=$(grep -hoE '^test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$1" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
    p=$((p + $(grep -hoE '^# pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')))
    f=$((f + $(grep -hoE '^# fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')))
    passed_total=$((passed_total + p))
    failed_total=$((failed_total + f))
    counted="$p passed, $f failed"
}

# stage NAME COMMAND...: runs a stage, teeing its output to a log.
stage() {
    local name=$1
    shift
    printf '\n==== %s: %s\n' "$name" "$*"
    local start=$SECONDS
    local ok=ok
    "$@" 2>&1 | tee "$logs/$name.log" || ok=FAILED
    count "$logs/$name.log"
    [ "$ok" = ok ] || failed+=("$name")
    printf '==== %s: %s (%s) in %ds\n' "$name" "$ok" "$counted" $((SECONDS - start))
}

# A failed build leaves no dist/ behind, so the e2e stage cannot test a stale one.
release_build() {
    rm -rf dist target/single
    echo "+ trunk build --release --public-url ./"
    trunk build --release --public-url ./ || return 1
    echo "+ node scripts/csp.mjs dist/index.html"
    node scripts/csp.mjs dist/index.html || { rm -rf dist; return 1; }
    echo "+ trunk build --release --public-url ./ --dist target/single single.html"
    trunk build --release --public-url ./ --dist target/single single.html || { rm -rf dist; return 1; }
    echo "+ node scripts/single-file.mjs target/single dist/readout.html"
    node scripts/single-file.mjs target/single dist/readout.html || { rm -rf dist; return 1; }
}

e2e() {
    rm -rf target/e2e
    mkdir -p target/e2e
    [ -f dist/index.html ] || { echo "e2e: dist/ was not built"; return 1; }
    node e2e/serve.mjs dist 0 >target/e2e/server.log 2>&1 &
    local server=$! url=
    for _ in $(seq 100); do
        url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' target/e2e/server.log | head -n1 || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        cat target/e2e/server.log
        kill "$server" 2>/dev/null
        return 1
    fi
    echo "e2e: serving dist/ at $url (pid $server)"
    BASE_URL=$url node --test --test-reporter=tap e2e/
    local rc=$?
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
    ls target/e2e/*.png 2>/dev/null | sed 's/^/e2e: screenshot /'
    return $rc
}

stage native cargo test --features ui
stage browser cargo test --target wasm32-unknown-unknown --no-default-features --features inline-parse --test browser
stage build release_build
stage e2e e2e

if [ -f dist/index.html ]; then
    printf '\n'
    for wasm in dist/*.wasm; do
        printf 'release wasm: %s, %d bytes, %d gzipped\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
    done
    [ -f dist/readout.html ] && printf 'single file: dist/readout.html, %d bytes\n' "$(wc -c <dist/readout.html)"
fi
printf '\n'
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED stages: ${failed[*]}"
fi
echo "total: $passed_total passed, $failed_total failed"
[ ${#failed[@]} -eq 0 ]
