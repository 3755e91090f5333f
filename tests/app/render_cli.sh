#!/usr/bin/env bash
# `ticker render` on the command line: output files; --every and --start-frame agree with a
# full run, also far out (issue 9); --out creates parents; a font that is not a regular file;
# int64-extreme dates; a full disk; bad input gets a clear message and a non-zero exit.
. "$(dirname "$0")/lib.sh" "$@"

now=2026-11-27T14:35:00+01:00
d=$data/render
same_last() { tail -1 "$1" | cmp -s - "$2"; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }

# A small run with PNGs and a contact sheet.
run "$ticker" render --out "$tmp/a" --size 320x180 --frames 7 --feed "$d/de.xml" --now $now \
    --contact-sheet "$tmp/sheet.png"
expect_status 0 "a small run"
expect "7 PNG files" test "$(ls "$tmp/a" | grep -c '^frame-.*\.png$')" -eq 7
expect "7 hashes" lines "$tmp/a/frames.sha256" 7
expect "contact sheet" test -s "$tmp/sheet.png"

# The language as `ticker run` takes it: the configuration's "locale", else the locale
# environment (LC_ALL, LC_MESSAGES, LANG), else English. The card's labels and the clock differ.
lang_frame() { # NAME CONFIG-or-- ENV...
    local name=$1 cfg=$2
    shift 2
    local c=()
    [ "$cfg" = - ] || c=(--config "$cfg")
    run env "$@" "$ticker" render --out "$tmp/lang-$name" --size 640x360 --frames 1 --no-png \
        --feed "$d/en.xml" --now $now "${c[@]+"${c[@]}"}"
    expect_status 0 "render in $name"
}
printf '{"display": {"locale": "de"}}\n' >"$tmp/de.json"
lang_frame de - LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8
lang_frame en - LC_ALL= LC_MESSAGES= LANG=en_GB.UTF-8
lang_frame none - LC_ALL= LC_MESSAGES= LANG=
lang_frame lcall - LC_ALL=de_AT.UTF-8 LC_MESSAGES= LANG=en_US.UTF-8
lang_frame cfg "$tmp/de.json" LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8
expect "German and English frames differ" \
    sh -c "! cmp -s '$tmp/lang-de/frames.sha256' '$tmp/lang-en/frames.sha256'"
expect "no locale at all is English" cmp "$tmp/lang-none/frames.sha256" "$tmp/lang-en/frames.sha256"
expect "LC_ALL wins over LANG" cmp "$tmp/lang-lcall/frames.sha256" "$tmp/lang-de/frames.sha256"
expect "the configuration's locale wins over the environment" \
    cmp "$tmp/lang-cfg/frames.sha256" "$tmp/lang-de/frames.sha256"

# --every and --start-frame give the same frames as the full run.
run "$ticker" render --out "$tmp/b" --size 320x180 --frames 7 --every 3 --feed "$d/de.xml" \
    --now $now --no-png
expect_status 0 "--every 3"
run "$ticker" render --out "$tmp/c" --size 320x180 --start-frame 6 --frames 1 \
    --feed "$d/de.xml" --now $now --no-png
expect_status 0 "--start-frame 6"
grep -E 'frame-00000[036]$' "$tmp/a/frames.sha256" >"$tmp/a036"
expect "--every 3 = frames 0, 3, 6" cmp "$tmp/a036" "$tmp/b/frames.sha256"
expect "--start-frame 6 = frame 6" same_last "$tmp/a/frames.sha256" "$tmp/c/frames.sha256"
expect "--no-png writes hashes and no PNG" test -s "$tmp/b/frames.sha256" -a \
    "$(ls "$tmp/b" | grep -c png)" -eq 0

# --start-frame K computes frame K directly (issue 9): equal to frame K of a run that renders
# every frame from 0, and, far out, to the frame reached from 600 frames before it.
two=(--feed "$d/de.xml" --feed "$d/en.xml" --size 320x180 --now $now --no-png)
run "$ticker" render --out "$tmp/k0" --frames 2401 --every 800 "${two[@]}"
expect_status 0 "frames 0..2400"
run "$ticker" render --out "$tmp/k1" --start-frame 2400 --frames 1 "${two[@]}"
expect_status 0 "--start-frame 2400"
expect "--start-frame 2400 = frame 2400 of a run from 0" \
    same_last "$tmp/k0/frames.sha256" "$tmp/k1/frames.sha256"
far=1000000000000
run "$ticker" render --out "$tmp/f0" --start-frame $((far - 600)) --frames 601 --every 300 \
    "${two[@]}"
expect_status 0 "frames 10^12 - 600 .. 10^12"
run "$ticker" render --out "$tmp/f1" --start-frame $far --frames 1 "${two[@]}"
expect_status 0 "--start-frame 10^12"
expect "--start-frame 10^12 = the frame reached from 600 frames before" \
    same_last "$tmp/f0/frames.sha256" "$tmp/f1/frames.sha256"

# Stories from the cache (filled through `ticker cache import`).
run "$ticker" cache import --json-feed "$root/assets/demo/techwire.json" --cache "$tmp/c.db"
expect_status 0 "cache import"
run "$ticker" render --out "$tmp/cache" --cache "$tmp/c.db" --size 320x180 --frames 2 --no-png
expect_status 0 "--cache"
expect "--cache: 2 hashes" lines "$tmp/cache/frames.sha256" 2

# --out creates missing parents (issue 9); a plain file in the way is named.
run "$ticker" render --out "$tmp/new/deep/dir" --size 320x180 --frames 1 --no-png
expect_status 0 "--out a/b/c"
expect "--out a/b/c creates the parents" test -s "$tmp/new/deep/dir/frames.sha256"
printf x >"$tmp/plain"
run "$ticker" render --out "$tmp/plain/x" --frames 1 --no-png
expect_status 1 "--out under a plain file: exit 1"
expect_stderr "plain/x: Not a directory$" "--out under a plain file: the message"

# A font that is a FIFO, a directory or a device: never a hang (issue 9), and the display goes on
# with the bundled font, with a warning naming the file (issue 9, item 11).
mkfifo "$tmp/font.fifo"
for f in "$tmp/font.fifo" "$tmp" /dev/zero; do
    printf '{"display": {"font": "%s"}}' "$f" >"$tmp/fontcfg.json"
    run timeout 20 "$ticker" render --out "$tmp/ff" --config "$tmp/fontcfg.json" --frames 1 \
        --no-png
    expect "font $f: finished within 20 s" test "$status" -ne 124
    expect_status 0 "font $f: the display goes on (exit 0)"
    expect_stderr "font: cannot open $f: not a regular file; using the bundled font instead$" \
        "font $f: a warning naming it"
done

# Dates at the ends of int64 in the cache (year 292 billion, and before the big bang): the
# frames render; the ASan+UBSan build of this test catches any overflow on the way.
cp "$tmp/c.db" "$tmp/x.db"
run sqlite3 "$tmp/x.db" "UPDATE items SET published = 9223372036854775807,
    sort_time = 9223372036854775807, first_seen = 9223372036854775807 WHERE id % 2 = 0;
    UPDATE items SET published = -9223372036854775808,
    sort_time = -9223372036854775808, updated = -9223372036854775808 WHERE id % 2 = 1;
    UPDATE feeds SET last_success = 9223372036854775807;"
expect_status 0 "extreme dates written into the cache"
for extra in "" "--offline" "--now 9999-12-31T23:59:59Z" "--now 1000-01-01T00:00:00Z"; do
    # shellcheck disable=SC2086
    run "$ticker" render --out "$tmp/far" --cache "$tmp/x.db" --size 320x180 --frames 3 $extra
    expect_status 0 "extreme dates ${extra:-(default --now)}: exit 0"
    expect "extreme dates ${extra:-(default --now)}: 3 frames" lines "$tmp/far/frames.sha256" 3
done

# A full disk (a 2 MiB tmpfs, when we may mount one): the run stops with the reason, and
# frames.sha256 lists exactly the PNG files that exist, each whole.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" &&
    mount -t tmpfs -o size=2m tmpfs "$tmp/full" 2>/dev/null; then
    at_exit "umount '$tmp/full' 2>/dev/null"
    run "$ticker" render --out "$tmp/full/out" --size 640x360 --frames 200 --feed "$d/de.xml" \
        --feed "$d/en.xml" --now $now
    expect_status 1 "full disk: exit 1"
    expect_stderr "full/out/frame-[0-9]{6}\.png: No space left on device$" \
        "full disk: the file and the reason"
    n=$(ls "$tmp/full/out" | grep -c '\.png$')
    expect "full disk: some frames written ($n), not all" test "$n" -gt 0 -a "$n" -lt 200
    expect "full disk: frames.sha256 lists the $n files written, each decoding to its hash" \
        /usr/bin/python3 "$tests/app/render_check_png.py" "$tmp/full/out" --frames "$n"
    umount "$tmp/full"
else
    echo "skip full disk: cannot mount a tmpfs here (needs root)"
fi

# Bad input: exit 2 for the command line, 1 for unusable files; the message names the input.
usage="usage: ticker render [--out DIR] [--video FILE] [--frames N] [--seconds S] [--fps N] [--size WxH]"
expect_usage_error() { # what message args...
    local what=$1 msg=$2
    shift 2
    run "$ticker" render "$@"
    expect_status 2 "$what: exit 2"
    expect_stderr "^ticker render: $msg$" "$what: the message"
    expect_stderr "^$(printf '%s' "$usage" | sed 's/[][]/\\&/g')" "$what: the usage line"
}
expect_usage_error "no output" "--out DIR or --video FILE is required" --frames 1
expect_usage_error "--out without a value" "--out needs a value" --out
expect_usage_error "a stray argument" "unexpected argument 'stray'" --out "$tmp/x" stray
expect_usage_error "bad --size" "--size wants WIDTHxHEIGHT from 64x48 to 16384x16384, not '12x'" \
    --out "$tmp/x" --size 12x
expect_usage_error "bad --fps" "--fps wants a whole number from 1 to 1000, not '0'" \
    --out "$tmp/x" --fps 0
expect_usage_error "bad --now" "--now wants an RFC 3339 time from year 1000 to 9999, .*, not 'yesterday'" \
    --out "$tmp/x" --now yesterday
expect_usage_error "--now past year 9999" "--now wants an RFC 3339 time from year 1000 to 9999, .*" \
    --out "$tmp/x" --now 10000-01-01T00:00:00Z
expect_usage_error "unknown option" "unknown option --frobnicate" --out "$tmp/x" --frobnicate
expect_usage_error "feeds and cache" "--feed and --cache: give feed files or a cache, not both" \
    --out "$tmp/x" --feed "$d/de.xml" --cache "$tmp/c.db"
expect_usage_error "a contact sheet without --out" "--contact-sheet goes with --out DIR" \
    --video "$tmp/v.mp4" --contact-sheet "$tmp/s.png"
expect_usage_error "frames and seconds" "--frames and --seconds: give one or the other" \
    --out "$tmp/x" --frames 2 --seconds 1
expect_file_error() { # what pattern args...
    local what=$1 pattern=$2
    shift 2
    run "$ticker" render "$@"
    expect_status 1 "$what: exit 1"
    expect_stderr "$pattern" "$what: the message"
}
expect_file_error "missing feed file" "no-such\.xml" --out "$tmp/x" --feed "$tmp/no-such.xml"
printf 'this is not a feed' >"$tmp/junk.xml"
expect_file_error "not a feed" "junk\.xml" --out "$tmp/x" --feed "$tmp/junk.xml"
expect_file_error "missing cache" "no-such\.db" --out "$tmp/x" --cache "$tmp/no-such.db"
printf '{"display": {"speed": "fast"}}' >"$tmp/bad.json"
run "$ticker" render --out "$tmp/x" --config "$tmp/bad.json"
expect_status 2 "bad display key: exit 2"
expect_stderr "display\.speed" "bad display key: the message names the key"
