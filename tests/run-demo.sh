#!/usr/bin/env bash
# `make run`: the main job on the bundled demo content. Until the renderer exists this shows
# the demo feed parsed into items.
set -euo pipefail
bin=${1:-build/ticker}
cd "$(dirname "$0")/.."
for f in assets/demo/*; do
    echo "== $f"
    "$bin" parse "$f"
done
