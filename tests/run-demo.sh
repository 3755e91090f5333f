#!/usr/bin/env bash
# `make run`: shows the ticker. On a desktop (DISPLAY or WAYLAND_DISPLAY set) it runs the wall
# display, `ticker run`, in a 1280x720 window with the built-in configuration (the demo feeds
# of assets/demo, labelled as demo and dated relative to now, plus a few public news feeds
# when the network is there); its cache and status stay in out/run/. q or Escape closes it.
# Without a display it renders the demo content headless into out/demo/ (twelve seconds of
# 1080p at 60 fps, every third frame written, and a contact sheet). Either way it says where
# the binary is and what to try next.
set -euo pipefail
bin=${1:-build/ticker}
[ -x "$bin" ] || bin=build/src/ticker
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$root"

next_steps() {
    echo
    echo "The program:   $bin (ticker-display beside it draws)"
    echo "Next:          copy assets/config.json to ~/.config/ticker/config.json, put your feeds in"
    echo "               it (every key: docs/config.md), then run: $bin run"
    echo "               On a Raspberry Pi: firmware/README.md (a systemd service on the console)."
}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    mkdir -p out/run
    echo "Starting the wall display in a window (q or Escape closes it) ..."
    set +e
    "$bin" run --window 1280x720 --cache out/run/cache.db --status-file out/run/status.json
    rc=$?
    set -e
    echo
    echo "Cache:         $root/out/run/cache.db   (look into it: $bin cache list --cache out/run/cache.db)"
    echo "Status:        $bin status --file out/run/status.json"
    next_steps
    exit $rc
fi

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
echo "No display here (DISPLAY and WAYLAND_DISPLAY are unset): rendering the demo headless."
"$bin" render --out "$out" --seconds 12 --every 3 --fps 60 --size 1920x1080 "${feeds[@]}" \
    --contact-sheet out/demo-contact-sheet.png
echo
echo "Frames:        $root/$out/frame-000000.png ... ($(ls "$out" | grep -c '\.png$') PNG files)"
echo "Frame hashes:  $root/$out/frames.sha256"
echo "Contact sheet: $root/out/demo-contact-sheet.png"
next_steps
echo "               On a desktop, \`make run\` opens the live ticker in a window."
