#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target for SECONDS, growing its corpus in a scratch copy.
# New inputs worth keeping are minimised into tests/fuzz/corpus/<name>/ by hand (-merge=1).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
for bin in "$build"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin"); short=${name#fuzz_}
    work=$(mktemp -d)
    cp -r "$here/corpus/$short/." "$work/" 2>/dev/null || true
    echo "=== $name for ${seconds}s"
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 "$work" 2>&1 | tail -n 3
    echo "corpus grew from $(ls "$here/corpus/$short" | wc -l) to $(ls "$work" | wc -l) inputs ($work)"
done
