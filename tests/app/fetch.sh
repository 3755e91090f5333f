#!/usr/bin/env bash
# `ticker fetch` against tests/feedserver.py on 127.0.0.1: one line per feed, printed as each
# feed finishes (a header only on a terminal), conditional GET on the second run, article
# progress, lines that never claim what the cache did not get, hostile text and credentials
# kept off the terminal, a FIFO feed refused, demo feeds that are never too old; exit 0 / 1 /
# 2 for some ok / none ok / bad configuration.
# Usage: fetch.sh PATH/TO/ticker   (run from tests/, as CTest does)
. "$(dirname "$0")/lib.sh" "$@"
. "$tests/feedserver.sh"
at_exit feedserver_stop
feedserver_start "$tmp" || exit 1

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

# First run: two feeds bring 5 items each, two fail; some succeeded, so exit 0. Not on a
# terminal: no header line, just the four feeds.
run "$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db"
expect_status 0 "first run: some feeds succeed"
expect "one line per feed, no header off a terminal" test "$(wc -l <"$tmp/stdout")" -eq 4
expect_stdout '^ok +200 +5 +[0-9]+ +[0-9]+  one$' "feed one: 200, 5 new"
expect_stdout '^ok +200 +5 +[0-9]+ +[0-9]+  two$' "feed two: 200, 5 new"
expect_stdout '^http-error +500 +0 .* broken  \[.*/status/500: HTTP 500\]$' "the 500 line"
expect_stdout '^http-error +410 ' "the 410 line"
expect_stderr '410 Gone, polling stopped' "410 is logged"

# Second run: conditional GETs by ETag and by Last-Modified, no items; the gone feed is not
# asked again.
run "$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db"
expect_status 0 "second run"
expect_stdout '^not-modified +304 +0 .* one$' "304 by ETag"
expect_stdout '^not-modified +304 +0 .* two$' "304 by Last-Modified"
expect_stdout '^gone +- .* gone$' "the gone feed is not polled again"
run "$ticker" cache stats --config "$tmp/config.json" --cache "$tmp/cache.db"
expect_status 0 "cache stats"
expect_stdout 'never \(410 Gone\)' "cache stats shows the 410"
# The RSS ttl is kept in the cache (it counts after a 304 and a restart too).
expect_stdout 'feed ttl +30 min' "cache stats shows the ttl"

# On a terminal the columns get a header (script(1) gives the command a pseudo-terminal).
if command -v script >/dev/null; then
    run script -qec "$(lib_quote "$ticker" fetch --config "$tmp/config.json" --cache "$tmp/cache.db")" /dev/null
    expect_stdout '^STATUS +CODE +NEW +BYTES +MS +FEED' "a header on a terminal"
    expect_stdout '^not-modified +304' "... above the feed lines"
else
    echo "skip: script(1) is not installed, no terminal test"
fi

# Each line as its feed finishes: the quick feed's line is out while the slow one (held for
# 10 s by the server; the low-speed limit would end it after 20) is still in flight.
cat >"$tmp/slow.json" <<JSON
{"fetch_articles": false, "feeds": [{"url": "$base/hold/slowfeed?ms=10000", "name": "slow"},
 {"url": "$base/feed/quick", "name": "quick"}]}
JSON
"$ticker" fetch --config "$tmp/slow.json" --cache "$tmp/slow.db" >"$tmp/slow.out" 2>&1 &
pid=$!
for _ in $(seq 150); do grep -q ' quick$' "$tmp/slow.out" && break; sleep 0.1; done
lib_cmd="ticker fetch --config slow.json (in the background)"
expect "the quick feed's line comes before the run ends" grep -q '^ok .* quick$' "$tmp/slow.out"
expect "... while the slow feed is still being fetched" kill -0 "$pid"
expect "... and has no line yet" bash -c "! grep -q ' slow$' '$tmp/slow.out'"
wait "$pid"
expect "the slow feed's line comes last" bash -c "tail -n 1 '$tmp/slow.out' | grep -q '^ok .* slow$'"

# Article pages: the run says it fetches them and how many are left (here two headline-only
# items on one host, five seconds apart).
cat >"$tmp/articles.json" <<JSON
{"fetch_articles": true, "feeds": [{"url": "$base/feed/art?items=2&desc=none", "name": "art"}]}
JSON
run "$ticker" fetch --config "$tmp/articles.json" --cache "$tmp/articles.db"
expect_status 0 "a run with article pages"
expect_stdout '^ok +200 +2 .* art$' "its headlines"
expect_stderr 'fetching 2 article pages for summaries' "it says it fetches article pages"
expect_stderr 'article pages: 1 fetched, 1 left' "... and how many are left"
expect_stderr 'article pages: all 2 fetched' "... and when they are done"
run "$ticker" cache list --config "$tmp/articles.json" --cache "$tmp/articles.db"
expect_stdout 'art story 1' "the items are in the cache"

# A cache whose write lock another program holds (Python's sqlite3, while ticker runs):
# lines say "not-saved", never "ok ... 5", and the run fails.
cat >"$tmp/pre.json" <<JSON
{"fetch_articles": false, "feeds": [{"url": "$base/feed/pre", "name": "pre"}]}
JSON
run "$ticker" fetch --config "$tmp/pre.json" --cache "$tmp/locked.db"
expect_status 0 "a cache to lock"
python3 - "$tmp/locked.db" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(25)
PY
locker=$!
for _ in $(seq 100); do [ -e "$tmp/locked.db.locked" ] && break; sleep 0.1; done
cat >"$tmp/one.json" <<JSON
{"fetch_articles": false, "feeds": [{"url": "$base/feed/lk", "name": "locked"}]}
JSON
run "$ticker" fetch --config "$tmp/one.json" --cache "$tmp/locked.db"
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null
expect_status 1 "nothing saved: exit 1"
expect_stdout '^not-saved +200 +- .* locked  \[.*could not be saved in the cache' "the line says not saved"
expect "... and never ok with new items" bash -c "! grep -Eq '^ok ' '$tmp/stdout'"

# Hostile text and credentials: a Location full of escape sequences and URLs with a password
# and an API key reach the terminal, the log and `cache stats` made printable and redacted.
cat >"$tmp/hostile.json" <<JSON
{"fetch_articles": false, "feeds": [
  {"url": "$base/escloc", "name": "escapes"},
  {"url": "http://user:s3cret@127.0.0.1:$port/status/404?apikey=k3y", "name": "secret"},
  {"url": "http://user:s3cret@127.0.0.1:$port/status/410", "name": "secret-gone"}]}
JSON
run "$ticker" fetch --config "$tmp/hostile.json" --cache "$tmp/hostile.db"
expect_status 1 "hostile feeds all fail"
expect "no escape byte on the terminal" bash -c "! grep -q \$'\\x1b' '$tmp/stdout' '$tmp/stderr'"
expect_stdout 'ftp://evil.example/\\x1b\]0;pwned\\x07' "the Location shown as escapes"
expect_stdout 'http://\*\*\*@127\.0\.0\.1:[0-9]+/status/404\?apikey=\*\*\*: HTTP 404' \
    "the URL shown without its credentials"
expect_stderr 'http://\*\*\*@127\.0\.0\.1:[0-9]+/status/410: 410 Gone' "... in the log too"
expect "no password or key anywhere" bash -c "! grep -Eq 's3cret|k3y' '$tmp/stdout' '$tmp/stderr'"
run "$ticker" cache stats --config "$tmp/hostile.json" --cache "$tmp/hostile.db"
expect_status 0 "cache stats of the hostile feeds"
expect_stdout 'url +http://\*\*\*@127\.0\.0\.1' "cache stats hides the credentials"
expect "... and shows no password, key or escape byte" \
    bash -c "! grep -Eq \$'s3cret|k3y|\\x1b' '$tmp/stdout'"

# A file:// feed that is a FIFO is refused at once (it would block a reader for ever).
mkfifo "$tmp/feed.fifo"
cat >"$tmp/fifo.json" <<JSON
{"fetch_articles": false, "feeds": [{"url": "file://$tmp/feed.fifo", "name": "fifo"}]}
JSON
run timeout 60 "$ticker" fetch --config "$tmp/fifo.json" --cache "$tmp/fifo.db"
expect_status 1 "a FIFO feed fails (and does not hang)"
expect_stdout '^file +- .* fifo  \[file://.*feed.fifo: .*a FIFO, not a regular file\]$' "the FIFO line"

# The bundled demo feeds are years old by date; as demo feeds they are shown as new.
demo=$(ls "$root"/assets/demo/*.rss | head -n 1)
cat >"$tmp/demo.json" <<JSON
{"fetch_articles": false, "feeds": [
  {"url": "file://$demo", "name": "Demo", "demo": true},
  {"url": "file://$demo?plain", "name": "Plain"}]}
JSON
run "$ticker" fetch --config "$tmp/demo.json" --cache "$tmp/demo.db"
expect_status 0 "demo run"
expect_stdout '^ok +- +[1-9][0-9]* .* Demo$' "the demo feed's items are all new"
run "$ticker" cache list --config "$tmp/demo.json" --cache "$tmp/demo.db"
expect_stdout $'\tDemo \\(demo\\)\t' "its stories are labelled as demo"
expect "the same file without the flag keeps nothing (its dates are too old)" \
    bash -c "! grep -q \$'\\tPlain\\t' '$tmp/stdout'"

# Every feed failing: exit 1.
cat >"$tmp/dead.json" <<JSON
{"feeds": [{"url": "$base/status/503", "name": "a"}, {"url": "$base/reset", "name": "b"}]}
JSON
run "$ticker" fetch --config "$tmp/dead.json" --cache "$tmp/cache2.db"
expect_status 1 "all failed: exit 1"

# A bad configuration: exit 2 and a message naming the file and the place.
printf '{"feeds": [{"url": "%s/feed/x", "nmae": "x"}], "interval": 5}\n' "$base" >"$tmp/bad.json"
run "$ticker" fetch --config "$tmp/bad.json" --cache "$tmp/cache3.db"
expect_status 2 "bad configuration: exit 2"
expect_stderr 'bad.json: line 1, column [0-9]+: "interval" must be a number of seconds, at least 120$' \
    "the bad value is named"
expect_stderr 'bad.json: line 1, column [0-9]+: unknown key "nmae" \(did you mean "name"\?\)$' \
    "the misspelt key is named"

run "$ticker" fetch --config "$tmp/missing.json"
expect_status 2 "missing configuration: exit 2"
expect_stderr "$tmp/missing.json: No such file or directory" "the missing file is named"
run "$ticker" fetch --bogus
expect_status 2 "bad usage: exit 2"
