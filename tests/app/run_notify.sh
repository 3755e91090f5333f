#!/usr/bin/env bash
# systemd's notifications, against a stand-in notification socket: READY=1 comes once the
# first frame is on screen, then WATCHDOG=1 pings at half the watchdog interval while frames
# complete and the fetch worker's heartbeat (a tick a second) grows; when the render loop stops
# presenting (test hook), the pings stop; STOPPING=1 at the end.
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/support/x11.sh"
tmp=$(mktemp -d)
pid= lpid=
cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    [ -n "$lpid" ] && kill "$lpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software LANG=C TZ=UTC TICKER_TEST_HOOKS=1

/usr/bin/python3 "$here/support/notify_listen.py" "$tmp/notify.sock" "$tmp/notes" &
lpid=$!
wait_for "$tmp/notes" "listening" 10
write_feed "$tmp/a.xml" "Courier" 3
printf '{"feeds": [{"url": "file://%s/a.xml", "name": "Courier"}]}\n' "$tmp" >"$tmp/config.json"

NOTIFY_SOCKET="$tmp/notify.sock" WATCHDOG_USEC=2000000 \
    "$ticker" run --config "$tmp/config.json" --cache "$tmp/cache.db" \
    --status-file "$tmp/s.json" 2>"$tmp/log" &
pid=$!
wait_for "$tmp/notes" "READY=1" 60
wait_for "$tmp/log" "first frame on screen" 10
# READY=1 is the first thing sent, and carries a STATUS line.
first=$(sed -n 2p "$tmp/notes")
case "$first" in *READY=1*STATUS=showing*) ;; *) echo "first message: $first"; exit 1 ;; esac
# Pings every second (half of WATCHDOG_USEC) while healthy: at least 3 within 4 s.
sleep 4
pings=$(grep -c "WATCHDOG=1" "$tmp/notes")
[ "$pings" -ge 3 ] || { echo "only $pings watchdog pings in 4 s"; cat "$tmp/notes"; exit 1; }

# The render loop stops presenting: no ping for 4 s (four intervals).
kill -USR1 "$pid"
wait_for "$tmp/log" "test hook: the render loop stops" 10
sleep 0.5 # a ping already due may still go out
before=$(grep -c "WATCHDOG=1" "$tmp/notes")
sleep 4
after=$(grep -c "WATCHDOG=1" "$tmp/notes")
[ "$after" -eq "$before" ] || { echo "pings went on while stuck: $before -> $after"; exit 1; }
kill -0 "$pid"

kill -TERM "$pid"
wait "$pid"
pid=
wait_for "$tmp/notes" "STOPPING=1" 5
echo "run_notify: ok ($pings pings in 4 s, none in 4 s while stuck)"
