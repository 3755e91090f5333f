#!/usr/bin/env bash
# `make bench`: runs every tests/bench/bench_*.sh in turn with the build directory; each prints
# its own figures. Benchmarks compare ratios measured in one run; none of them is a test.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
for b in "$here"/bench_*.sh; do
    [ -e "$b" ] || continue
    echo "=== $(basename "$b" .sh)"
    bash "$b" "$build"
    echo
done
