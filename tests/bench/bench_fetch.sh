#!/usr/bin/env bash
# Fetcher figures against tests/feedserver.py on 127.0.0.1 (nothing is asserted):
#   - a `ticker fetch` cycle over 20 local feeds: first (200s, bodies) and second (304s);
#   - bytes the second poll of unchanged feeds transferred (the fetcher's count of headers and
#     body on the wire, and the body bytes the server says it sent: ~0 means 304s worked);
#   - what each of the two runs wrote to the file system (getrusage's block outputs, 512 B each,
#     through /usr/bin/time; a `ticker fetch` run also checkpoints the WAL when it closes);
#   - the cache file's size after 10,000 items (20 feeds x 500 items);
#   - headlines first: a first `ticker fetch` of one feed of ten headline-only items whose
#     article pages are fetched for summaries (one per 5 s on one host): when the feed's line
#     (its headlines are stored) appears, and when the run ends (issue 8 measured 45 s for
#     both before headlines came first);
#   - how long fetcher_stop takes in the middle of a transfer (tests/io/test_fetch --bench-stop).
# Usage: tests/bench/bench_fetch.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
ticker=$build/src/ticker
[ -x "$ticker" ] || ticker=$build/ticker
. "$here/feedserver.sh"
tmp=$(mktemp -d /tmp/ticker-bench-fetch-XXXXXX)
cleanup() {
    local rc=$?
    feedserver_stop
    rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT

# Items dated from 30 days ago, one an hour, so 500 per feed are all in the past.
feedserver_start "$tmp" --base-date $(( $(date +%s) - 30 * 86400 ))

write_config() { # $1 file, $2 items per feed
    {
        echo '{"interval": 600, "retention": {"max_age": 31536000, "max_items": 10000},'
        echo ' "fetch_articles": false, "feeds": ['
        for i in $(seq 1 20); do
            sep=,; [ "$i" -eq 20 ] && sep=
            echo "  {\"url\": \"$base/feed/b$i?items=$2\", \"name\": \"b$i\"}$sep"
        done
        echo ']}'
    } >"$1"
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# Runs the command recording its block outputs in file $1 ("?" without GNU time).
blocks_out() {
    local out=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -o "$out" -f '%O' "$@"
    else
        echo '?' >"$out"
        "$@"
    fi
}
server_body_bytes() {
    curl -s --noproxy '*' "$base/_log" | /usr/bin/python3 -c \
        'import json,sys; print(sum(e["body"] for e in json.load(sys.stdin)))'
}
sum_wire() { awk '{ if ($4 ~ /^[0-9]+$/) s += $4 } END { print s + 0 }' "$1"; }

write_config "$tmp/c20.json" 5
curl -s --noproxy '*' "$base/_clear" >/dev/null
t=$(date +%s%N)
blocks_out "$tmp/io1" "$ticker" fetch --config "$tmp/c20.json" --cache "$tmp/c20.db" >"$tmp/first" 2>&1
first_ms=$(ms "$t")
first_body=$(server_body_bytes)
curl -s --noproxy '*' "$base/_clear" >/dev/null
t=$(date +%s%N)
blocks_out "$tmp/io2" "$ticker" fetch --config "$tmp/c20.json" --cache "$tmp/c20.db" >"$tmp/second" 2>&1
second_ms=$(ms "$t")
second_body=$(server_body_bytes)
echo "cycle over 20 local feeds, first poll (200s):   ${first_ms} ms," \
     "$(grep -c '^ok ' "$tmp/first") ok, wire $(sum_wire "$tmp/first") B," \
     "server body ${first_body} B"
echo "cycle over 20 local feeds, second poll (304s):  ${second_ms} ms," \
     "$(grep -c '^not-modified ' "$tmp/second") not-modified, wire $(sum_wire "$tmp/second") B," \
     "server body ${second_body} B"
echo "file system writes of the two runs (512 B blocks): first $(tail -n 1 "$tmp/io1")," \
     "second $(tail -n 1 "$tmp/io2")"

write_config "$tmp/c10k.json" 500
t=$(date +%s%N)
"$ticker" fetch --config "$tmp/c10k.json" --cache "$tmp/c10k.db" >"$tmp/big" 2>&1
big_ms=$(ms "$t")
new=$(awk '{ if ($3 ~ /^[0-9]+$/) s += $3 } END { print s + 0 }' "$tmp/big")
size=$(( $(stat -c %s "$tmp/c10k.db") + $( [ -e "$tmp/c10k.db-wal" ] && stat -c %s "$tmp/c10k.db-wal" || echo 0) ))
echo "cache after ${new} items (20 feeds x 500):     ${size} B ($(( size / (new > 0 ? new : 1) )) B/item), cycle ${big_ms} ms"

cat >"$tmp/hl.json" <<JSON
{"interval": 600, "retention": {"max_age": 31536000}, "fetch_articles": true,
 "feeds": [{"url": "$base/feed/hl?items=10&desc=none", "name": "hl"}]}
JSON
t=$(date +%s%N)
"$ticker" fetch --config "$tmp/hl.json" --cache "$tmp/hl.db" >"$tmp/hl.out" 2>"$tmp/hl.err" &
pid=$!
first_line=
while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$first_line" ] && grep -q ' hl$' "$tmp/hl.out"; then first_line=$(ms "$t"); fi
    sleep 0.01
done
wait "$pid" || true
total=$(ms "$t")
[ -n "$first_line" ] || first_line=$total
echo "first fetch, 10 headline-only items + their article pages: headlines stored after" \
     "${first_line} ms, summaries done after ${total} ms"

if [ -x "$build/tests/test_fetch" ]; then
    "$build/tests/test_fetch" --bench-stop 3 2>/dev/null | grep '^fetcher_stop' | sed 's/^/stop latency, /'
fi
