#!/usr/bin/env bash
# Regenerates the golden frame hashes in tests/golden/*.sha256 on purpose, after a deliberate
# change to the picture. Look at the frames first (tests/golden/regenerate.sh BUILD --png keeps
# them in out/golden/ for viewing), then commit the new hashes with the change that caused them.
#
#   tests/golden/regenerate.sh [BUILD_DIR] [--png]
#
# Each case of cases.sh is rendered headless (hashes only, or with PNGs) and its frames.sha256
# becomes tests/golden/NAME.sha256. tests/app/render_golden.sh checks against these.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
build=${1:-build}
build=$(cd "$build" && pwd)
png=--no-png
[ "${2:-}" = "--png" ] && png=
bin=$build/src/ticker
[ -x "$bin" ] || bin=$build/ticker
cd "$tests"
# German where a case names no language, as render_golden.sh checks them.
export LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8
source "$here/cases.sh"
out=$(cd .. && pwd)/out/golden
mkdir -p "$out"
for c in "${golden_cases[@]}"; do
    read -r name args <<<"$c"
    rm -rf "${out:?}/$name"
    # shellcheck disable=SC2086
    "$bin" render --out "$out/$name" --now "$golden_now" $png $args
    cp "$out/$name/frames.sha256" "$here/$name.sha256"
    echo "golden: $name ($(wc -l <"$here/$name.sha256") frames)"
done
