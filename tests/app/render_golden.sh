#!/usr/bin/env bash
# Golden frames: every case of tests/golden/cases.sh rendered twice gives identical hashes,
# and those equal the stored goldens (regenerate with tests/golden/regenerate.sh).
# Called by CTest with the ticker binary; runs in tests/.
set -euo pipefail
bin=$1
source golden/cases.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for c in "${golden_cases[@]}"; do
    read -r name args <<<"$c"
    for run in 1 2; do
        # shellcheck disable=SC2086
        "$bin" render --out "$tmp/$name.$run" --now "$golden_now" --no-png $args 2>"$tmp/err" \
            || { echo "FAIL $name: ticker render failed"; cat "$tmp/err"; fail=1; continue 2; }
    done
    if ! cmp -s "$tmp/$name.1/frames.sha256" "$tmp/$name.2/frames.sha256"; then
        echo "FAIL $name: two runs differ"
        diff "$tmp/$name.1/frames.sha256" "$tmp/$name.2/frames.sha256" || true
        fail=1
    elif ! cmp -s "$tmp/$name.1/frames.sha256" "golden/$name.sha256"; then
        echo "FAIL $name: differs from tests/golden/$name.sha256"
        diff "golden/$name.sha256" "$tmp/$name.1/frames.sha256" || true
        fail=1
    else
        echo "ok   $name ($(wc -l <"golden/$name.sha256") frames)"
    fi
done
exit $fail
