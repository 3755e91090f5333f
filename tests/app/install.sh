#!/usr/bin/env bash
# `cmake --install` of this build into a DESTDIR gives a clean tree, and the installed programs
# find their data from where they are (src/app/datadir.h), also after the tree is moved; a
# missing data directory falls back to fontconfig's DejaVu Sans with a warning and still draws
# the news. Usage: install.sh PATH/TO/BUILD/src/ticker
set -u
ticker=$1
build=$(cd "$(dirname "$ticker")/.." && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi
}
unset TICKER_DATA_DIR TICKER_CONFIG
# The installed programs must find each other by themselves (TICKER_DISPLAY_BIN, which a cross
# build's test run sets for the build tree, is left out for them). Under a cross build's test
# run, TICKER_EMULATOR (qemu-aarch64) runs the installed arm64 programs.
emu=${TICKER_EMULATOR:-}
installed() { env -u TICKER_DISPLAY_BIN $emu "$@"; }
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache

DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1
check "cmake --install into a DESTDIR" $?
for f in usr/bin/ticker usr/libexec/ticker/ticker-display usr/share/ticker/config.json \
    usr/share/ticker/demo/techwire.json usr/share/ticker/fonts/DejaVuSans.ttf \
    usr/share/ticker/fonts/DejaVuSans-Bold.ttf usr/share/man/man1/ticker.1.gz \
    usr/share/doc/ticker/README.md usr/share/doc/ticker/examples/nginx-ticker-hub.conf; do
    [ -f "$tmp/dest/$f" ]
    check "installed $f" $?
done
units=$(find "$tmp/dest" -name '*.service' -o -name '*.timer' | sort | xargs -n1 basename)
check "units installed: ticker.service ticker-hub.service ticker-hub.timer" \
    $([ "$(echo $units)" = "ticker-hub.service ticker-hub.timer ticker.service" ]; echo $?)
grep -q '^ExecStart=/.*/ticker run ' "$(find "$tmp/dest" -name ticker.service)"
check "the unit's ExecStart names the installed binary" $?
stray=$(find "$tmp/dest" -name '*.o' -o -name '*.a' -o -name 'CMake*' -o -name '*.cmake' | head -3)
check "no build files in the installed tree ($stray)" $([ -z "$stray" ]; echo $?)
# The source tree's data folder is not compiled in: debug information and sanitizer metadata
# may name source files, but no string may name assets/.
for b in usr/bin/ticker usr/libexec/ticker/ticker-display; do
    n=$(readelf -p .rodata "$tmp/dest/$b" 2>/dev/null | grep -c "$src/assets" || true)
    check "$b's read-only data does not name $src/assets" $([ "$n" -eq 0 ]; echo $?)
done

# Move the tree, as a package or another prefix would put it somewhere else.
mv "$tmp/dest/usr" "$tmp/moved"
p=$tmp/moved
if [ -n "$emu" ]; then
    # Without binfmt_misc the kernel cannot exec an arm64 ticker-display: put a wrapper in its
    # place that runs the real one under the emulator (which reports the real one's path as
    # /proc/self/exe, so the data directory lookup is the same).
    d=$p/libexec/ticker
    mv "$d/ticker-display" "$d/ticker-display.real"
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$emu" "$d/ticker-display.real" >"$d/ticker-display"
    chmod +x "$d/ticker-display"
fi
TICKER_LOG_LEVEL=debug installed "$p/bin/ticker" check-config >"$tmp/cfg.json" 2>"$tmp/cfg.err"
check "installed ticker check-config runs" $?
grep -q "\"file://$p/share/ticker/demo/techwire.json\"" "$tmp/cfg.json"
check "the built-in configuration's demo feeds come from the installed data directory" $?
grep -q "data directory $p/share/ticker (installed tree" "$tmp/cfg.err"
check "the debug log names the data directory and how it was found" $?

now=2026-11-27T14:35:00+01:00
render() { # OUTDIR [env...]: one frame of the installed demo feed
    local out=$1
    shift
    env "$@" env -u TICKER_DISPLAY_BIN $emu "$p/bin/ticker" render --out "$out" --frames 1 --no-png --now "$now" \
        --feed "$p/share/ticker/demo/techwire.json" 2>"$out.err"
}
TICKER_LOG_LEVEL=debug render "$tmp/inst"
check "installed ticker render runs ticker-display from libexec" $?
grep -q "main fonts $p/share/ticker/fonts/DejaVuSans.ttf and $p/share/ticker/fonts/DejaVuSans-Bold.ttf" \
    "$tmp/inst.err"
check "ticker-display uses the installed data directory's fonts" $?
"$ticker" render --out "$tmp/tree" --frames 1 --no-png --now "$now" \
    --feed "$src/assets/demo/techwire.json" 2>/dev/null
check "same frame from the build tree and from the installed tree" \
    $(cmp -s <(cut -d' ' -f1 "$tmp/tree/frames.sha256") <(cut -d' ' -f1 "$tmp/inst/frames.sha256"); echo $?)

# No data directory at all: fonts from fontconfig, with a warning naming the missing file; the
# frame still shows the story (it is not the empty screen).
mkdir -p "$tmp/empty"
render "$tmp/nodata" TICKER_DATA_DIR="$tmp/empty"
check "render without a data directory still succeeds" $?
grep -q "warning: font: cannot open $tmp/empty/fonts/DejaVuSans.ttf: No such file or directory; using .* (fontconfig)" \
    "$tmp/nodata.err"
check "the missing font is a warning naming the file and the fontconfig replacement" $?
installed "$p/bin/ticker" render --out "$tmp/nonews" --frames 1 --no-png --now "$now" 2>/dev/null
check "the fallback frame shows news (differs from the no-news screen)" \
    $(! cmp -s <(cut -d' ' -f1 "$tmp/nodata/frames.sha256") <(cut -d' ' -f1 "$tmp/nonews/frames.sha256"); echo $?)
# Debian's fonts-dejavu-core is the same DejaVu 2.37 as the bundled one: same pixels.
sys=$(fc-match -f '%{file}' 'DejaVu Sans' 2>/dev/null)
if cmp -s "$sys" "$src/assets/fonts/DejaVuSans.ttf"; then
    check "with the system's identical DejaVu the fallback frame is the bundled one" \
        $(cmp -s <(cut -d' ' -f1 "$tmp/nodata/frames.sha256") <(cut -d' ' -f1 "$tmp/inst/frames.sha256"); echo $?)
fi

# A binary that finds nothing (no data directory anywhere) says so, and still works.
mkdir -p "$tmp/lone"
cp "$p/bin/ticker" "$tmp/lone/ticker"
installed "$tmp/lone/ticker" check-config >/dev/null 2>"$tmp/lone.err"
check "a lone binary's check-config still works" $?
grep -q "warning: datadir: no data directory at $tmp/lone/../share/ticker" "$tmp/lone.err"
check "a lone binary warns that it found no data directory" $?

exit $fail
