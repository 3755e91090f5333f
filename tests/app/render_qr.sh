#!/usr/bin/env bash
# The card's QR code read the way a phone reads it: zbarimg (Debian zbar-tools) decodes
# rendered frames, and what it reads must be the current story's link (with the configured
# tracking parameters appended) at every layout where the code shows; none where it is off.
. "$(dirname "$0")/lib.sh" "$@"

command -v zbarimg >/dev/null || { echo "zbarimg missing: toolchain/install-deps.sh"; exit 77; }
cd "$tests" || exit 1
d=data/render
link='https://hafenblatt.example/2026/11/faehre-werftinsel?ref=rss'
now=2026-11-27T14:35:00+01:00

# Reads the code in frame 0 of a render with ARGS; prints what zbarimg found (nothing if none).
read_qr() {
    local out=$tmp/qr.$RANDOM
    "$ticker" render --out "$out" --now "$now" --frames 1 "$@" >/dev/null 2>&1 || return 1
    zbarimg -q --raw "$out/frame-000000.png" 2>/dev/null
    rm -rf "$out"
}

for size in 1920x1080 1280x720 3840x2160 1080x1920 720x1280; do
    run read_qr --size "$size" --feed "$d/pictures.xml"
    expect_stdout "^${link//\?/\\?}\$" "$size: the code reads as the current story's link"
done

# Tracking parameters from the configuration, appended to the link's own query; "on" puts a
# code on a bar too.
with_params="$link&utm_source=lobby&utm_medium=qr%20code"
for size in 1920x1080 1080x1920 1920x360; do
    run read_qr --size "$size" --config "$d/qr-on.json" --feed "$d/pictures.xml"
    expect_stdout "^${with_params//\?/\\?}\$" "$size, qr on with qr_params: the link with its parameters"
done

# Off by default on a bar; off everywhere with "qr": "off"; never without a card.
run read_qr --size 1920x360 --feed "$d/pictures.xml"
expect_no_stdout "1920x360 (bar, auto): no code"
run read_qr --size 1920x1080 --config "$d/qr-off.json" --feed "$d/pictures.xml"
expect_no_stdout "1920x1080, qr off: no code"
run read_qr --size 1920x120 --config "$d/qr-on.json" --feed "$d/pictures.xml"
expect_no_stdout "1920x120 (band alone), qr on: no card, no code"

# A story without a link has no code (the newest story of en.xml has none).
run read_qr --size 1920x1080 --feed "$d/en.xml"
expect_no_stdout "a story without a link: no code"
