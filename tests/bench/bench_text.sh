#!/usr/bin/env bash
# Text rasterising cost: a typical 80-character headline at 54 px (DejaVu Sans), rendered whole
# and through the queue one piece at a time, plus the exact blend of a 1920 px band per frame.
# Usage: tests/bench/bench_text.sh BUILD_DIR   (figures only; nothing is asserted)
set -euo pipefail
build=${1:-build}
"$build/tests/test_textline" --bench 200
