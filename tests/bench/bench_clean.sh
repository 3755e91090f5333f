#!/usr/bin/env bash
# Text cleaner throughput (MB/s of input) on ~1 KB HTML descriptions. Usage: bench_clean.sh BUILD
# Builds tests/bench/bench_clean.c against BUILD's core library with the same flags as release.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)/src
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$src" $(pkg-config --cflags libxml-2.0) \
    "$here/bench_clean.c" "$build/src/libticker_core.a" $(pkg-config --libs libxml-2.0) \
    -o "$out/bench_clean"
"$out/bench_clean" "${BENCH_SECONDS:-2}"
