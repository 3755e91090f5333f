#!/usr/bin/env bash
# Cache size after 10,000 realistic items, and the cost of a fetch cycle (new and unchanged
# items). Builds tests/bench/bench_store.c against the build's static libraries.
#   tests/bench/bench_cache.sh build [N]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
n=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --build "$build" --target ticker_io ticker_core >/dev/null
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$root/src" \
    "$here/bench_store.c" "$build/src/libticker_io.a" "$build/src/libticker_core.a" \
    $(pkg-config --cflags --libs sqlite3 libcjson libxml-2.0) -lstemmer -lm -o "$tmp/bench_store"
"$tmp/bench_store" "$tmp/cache.db" "$n"
