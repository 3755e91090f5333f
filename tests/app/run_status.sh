#!/usr/bin/env bash
# `ticker status`: finds the status file in the state directory ($STATE_DIRECTORY, else
# $XDG_STATE_HOME/ticker, else ~/.local/state/ticker), prints it for people, passes it through
# with --json, and with --check exits 0 healthy, 1 unhealthy (with the reasons), 2 when there
# is no status to read. The status files here are written by hand at chosen ages.
set -euo pipefail
ticker=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=$(date +%s)

status() { # $1 file, $2 written ago (s), $3 last frame ago, $4 last success ago, $5 display
    cat >"$1" <<JSON
{"format": 1, "version": "0.1.0", "pid": 42, "started": $((now - 7200)),
 "written": $((now - $2)), "uptime": 7190, "display": "$5", "night_change": null,
 "fps": 59.9, "frame_p99_ms": 17, "work_p99_ms": 0.7, "frames": 431000, "dropped_frames": 2,
 "last_frame": $((now - $3)), "refresh_hz": 60, "width": 1920, "height": 1080, "rotation": 0,
 "video_driver": "KMSDRM", "renderer": "opengles2", "items": 42,
 "last_success": $((now - $4)), "offline_since": null, "cache_bytes": 1234567,
 "feeds": [{"name": "Courier", "state": "ok", "last_error": null,
            "last_success": $((now - $4)), "next_poll": $((now + 300)), "items": 42},
           {"name": "Herald", "state": "failed", "last_error": "DNS lookup failed",
            "last_success": null, "next_poll": $((now + 60)), "items": 0}],
 "check": {"max_frame_age": 30, "max_fetch_age": 21600}}
JSON
}

fail() { echo "FAIL: $*"; exit 1; }

# Found through $STATE_DIRECTORY (systemd's, a colon-separated list: the first).
mkdir -p "$tmp/state"
status "$tmp/state/status.json" 3 0 300 on
out=$(STATE_DIRECTORY="$tmp/state:/nonexistent" "$ticker" status)
echo "$out" | grep -q "display:   on, 1920x1080" || fail "report: $out"
echo "$out" | grep -q "Herald .*DNS lookup failed" || fail "feed line: $out"
echo "$out" | grep -q "^healthy" || fail "healthy: $out"
# ... and through $XDG_STATE_HOME/ticker.
mkdir -p "$tmp/xdg/ticker"
cp "$tmp/state/status.json" "$tmp/xdg/ticker/"
env -u STATE_DIRECTORY XDG_STATE_HOME="$tmp/xdg" "$ticker" status --check | grep -q "^ok: on, 42 stories"
env -u STATE_DIRECTORY -u XDG_STATE_HOME HOME="$tmp/home" "$ticker" status --check 2>"$tmp/err" &&
    fail "no file must not be healthy"
grep -q "home/.local/state/ticker/status.json" "$tmp/err" || fail "names the file: $(cat "$tmp/err")"

check() { # $1 want exit status, $2 a word of the reason, rest: status() args
    local want=$1 word=$2
    shift 2
    status "$tmp/s.json" "$@"
    set +e
    out=$("$ticker" status --file "$tmp/s.json" --check)
    rc=$?
    set -e
    [ $rc -eq "$want" ] || fail "status $* -> exit $rc, want $want: $out"
    [ -z "$word" ] || echo "$out" | grep -q "$word" || fail "status $*: '$word' not in: $out"
}
check 0 "^ok" 3 0 300 on
check 1 "not running or is stuck" 45 40 300 on
check 1 "no frame presented for" 3 31 300 on
check 0 "^ok: night" 3 7200 300 night
check 1 "no successful fetch for 6 h" 3 0 $((6 * 3600 + 60)) on
# --max-fetch-age overrides the running display's threshold.
status "$tmp/s.json" 3 0 3600 on
"$ticker" status --file "$tmp/s.json" --check --max-fetch-age 1800 >/dev/null &&
    fail "--max-fetch-age 1800 with a fetch an hour ago must be unhealthy"
"$ticker" status --file "$tmp/s.json" --check --max-fetch-age 0 >/dev/null ||
    fail "--max-fetch-age 0 never checks fetching"

# --json passes the file through.
cmp <("$ticker" status --file "$tmp/s.json" --json) "$tmp/s.json" || fail "--json"

# Not a status file: exit 2 with the place.
printf '{"format": 1,\n "pid": ' >"$tmp/bad.json"
set +e
"$ticker" status --file "$tmp/bad.json" 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "a cut file: exit $rc"
grep -q "bad.json: line 2, column" "$tmp/err" || fail "position: $(cat "$tmp/err")"
echo '{"format": 9}' >"$tmp/other.json"
"$ticker" status --file "$tmp/other.json" 2>/dev/null && fail "format 9 accepted"
"$ticker" status --max-fetch-age x 2>/dev/null && fail "--max-fetch-age x accepted"
echo "run_status: ok"
