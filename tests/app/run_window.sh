#!/usr/bin/env bash
# The wall display in a real X window (Xvfb, SDL's x11 driver and software renderer): with the
# crawl held at a known frame and the clock at a known time (test hooks), the window's pixels
# are exactly those `ticker render` composes headless for the same frame and time. Also: the
# window comes up rotated (portrait) with the band where it belongs, the first frame comes
# from the cache, and the status file and `ticker status` report the window.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/support/x11.sh"
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    x11_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
x11_start 1920 1080
export TZ=UTC LANG=C LC_ALL= LC_MESSAGES= TICKER_TEST_HOOKS=1

write_feed "$tmp/a.xml" "Courier" 6
write_feed "$tmp/b.xml" "Herald" 5
cat >"$tmp/config.json" <<JSON
{"feeds": [{"url": "file://$tmp/a.xml", "name": "Courier", "interval": 3600},
           {"url": "file://$tmp/b.xml", "name": "Herald", "interval": 3600}],
 "display": {"locale": "en"}}
JSON
"$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >/dev/null

# Frame 600 of 60 Hz is 10 s after the start of a headless run.
now=$(date -u +%s)
frame=600
iso=$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)
"$ticker" render --cache "$tmp/cache.db" --config "$tmp/config.json" --now "$iso" \
    --start-frame $frame --frames 1 --size 1280x720 --out "$tmp/headless" 2>/dev/null
want="$tmp/headless/frame-$(printf %06d $frame).png"

TICKER_TEST_FRAME=$frame TICKER_TEST_CLOCK_START=$((now + 10)) TICKER_TEST_CLOCK_SCALE=0.000001 \
    "$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" --window 1280x720 \
    --status-file "$tmp/status.json" 2>"$tmp/log" &
pid=$!
wait_for "$tmp/log" "first frame on screen" 60
grep -q "showing 11 stories" "$tmp/log" || { echo "first frame not from the cache:"; cat "$tmp/log"; exit 1; }
sleep 1
xwd -silent -name Ticker >"$tmp/window.xwd"
# Every pixel of the window equals the headless frame's (RGB: the window has no alpha).
/usr/bin/python3 "$here/support/xwd_compare.py" "$tmp/window.xwd" "$want" ||
    { grep -v "^$" "$tmp/log" | sed 's/^/  log: /'; exit 1; }
echo "window frame $frame matches the headless frame"

# The status file names the window and the stories; `ticker status` reads it.
wait_for "$tmp/status.json" '"renderer":' 20
grep -q '"video_driver":[[:space:]]*"x11"' "$tmp/status.json"
grep -q '"items":[[:space:]]*11' "$tmp/status.json"
"$ticker" status --file "$tmp/status.json" | grep -q "11 stories"
"$ticker" status --file "$tmp/status.json" --check >/dev/null
kill -TERM "$pid"
wait "$pid"
pid=

# Rotated a quarter turn on a landscape window: the picture is portrait, its band runs down
# the window's left edge (the picture's bottom, turned clockwise, is on the left).
cat >"$tmp/rot.json" <<JSON
{"feeds": [{"url": "file://$tmp/a.xml", "name": "Courier", "interval": 3600}],
 "display": {"locale": "en", "rotation": 90, "colors": {"band": "#00ff00", "background": "#000080"}}}
JSON
"$ticker" run --config "$tmp/rot.json" --cache "$tmp/cache.db" --window 1280x720 \
    --status-file "$tmp/status2.json" 2>"$tmp/log2" &
pid=$!
wait_for "$tmp/log2" "first frame on screen" 60
sleep 1
xwd -silent -name Ticker >"$tmp/rot.xwd"
/usr/bin/python3 - "$tmp/rot.xwd" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
hdr = struct.unpack(">25I", data[:100])
hs, w, h, bpl, nc = hdr[0], hdr[4], hdr[5], hdr[12], hdr[19]
off = hs + nc * 12
def px(x, y):
    b = data[off + y * bpl + 4 * x: off + y * bpl + 4 * x + 3]
    return (b[2], b[1], b[0])
# Down the middle of the window: the band (green) near the left edge, not the right.
y = h // 2
left = [px(x, y) for x in range(0, 40)]
right = [px(x, y) for x in range(w - 40, w)]
greens_left = sum(1 for p in left if p == (0, 255, 0))
greens_right = sum(1 for p in right if p == (0, 255, 0))
# The portrait picture is 720 wide turned to 720 tall: it fills the height, centred.
print(f"band pixels: left {greens_left}/40, right {greens_right}/40")
assert greens_left >= 20 and greens_right == 0, "the band is not on the left"
PY
grep -q '"rotation":[[:space:]]*90' "$tmp/status2.json" 2>/dev/null || wait_for "$tmp/status2.json" '"rotation":[[:space:]]*90' 15
kill -TERM "$pid"
wait "$pid"
pid=
# The operator's keys (xdotool presses them in the focused window): space pauses and resumes,
# the arrows step through the stories, r fetches now, q closes the window.
keys() { xdotool search --name '^Ticker$' windowfocus --sync key --delay 100 "$@"; }
"$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" --window 1280x720 \
    --status-file "$tmp/status3.json" 2>"$tmp/log3" &
pid=$!
wait_for "$tmp/log3" "first frame on screen" 60
keys space
wait_for "$tmp/log3" "operator: paused" 10
keys space Right Right Left r
wait_for "$tmp/log3" "operator: resumed" 10
wait_for "$tmp/log3" "operator: fetch every feed now" 10
[ "$(grep -c "operator: next story" "$tmp/log3")" -eq 2 ]
[ "$(grep -c "operator: previous story" "$tmp/log3")" -eq 1 ]
keys q 2>/dev/null || true # the window may be gone before the key's release is sent
wait "$pid"
pid=
grep -q "operator: quit" "$tmp/log3"

# With "keys": false, q does nothing: the display keeps running.
sed 's/"display": {/"keys": false, "display": {/' "$tmp/config.json" >"$tmp/nokeys.json"
"$ticker" run --config "$tmp/nokeys.json" --cache "$tmp/cache.db" --window 1280x720 \
    --status-file "$tmp/status4.json" 2>"$tmp/log4" &
pid=$!
wait_for "$tmp/log4" "first frame on screen" 60
keys space q
sleep 1
kill -0 "$pid"
! grep -q "operator:" "$tmp/log4"
kill -TERM "$pid"
wait "$pid"
pid=
# Full screen on an X server without a window manager (Xvfb, a bare kiosk session): nobody
# would answer SDL's request for full screen, so the window is a borderless one over the whole
# display, and its pixels are the headless frame's at the display's size.
"$ticker" render --cache "$tmp/cache.db" --config "$tmp/config.json" --now "$iso" \
    --start-frame $frame --frames 1 --size 1920x1080 --out "$tmp/headless-fs" 2>/dev/null
TICKER_TEST_FRAME=$frame TICKER_TEST_CLOCK_START=$((now + 10)) TICKER_TEST_CLOCK_SCALE=0.000001 \
    "$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" --fullscreen \
    --status-file "$tmp/status5.json" 2>"$tmp/log5" &
pid=$!
wait_for "$tmp/log5" "first frame on screen" 60
sleep 1
xwininfo -name Ticker >"$tmp/fs.info"
grep -q "Absolute upper-left X: *0$" "$tmp/fs.info" && grep -q "Absolute upper-left Y: *0$" "$tmp/fs.info" &&
    grep -q "Width: 1920$" "$tmp/fs.info" && grep -q "Height: 1080$" "$tmp/fs.info" ||
    { echo "the full-screen window does not cover the display:"; cat "$tmp/fs.info"; exit 1; }
grep -q "no window manager on the X server" "$tmp/log5"
xwd -silent -name Ticker >"$tmp/fs.xwd"
/usr/bin/python3 "$here/support/xwd_compare.py" "$tmp/fs.xwd" \
    "$tmp/headless-fs/frame-$(printf %06d $frame).png"
kill -TERM "$pid"
wait "$pid"
pid=
# With a window manager announced on the root window, SDL asks it for full screen as before.
xprop -root -f _NET_SUPPORTING_WM_CHECK 32c -set _NET_SUPPORTING_WM_CHECK 1
"$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" --fullscreen \
    --status-file "$tmp/status6.json" 2>"$tmp/log6" &
pid=$!
wait_for "$tmp/log6" "first frame on screen" 60
! grep -q "no window manager" "$tmp/log6" || { echo "a window manager was not seen"; exit 1; }
kill -TERM "$pid"
wait "$pid"
pid=
xprop -root -remove _NET_SUPPORTING_WM_CHECK
echo "full screen without a window manager: borderless over the display, same pixels"
echo "run_window: ok"
