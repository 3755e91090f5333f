#!/usr/bin/env bash
# Golden frames: every case of tests/golden/cases.sh rendered twice gives identical hashes,
# and those equal the stored goldens (regenerate with tests/golden/regenerate.sh).
. "$(dirname "$0")/lib.sh" "$@"

cd "$tests" || exit 1
# The goldens are German where a case names no language (render takes it from the locale).
export LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8
source golden/cases.sh
for c in "${golden_cases[@]}"; do
    read -r name args <<<"$c"
    # Under qemu-user the picture decoder cannot load its seccomp filter and refuses to decode
    # (toolchain/README.md); the picture cases run in every native build.
    if [ -n "${TICKER_TEST_EMULATED:-}" ] && [[ $name == pictures_* ]]; then
        echo "$name: left out under $TICKER_TEST_EMULATED (no seccomp for the picture decoder)"
        continue
    fi
    for n in 1 2; do
        # shellcheck disable=SC2086
        run "$ticker" render --out "$tmp/$name.$n" --now "$golden_now" --no-png $args
        expect_status 0 "$name: run $n"
    done
    expect "$name: two runs give the same hashes" \
        cmp "$tmp/$name.1/frames.sha256" "$tmp/$name.2/frames.sha256"
    expect "$name: the hashes equal tests/golden/$name.sha256 ($(wc -l <"golden/$name.sha256") frames)" \
        diff "golden/$name.sha256" "$tmp/$name.1/frames.sha256"
done
