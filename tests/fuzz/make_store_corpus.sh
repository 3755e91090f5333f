#!/usr/bin/env bash
# Regenerates the seed corpus of fuzz_io_store: real cache files made by `ticker cache import`
# from the test fixture, plus damaged copies of one (truncated, a zeroed page).
#   tests/fuzz/make_store_corpus.sh build/src/ticker
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus/io_store
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$ticker" cache import --json-feed "$here/../data/cache/sample.json" --cache "$tmp/a.db" 2>/dev/null
cp "$tmp/a.db" "$out/sample-cache"
head -c 12000 "$tmp/a.db" >"$out/truncated-cache"
cp "$tmp/a.db" "$out/zeroed-page-cache"
dd if=/dev/zero of="$out/zeroed-page-cache" bs=8192 seek=2 count=1 conv=notrunc 2>/dev/null
printf 'SQLite format 3\0garbage' >"$out/header-only"
ls -l "$out"
