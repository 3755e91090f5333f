#!/usr/bin/env bash
# `make run`: renders the bundled demo content headless into out/demo/ (twelve seconds of 1080p
# at 60 fps, every third frame written, long enough to see a story change and the panel's
# cross-fade, and a contact sheet) and says where they are. The demo feeds are
# assets/demo/; without them, the render test fixtures stand in.
set -euo pipefail
bin=${1:-build/ticker}
[ -x "$bin" ] || bin=build/src/ticker
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$root"
feeds=()
for f in assets/demo/*.xml assets/demo/*.rss assets/demo/*.atom assets/demo/*.json; do
    [ -e "$f" ] && feeds+=(--feed "$f")
done
if [ ${#feeds[@]} -eq 0 ]; then
    for f in de en ar cjk emoji; do
        feeds+=(--feed "tests/data/render/$f.xml")
    done
fi
out=out/demo
rm -rf "$out"
mkdir -p out
"$bin" render --out "$out" --seconds 12 --every 3 --fps 60 --size 1920x1080 "${feeds[@]}" \
    --contact-sheet out/demo-contact-sheet.png
echo
echo "Frames:        $root/$out/frame-000000.png ... ($(ls "$out" | grep -c '\.png$') PNG files)"
echo "Frame hashes:  $root/$out/frames.sha256"
echo "Contact sheet: $root/out/demo-contact-sheet.png"
