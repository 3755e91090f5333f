#!/usr/bin/env bash
# Renders every input file with the text rasteriser on amd64 and on arm64 (under qemu-aarch64)
# and compares the coverage hashes (toolchain/xarch_textline.c). Needs the host build (build/)
# and the cross build (build-arm64/, `make cross-arm64`).
#
#   toolchain/xarch-textline.sh [FILE|DIR]...   default: tests/fuzz/corpus/render_textline
#
# Prints "N identical, N differ" and exits 1 if any input renders differently.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
host=${BUILD:-$root/build}
cross=${BUILD_ARM64:-$root/build-arm64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

inputs=()
for p in "${@:-$root/tests/fuzz/corpus/render_textline}"; do
    if [ -d "$p" ]; then
        while IFS= read -r -d '' f; do inputs+=("$f"); done < <(find "$p" -type f -print0 | sort -z)
    else
        inputs+=("$p")
    fi
done

cmake --build "$host" -j2 --target ticker_render >/dev/null
cmake --build "$cross" -j2 --target ticker_render >/dev/null
flags=(-std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/src"
       -DTICKER_ASSETS_DIR="\"$root/assets\"")
mods=(sdl2 SDL2_ttf fribidi fontconfig zlib libcrypto libxml-2.0 libcjson)
# shellcheck disable=SC2046  # pkg-config prints a list of flags
gcc "${flags[@]}" "$root/toolchain/xarch_textline.c" "$host/src/libticker_render.a" \
    "$host/src/libticker_core.a" $(pkg-config --libs "${mods[@]}") -lstemmer -lm \
    -o "$work/amd64"
arm_pc=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
# shellcheck disable=SC2046
aarch64-linux-gnu-gcc "${flags[@]}" "$root/toolchain/xarch_textline.c" \
    "$cross/src/libticker_render.a" "$cross/src/libticker_core.a" \
    $(PKG_CONFIG_LIBDIR=$arm_pc pkg-config --libs "${mods[@]}") -lstemmer -lm -o "$work/arm64"

"$work/amd64" "${inputs[@]}" >"$work/amd64.txt"
qemu-aarch64 "$work/arm64" "${inputs[@]}" >"$work/arm64.txt"
same=$(paste -d' ' "$work/amd64.txt" "$work/arm64.txt" | awk '$1 == $3' | wc -l)
total=$(wc -l <"$work/amd64.txt")
diff "$work/amd64.txt" "$work/arm64.txt" || true
echo "xarch-textline: $same identical, $((total - same)) differ"
[ "$same" -eq "$total" ]
