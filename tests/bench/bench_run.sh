#!/usr/bin/env bash
# The wall display's figures (issue 8): time to the first frame with a 500-story cache (warm and
# cold), CPU per second of display at 1080p60 in the window path, peak resident memory.
# Goals on the 2-core reference machine: <= 150 ms, <= 3% of one core, <= 48 MB.
#
#   tests/bench/bench_run.sh BUILD_DIR          (BENCH_RUN_RUNS=5 BENCH_RUN_SECONDS=20)
#
# Runs under a private Xvfb (1920x1080, SDL's x11 driver and software renderer: the same
# path as a desktop window, without a GPU). The cache comes from five generated feeds of 100
# stories each with summaries (tests/bench/gen_feed.py), fetched once with `ticker fetch`.
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
bin=$build/src/ticker
[ -x "$bin" ] || bin=$build/ticker
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../app/support/x11.sh"
tmp=$(mktemp -d)
trap 'x11_stop; rm -rf "$tmp"' EXIT

feeds=
for i in 1 2 3 4 5; do
    /usr/bin/python3 - "$tmp/feed$i.xml" "$i" <<'PY'
import email.utils, sys, time
out, k = sys.argv[1], int(sys.argv[2])
now = time.time()
items = []
for i in range(100):
    d = email.utils.formatdate(now - 300 - (i * 5 + k) * 60, usegmt=True)
    summary = (f"Story {i} of desk {k}: the council agreed on a new timetable for the harbour "
               "ferries after a long debate. Services start earlier on weekdays and run later "
               "on Fridays. The change follows a survey of commuters in the spring.")
    items.append(f"<item><title>Desk {k}, story {i}: harbour ferries run earlier from next "
                 f"month</title><link>https://bench.invalid/{k}/{i}</link><guid>b{k}-{i}</guid>"
                 f"<pubDate>{d}</pubDate><description>{summary}</description></item>")
open(out, "w").write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                     f"<title>Desk {k}</title><link>https://bench.invalid/</link>"
                     + "".join(items) + "</channel></rss>")
PY
    feeds="$feeds${feeds:+, }{\"url\": \"file://$tmp/feed$i.xml\", \"name\": \"Desk $i\", \"interval\": 604800, \"max_items\": 100}"
done
printf '{"feeds": [%s], "retention": {"max_items": 100}, "fetch_articles": false}\n' "$feeds" \
    >"$tmp/config.json"
"$bin" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >/dev/null 2>&1
n=$(sqlite3 "$tmp/cache.db" 'SELECT count(*) FROM items')
echo "cache: $n stories, $(stat -c %s "$tmp/cache.db") bytes"

x11_start 1920 1080
export LANG=C TZ=UTC BENCH_XVFB_PID=$X11_PID
/usr/bin/python3 "$here/run_bench.py" "$bin" "$tmp" "$tmp/config.json" "$tmp/cache.db" \
    --runs "${BENCH_RUN_RUNS:-5}" --seconds "${BENCH_RUN_SECONDS:-20}"
