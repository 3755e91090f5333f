#!/usr/bin/env bash
# Soak test of the wall display (issue 8): `ticker run` against tests/feedserver.py for seven
# simulated days, every feed changing at every poll (a new story each time, the oldest one
# leaving), a night schedule switching the screen off and on each day. It samples the
# process's resident memory and open file descriptors and says whether, after the first
# simulated day (warm-up), memory grew by more than 2 MB or descriptors changed at all.
#
#   tests/soak/soak.sh BUILD_DIR [--minutes M] [--days D] [--valgrind]
#
# Defaults: 7 days in 10 minutes (the test clock runs about 1000 times real time; frames are
# real, at 60 Hz on SDL's dummy video driver with the software renderer, 1920x1080).
# --valgrind: a short run (default 3 minutes, one simulated day, 640x360) under valgrind's
# memcheck; fails on any error or definitely lost block (memory growth is not judged there).
# Exit status 0 when within the limits, 1 otherwise. Not part of `make test` (`make soak`).
set -euo pipefail
build=${1:-build}
shift || true
minutes=10 days=7 valgrind=0
while [ $# -gt 0 ]; do
    case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --valgrind) valgrind=1; shift ;;
    *) echo "usage: $0 BUILD_DIR [--minutes M] [--days D] [--valgrind]" >&2; exit 2 ;;
    esac
done
if [ $valgrind = 1 ] && [ "$minutes" = 10 ]; then minutes=3 days=1; fi
build=$(cd "$build" && pwd)
bin=$build/src/ticker-display
[ -x "$bin" ] || bin=$build/ticker-display
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../feedserver.sh"
tmp=$(mktemp -d)
pid= bumper=
cleanup() {
    [ -n "$bumper" ] && kill "$bumper" 2>/dev/null
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    feedserver_stop
    rm -rf "$tmp"
}
trap cleanup EXIT

# The test clock starts on Monday 2026-01-05 at 06:00 UTC, half an hour before the screen comes
# on; the feed server dates its stories from a day before that (a story every 10 minutes of
# the feed's versions, which advance with every poll).
start=1767592800
feedserver_start "$tmp" --base-date $((start - 86400))
nfeeds=6
interval=120 # the least a feed may be polled at (seconds of the test clock)
scale=$(( days * 86400 / (minutes * 60) ))
feeds=
for i in $(seq $nfeeds); do
    feeds="$feeds${feeds:+, }{\"url\": \"$base/feed/soak$i?items=20&desc=long&spacing=600\", \"name\": \"Soak $i\", \"interval\": $interval}"
done
cat >"$tmp/config.json" <<JSON
{"feeds": [$feeds], "retention": {"max_items": 50}, "fetch_articles": false,
 "schedule": {"off": "23:00", "on": "06:30"}}
JSON

size=1920x1080
[ $valgrind = 1 ] && size=640x360
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy LANG=C TZ=UTC
export TICKER_TEST_HOOKS=1 TICKER_TEST_CLOCK_SCALE=$scale TICKER_TEST_CLOCK_START=$start
cmd=("$bin" run --config "$tmp/config.json" --cache "$tmp/cache.db" --window "$size"
     --status-file "$tmp/status.json")
if [ $valgrind = 1 ]; then
    cmd=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
         --show-leak-kinds=definite --suppressions="$here/valgrind.supp" --log-file="$tmp/vg.log"
         "${cmd[@]}")
fi
echo "soak: $days simulated days in $minutes minutes (clock x$scale), $nfeeds feeds changing at" \
    "every poll (every $interval s of the clock), $size, night off 23:00-06:30"
"${cmd[@]}" 2>"$tmp/log" &
pid=$!

# Every feed changes once per poll interval of the test clock.
bump_ms=$(( interval * 1000 / scale ))
[ $bump_ms -lt 20 ] && bump_ms=20
(
    while :; do
        for i in $(seq $nfeeds); do curl -s -o /dev/null "$base/_bump/soak$i" || true; done
        sleep "$(awk "BEGIN { print $bump_ms / 1000 }")"
    done
) &
bumper=$!

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; }
fds() { ls "/proc/$pid/fd" 2>/dev/null | wc -l; }
field() { sed -n "s/.*\"$1\":[[:space:]]*\([0-9.]*\).*/\1/p" "$tmp/status.json" 2>/dev/null | head -1 || true; }
end=$(( $(date +%s) + minutes * 60 ))
warm=$(( $(date +%s) + minutes * 60 / days ))
[ $valgrind = 1 ] && warm=$(( $(date +%s) + minutes * 60 / 3 ))
printf '%8s %6s %10s %5s %7s %8s %7s\n' real_s day rss_kb fds stories frames display
t0=$(date +%s)
base_rss= max_rss=0 min_rss= base_fds= fds_lo= fds_hi=
while [ "$(date +%s)" -lt $end ]; do
    sleep 10
    kill -0 "$pid" 2>/dev/null || { echo "ticker run died:"; tail -20 "$tmp/log"; exit 1; }
    r=$(rss) f=$(fds)
    now=$(date +%s)
    day=$(awk "BEGIN { printf \"%.2f\", ($now - $t0) * $scale / 86400 }")
    disp=$(sed -n 's/.*"display":[[:space:]]*"\([a-z]*\)".*/\1/p' "$tmp/status.json" 2>/dev/null || true)
    printf '%8d %6s %10s %5s %7s %8s %7s\n' $((now - t0)) "$day" "$r" "$f" "$(field items)" \
        "$(field frames)" "$disp"
    if [ "$now" -ge $warm ]; then
        [ -z "$base_rss" ] && base_rss=$r base_fds=$f fds_lo=$f fds_hi=$f min_rss=$r
        [ "$r" -gt "$max_rss" ] && max_rss=$r
        [ "$r" -lt "$min_rss" ] && min_rss=$r
        [ "$f" -lt "$fds_lo" ] && fds_lo=$f
        [ "$f" -gt "$fds_hi" ] && fds_hi=$f
    fi
done
final_rss=$(rss)
kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
pid=
grep -c "night schedule: display" "$tmp/log" | xargs echo "night switches:"
grep -E "error|warning" "$tmp/log" | sort | uniq -c | sort -rn | head -5 || true
ok=0
growth=$(( final_rss - base_rss ))
echo "resident memory after warm-up $base_rss kB, at the end $final_rss kB (min $min_rss," \
    "max $max_rss): growth $growth kB; limit 2048 kB"
echo "open file descriptors after warm-up $base_fds, range $fds_lo..$fds_hi; must stay flat"
if [ $valgrind = 0 ]; then
    [ $growth -le 2048 ] || { echo "MISS: memory grew by $growth kB"; ok=1; }
    [ "$fds_lo" = "$fds_hi" ] || { echo "MISS: descriptors changed"; ok=1; }
else
    echo "(under valgrind memory figures are valgrind's; only its findings count)"
    cat "$tmp/vg.log"
    [ $rc -eq 99 ] && { echo "MISS: valgrind found errors or definite leaks"; ok=1; }
    [ -s "$tmp/vg.log" ] && grep -q "ERROR SUMMARY: [1-9]" "$tmp/vg.log" && ok=1
fi
[ $rc -eq 0 ] || [ $rc -eq 99 ] || { echo "MISS: ticker run exited with $rc"; ok=1; }
[ $ok = 0 ] && echo "soak: PASS" || echo "soak: FAIL"
exit $ok
