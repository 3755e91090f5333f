#!/usr/bin/env bash
# Story pictures end to end (docs/images.md): `ticker fetch` downloads the items' pictures
# from tests/feedserver.py on 127.0.0.1 and stores them scaled in the cache; `ticker render
# --cache` shows them; the wall display in a real X window (Xvfb) shows exactly the same frame,
# its pictures read and decoded off the render thread; the card's QR code reads as the link.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/support/x11.sh"
. "$here/../feedserver.sh"
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    x11_stop
    feedserver_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: toolchain/install-deps.sh"; exit 77; }
feedserver_start "$tmp" || exit 1
x11_start 1280 720
export TZ=UTC LANG=C LC_ALL= LC_MESSAGES= TICKER_TEST_HOOKS=1

cat >"$tmp/config.json" <<JSON
{"feeds": [{"url": "$base/feed/pics?img=png&items=3", "name": "Pictures", "interval": 3600}],
 "fetch_articles": false, "display": {"locale": "en"}}
JSON
"$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >"$tmp/fetch.out" 2>&1 ||
    { echo "ticker fetch failed:"; cat "$tmp/fetch.out"; exit 1; }
n=$(sqlite3 "$tmp/cache.db" "SELECT count(*) FROM pictures WHERE jpeg IS NOT NULL")
[ "$n" = 3 ] || { echo "expected 3 stored pictures, found $n"; cat "$tmp/fetch.out"; exit 1; }
requests=$(curl -s "$base/_log" | /usr/bin/python3 -c 'import json,sys; print(sum(e["path"].startswith("/image/") for e in json.load(sys.stdin)))')
[ "$requests" = 3 ] || { echo "expected 3 image requests, the server saw $requests"; exit 1; }
echo "ticker fetch stored 3 pictures from 3 requests"
# A second fetch asks for none of them again.
"$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >/dev/null
requests=$(curl -s "$base/_log" | /usr/bin/python3 -c 'import json,sys; print(sum(e["path"].startswith("/image/") for e in json.load(sys.stdin)))')
[ "$requests" = 3 ] || { echo "the second fetch asked for pictures again ($requests requests)"; exit 1; }
echo "a second fetch asks for no picture again"

now=$(date -u +%s)
frame=600
iso=$(date -u -d "@$now" +%Y-%m-%dT%H:%M:%SZ)
"$ticker" render --cache "$tmp/cache.db" --config "$tmp/config.json" --now "$iso" \
    --start-frame $frame --frames 1 --size 1280x720 --out "$tmp/headless" 2>"$tmp/render.err"
want="$tmp/headless/frame-$(printf %06d $frame).png"
# The picture is on the card: the served image's red and blue halves, scaled.
/usr/bin/python3 - "$want" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
px = im.load()
red = sum(1 for y in range(0, im.height, 2) for x in range(0, im.width, 2)
          if abs(px[x, y][0] - 220) < 20 and px[x, y][1] < 60 and px[x, y][2] < 60)
blue = sum(1 for y in range(0, im.height, 2) for x in range(0, im.width, 2)
           if abs(px[x, y][2] - 220) < 20 and px[x, y][0] < 60 and px[x, y][1] < 60)
if red < 2000 or blue < 2000:
    sys.exit(f"no picture on the card ({red} red and {blue} blue samples)")
print(f"the headless card shows the picture ({red} red, {blue} blue samples)")
PY
link=$(zbarimg -q --raw "$want" 2>/dev/null || true)
case $link in
"$base"/article/pics-*) echo "the card's code reads $link" ;;
*) echo "the card's code reads '$link', not an article link of the feed"; exit 1 ;;
esac

TICKER_TEST_FRAME=$frame TICKER_TEST_CLOCK_START=$((now + 10)) TICKER_TEST_CLOCK_SCALE=0.000001 \
    "$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" --window 1280x720 \
    --status-file "$tmp/status.json" 2>"$tmp/log" &
pid=$!
wait_for "$tmp/log" "first frame on screen" 60
# The loader reads and decodes the first card's picture after the first frame; the card is
# built again when it has come.
for i in $(seq 20); do
    sleep 0.5
    xwd -silent -name Ticker >"$tmp/window.xwd"
    if /usr/bin/python3 "$here/support/xwd_compare.py" "$tmp/window.xwd" "$want" >/dev/null 2>&1; then
        echo "window frame $frame with its picture matches the headless frame"
        kill -TERM "$pid"
        wait "$pid"
        pid=
        exit 0
    fi
done
/usr/bin/python3 "$here/support/xwd_compare.py" "$tmp/window.xwd" "$want" || true
grep -v "^$" "$tmp/log" | sed 's/^/  log: /'
exit 1
