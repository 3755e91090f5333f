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

# --start-frame K computes frame K directly (issue 9): equal to frame K of a run from 0 that
# renders every frame, and, far out, equal to a run that starts 600 frames earlier.
"$bin" render --out "$tmp/k0" --size 320x180 --frames 2401 --every 800 --feed $d/de.xml \
    --feed $d/en.xml --now $now --no-png 2>/dev/null
"$bin" render --out "$tmp/k1" --size 320x180 --start-frame 2400 --frames 1 --feed $d/de.xml \
    --feed $d/en.xml --now $now --no-png 2>/dev/null
[ -s "$tmp/k1/frames.sha256" ] && tail -1 "$tmp/k0/frames.sha256" | cmp -s - "$tmp/k1/frames.sha256" \
    && ok "--start-frame 2400 = frame 2400 of a run from 0" \
    || bad "--start-frame 2400 differs from the run from 0"
far=1000000000000
"$bin" render --out "$tmp/f0" --size 320x180 --start-frame $((far - 600)) --frames 601 \
    --every 300 --feed $d/de.xml --feed $d/en.xml --now $now --no-png 2>/dev/null
"$bin" render --out "$tmp/f1" --size 320x180 --start-frame $far --frames 1 --feed $d/de.xml \
    --feed $d/en.xml --now $now --no-png 2>/dev/null
[ -s "$tmp/f1/frames.sha256" ] && tail -1 "$tmp/f0/frames.sha256" | cmp -s - "$tmp/f1/frames.sha256" \
    && ok "--start-frame 10^12 = the same frame reached from 600 frames before" \
    || bad "--start-frame 10^12 differs from the frame reached from 600 frames before"

# --out creates missing parents (issue 9).
if "$bin" render --out "$tmp/new/deep/dir" --size 320x180 --frames 1 --no-png 2>"$tmp/err" \
    >/dev/null && [ -s "$tmp/new/deep/dir/frames.sha256" ]; then
    ok "--out a/b/c creates the parents"
else
    bad "--out a/b/c: $(cat "$tmp/err")"
fi
printf x >"$tmp/plain"
expect_fail_msg() { # description pattern args...: exit 1 with pattern in stderr
    local what=$1 pattern=$2
    shift 2
    "$bin" render "$@" >/dev/null 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq 1 ] && grep -q -- "$pattern" "$tmp/err"; then
        ok "$what"
    else
        bad "$what: exit $rc, message: $(cat "$tmp/err")"
    fi
}
expect_fail_msg "--out under a plain file" "plain/x: Not a directory" --out "$tmp/plain/x" \
    --frames 1 --no-png

# A font that is a FIFO, a directory or a device: an error naming it, never a hang (issue 9).
mkfifo "$tmp/font.fifo"
for f in "$tmp/font.fifo" "$tmp" /dev/zero; do
    printf '{"display": {"font": "%s"}}' "$f" >"$tmp/fontcfg.json"
    timeout 20 "$bin" render --out "$tmp/ff" --config "$tmp/fontcfg.json" --frames 1 --no-png \
        >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 124 ]; then
        bad "font $f: still running after 20 s"
    elif [ $rc -ne 0 ] && grep -q "$f: not a regular file" "$tmp/err"; then
        ok "font $f: $(cat "$tmp/err")"
    else
        bad "font $f: exit $rc: $(cat "$tmp/err")"
    fi
done

# Dates at the ends of int64 in the cache (year 292 billion and before the big bang): the
# frames render (the ASan+UBSan build of this test catches any overflow on the way).
if "$bin" cache import --json-feed ../assets/demo/techwire.json --cache "$tmp/x.db" \
    >/dev/null 2>&1 && command -v sqlite3 >/dev/null; then
    sqlite3 "$tmp/x.db" "UPDATE items SET published = 9223372036854775807,
        sort_time = 9223372036854775807, first_seen = 9223372036854775807 WHERE id % 2 = 0;
        UPDATE items SET published = -9223372036854775808,
        sort_time = -9223372036854775808, updated = -9223372036854775808 WHERE id % 2 = 1;
        UPDATE feeds SET last_success = 9223372036854775807;"
    for extra in "" "--offline" "--now 9999-12-31T23:59:59Z"; do
        # shellcheck disable=SC2086
        if "$bin" render --out "$tmp/far" --cache "$tmp/x.db" --size 320x180 --frames 3 $extra \
            2>"$tmp/err" >/dev/null && [ "$(wc -l <"$tmp/far/frames.sha256")" -eq 3 ]; then
            ok "extreme dates in the cache ${extra:-(default --now)}"
        else
            bad "extreme dates ${extra:-(default --now)}: $(cat "$tmp/err")"
        fi
    done
else
    bad "extreme dates: could not make the cache (cache import or sqlite3 failed)"
fi

# A full disk (a 2 MiB tmpfs, when we may mount one): the run stops with the reason, and
# frames.sha256 lists exactly the PNG files that exist, each whole.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=2m tmpfs "$tmp/full" 2>/dev/null; then
    "$bin" render --out "$tmp/full/out" --size 640x360 --frames 200 --feed $d/de.xml \
        --feed $d/en.xml --now $now >/dev/null 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "No space left on device" "$tmp/err"; then
        ok "full disk: exit 1, $(cat "$tmp/err")"
    else
        bad "full disk: exit $rc, $(cat "$tmp/err")"
    fi
    n=$(ls "$tmp/full/out" | grep -c '\.png$')
    if [ "$n" -gt 0 ] && [ "$n" -lt 200 ] &&
        /usr/bin/python3 app/render_check_png.py "$tmp/full/out" --frames "$n" >"$tmp/check" 2>&1; then
        ok "full disk: frames.sha256 lists the $n files written, each decodes to its hash"
    else
        bad "full disk: $n files; $(cat "$tmp/check" 2>/dev/null)"
    fi
    umount "$tmp/full"
else
    echo "skip full disk: cannot mount a tmpfs here (needs root)"
fi

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
expect_error "missing --out" "--out: give an output directory" --frames 1
expect_error "--out without a value" "--out: needs a value" --out
expect_error "a stray argument" "stray: unexpected argument" --out "$tmp/x" stray
expect_error "bad --size" "WIDTHxHEIGHT" --out "$tmp/x" --size 12x
expect_error "bad --fps" "--fps" --out "$tmp/x" --fps 0
expect_error "bad --now" "RFC 3339" --out "$tmp/x" --now yesterday
expect_error "--now past year 9999" "year 1 to 9999" --out "$tmp/x" --now 10000-01-01T00:00:00Z
expect_error "unknown option" "--frobnicate" --out "$tmp/x" --frobnicate
expect_error "missing feed file" "no-such.xml" --out "$tmp/x" --feed "$tmp/no-such.xml"
printf 'this is not a feed' >"$tmp/junk.xml"
expect_error "not a feed" "junk.xml" --out "$tmp/x" --feed "$tmp/junk.xml"
printf '{"display": {"speed": "fast"}}' >"$tmp/bad.json"
expect_error "bad display key" "display.speed" --out "$tmp/x" --config "$tmp/bad.json"
expect_error "missing cache" "no-such.db" --out "$tmp/x" --cache "$tmp/no-such.db"
expect_error "feeds and cache" "not both" --out "$tmp/x" --feed $d/de.xml --cache "$tmp/c.db"
exit $fail
