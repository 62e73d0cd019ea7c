#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the sample corpus and the
# test fixtures (not committed: fuzz/corpus is in .gitignore).
# Usage: bash fuzz/seed-corpus.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
mkdir -p corpus/pipeline corpus/writers corpus/offset_map
seeds=("$root"/static/samples/*.txt "$root"/tests/fixtures/reports/*.txt)
for f in "$root"/tests/fixtures/clean/*; do
  case "$f" in *.expected|*.warnings) ;; *) seeds+=("$f") ;; esac
done
n=0
for f in "${seeds[@]}"; do
  base="$(basename "$f")"
  # The pipeline target: the file itself (first byte not a multiple of 4
  # keeps the .txt path for most; an HTML copy with a leading 0 byte).
  cp "$f" "corpus/pipeline/$base"
  case "$base" in *.html) { printf '\0'; cat "$f"; } > "corpus/pipeline/html-$base" ;; esac
  # The writers target: the first 4 KiB (the target parses it and exports).
  head -c 4096 "$f" > "corpus/writers/$base"
  # The offset map target: arbitrary bytes are decoded by `arbitrary`; a
  # report's head gives it CJK text to cut.
  head -c 2048 "$f" > "corpus/offset_map/$base"
  n=$((n + 1))
done
echo "seeded $n files into fuzz/corpus/{pipeline,writers,offset_map}"
