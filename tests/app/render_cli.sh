#!/usr/bin/env bash
# `ticker render` on the command line: output files, --every and --start-frame agree with a
# full run, the contact sheet, and bad input gets a clear message and a non-zero exit.
# Called by CTest with the ticker binary; runs in tests/.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
now=2026-11-27T14:35:00+01:00
d=data/render
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# A small run with PNGs and a contact sheet.
if "$bin" render --out "$tmp/a" --size 320x180 --frames 7 --feed $d/de.xml --now $now \
    --contact-sheet "$tmp/sheet.png" 2>"$tmp/err"; then
    n=$(ls "$tmp/a"/frame-*.png | wc -l)
    [ "$n" -eq 7 ] && ok "7 PNG files" || bad "expected 7 PNG files, got $n"
    [ "$(wc -l <"$tmp/a/frames.sha256")" -eq 7 ] && ok "7 hashes" || bad "frames.sha256 lines"
    [ -s "$tmp/sheet.png" ] && ok "contact sheet" || bad "no contact sheet"
    head -c 8 "$tmp/a/frame-000000.png" | od -An -tx1 | grep -q '89 50 4e 47' \
        && ok "PNG signature" || bad "not a PNG"
else
    bad "render failed: $(cat "$tmp/err")"
fi

# --every and --start-frame give the same frames as the full run.
"$bin" render --out "$tmp/b" --size 320x180 --frames 7 --every 3 --feed $d/de.xml --now $now \
    --no-png 2>/dev/null
"$bin" render --out "$tmp/c" --size 320x180 --start-frame 6 --frames 1 --feed $d/de.xml \
    --now $now --no-png 2>/dev/null
grep -E 'frame-00000[036]$' "$tmp/a/frames.sha256" | cmp -s - "$tmp/b/frames.sha256" \
    && ok "--every 3 = frames 0, 3, 6" || bad "--every differs from the full run"
grep -E 'frame-000006$' "$tmp/a/frames.sha256" | cmp -s - "$tmp/c/frames.sha256" \
    && ok "--start-frame 6 = frame 6" || bad "--start-frame differs from the full run"
# (a missing output directory must not pass as "no PNG")
[ -s "$tmp/b/frames.sha256" ] && [ "$(ls "$tmp/b" | grep -c png)" -eq 0 ] \
    && ok "--no-png writes no PNG" || bad "--no-png: no hashes or PNGs written"

# Stories from the cache (filled through `ticker cache import`).
if "$bin" cache import --json-feed ../assets/demo/techwire.json --cache "$tmp/c.db" \
    >/dev/null 2>&1 &&
    "$bin" render --out "$tmp/cache" --cache "$tmp/c.db" --size 320x180 --frames 2 --no-png \
        2>"$tmp/err"; then
    [ "$(wc -l <"$tmp/cache/frames.sha256")" -eq 2 ] && ok "--cache" || bad "--cache hashes"
else
    bad "--cache: $(cat "$tmp/err")"
fi
rm -f "$tmp/c.db"

# Bad input: non-zero exit, a message naming what is wrong.
expect_error() { # description pattern args...
    local what=$1 pattern=$2
    shift 2
    if "$bin" render "$@" >"$tmp/out" 2>"$tmp/err"; then
        bad "$what: exit 0"
    elif grep -q -- "$pattern" "$tmp/err"; then
        ok "$what"
    else
        bad "$what: message lacks '$pattern': $(cat "$tmp/err")"
    fi
}
expect_error "missing --out" "--out" --frames 1
expect_error "bad --size" "WIDTHxHEIGHT" --out "$tmp/x" --size 12x
expect_error "bad --fps" "--fps" --out "$tmp/x" --fps 0
expect_error "bad --now" "RFC 3339" --out "$tmp/x" --now yesterday
expect_error "unknown option" "--frobnicate" --out "$tmp/x" --frobnicate
expect_error "missing feed file" "no-such.xml" --out "$tmp/x" --feed "$tmp/no-such.xml"
printf 'this is not a feed' >"$tmp/junk.xml"
expect_error "not a feed" "junk.xml" --out "$tmp/x" --feed "$tmp/junk.xml"
printf '{"display": {"speed": "fast"}}' >"$tmp/bad.json"
expect_error "bad display key" "display.speed" --out "$tmp/x" --config "$tmp/bad.json"
expect_error "missing cache" "no-such.db" --out "$tmp/x" --cache "$tmp/no-such.db"
expect_error "feeds and cache" "not both" --out "$tmp/x" --feed $d/de.xml --cache "$tmp/c.db"
exit $fail
