#!/usr/bin/env bash
# `ticker fetch` against tests/feedserver.py on 127.0.0.1: one line per feed, conditional GET
# on the second run, exit 0 / 1 / 2 for some ok / all failed / bad configuration.
# Usage: fetch.sh PATH/TO/ticker   (run from tests/, as CTest does)
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/feedserver.sh"
tmp=$(mktemp -d /tmp/ticker-fetch-sh-XXXXXX)
cleanup() {
    local rc=$?
    feedserver_stop
    rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

feedserver_start "$tmp" || fail "feedserver did not start"

# Default timeouts: no feed here is meant to time out, and a loaded machine must not make one.
cat >"$tmp/config.json" <<JSON
{
  "interval": 600,
  "fetch_articles": false,
  "feeds": [
    {"url": "$base/feed/one?ttl=30", "name": "one"},
    {"url": "$base/feed/two?etag=0", "name": "two"},
    {"url": "$base/status/500", "name": "broken"},
    {"url": "$base/status/410", "name": "gone"}
  ]
}
JSON

# First run: two feeds bring 5 items each, two fail; some succeeded, so exit 0.
"$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >"$tmp/out1" 2>"$tmp/err1" \
    || fail "first run exited $?: $(cat "$tmp/out1" "$tmp/err1")"
cat "$tmp/out1"
[ "$(wc -l <"$tmp/out1")" -eq 4 ] || fail "want one line per feed"
grep -Eq '^ok +200 +5 +[0-9]+ +[0-9]+  one$' "$tmp/out1" || fail "feed one line"
grep -Eq '^ok +200 +5 +[0-9]+ +[0-9]+  two$' "$tmp/out1" || fail "feed two line"
grep -Eq '^http-error +500 +0 .* broken  \[.*/status/500: HTTP 500\]$' "$tmp/out1" || fail "500 line"
grep -Eq '^http-error +410 ' "$tmp/out1" || fail "410 line"
grep -q '410 Gone, polling stopped' "$tmp/err1" || fail "410 not logged"

# Second run: conditional GETs by ETag and by Last-Modified, no items, no body bytes; the
# gone feed is not asked again.
"$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db" >"$tmp/out2" 2>&1 \
    || fail "second run exited $?"
cat "$tmp/out2"
grep -Eq '^not-modified +304 +0 .* one$' "$tmp/out2" || fail "304 by ETag"
grep -Eq '^not-modified +304 +0 .* two$' "$tmp/out2" || fail "304 by Last-Modified"
grep -Eq '^gone +- .* gone$' "$tmp/out2" || fail "gone feed polled again"
# ... and `ticker cache stats` says so.
"$ticker" cache stats --config "$tmp/config.json" --cache "$tmp/cache.db" >"$tmp/stats" 2>&1 \
    || fail "cache stats exited $?"
grep -q 'never (410 Gone)' "$tmp/stats" || fail "410 not in cache stats: $(cat "$tmp/stats")"
# The RSS ttl is kept in the cache (it counts after a 304 and a restart too).
grep -q 'feed ttl     30 min' "$tmp/stats" || fail "ttl not in cache stats: $(cat "$tmp/stats")"

# Every feed failing: exit 1.
cat >"$tmp/dead.json" <<JSON
{"feeds": [{"url": "$base/status/503", "name": "a"}, {"url": "$base/reset", "name": "b"}]}
JSON
set +e
"$ticker" fetch --config "$tmp/dead.json" --cache "$tmp/cache2.db" >"$tmp/out3" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || fail "all failed: exit $rc, want 1"

# A bad configuration: exit 2 and a message naming the file and the place.
printf '{"feeds": [{"url": "%s/feed/x", "nmae": "x"}], "interval": 5}\n' "$base" >"$tmp/bad.json"
set +e
"$ticker" fetch --config "$tmp/bad.json" --cache "$tmp/cache3.db" >"$tmp/out4" 2>"$tmp/err4"
rc=$?
set -e
[ $rc -eq 2 ] || fail "bad config: exit $rc, want 2"
grep -Eq 'bad.json: line 1, column [0-9]+: "interval" must be a whole number of seconds from 120 to 604800 \(7 days\), not 5$' "$tmp/err4" ||
    fail "bad config message: $(cat "$tmp/err4")"
grep -Eq 'bad.json: line 1, column [0-9]+: unknown key "nmae" \(did you mean "name"\?\)$' "$tmp/err4" ||
    fail "bad config warning: $(cat "$tmp/err4")"

set +e
"$ticker" fetch --config "$tmp/missing.json" >/dev/null 2>"$tmp/err5"
rc=$?
"$ticker" fetch --bogus >/dev/null 2>&1
rc2=$?
set -e
[ $rc -eq 2 ] || fail "missing config: exit $rc, want 2"
grep -qF "$tmp/missing.json: No such file or directory" "$tmp/err5" ||
    fail "missing config message: $(cat "$tmp/err5")"
[ $rc2 -eq 2 ] || fail "bad usage: exit $rc2, want 2"
echo "fetch.sh: all passed"
