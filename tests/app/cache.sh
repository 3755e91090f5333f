#!/usr/bin/env bash
# `ticker cache import|list|stats|export` on a real cache file: the fixture JSON Feed goes in
# (one story is a duplicate of another by its normalised link), list/stats show it, export
# writes valid JSON Feed 1.1 with summaries that reads back the same, filters from --config
# apply to export, and bad usage exits 2.
set -u
ticker=$1
data=${TICKER_TEST_DATA:-$(cd "$(dirname "$0")/../data" && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
unset TICKER_CONFIG
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME"
db=$tmp/sub/dir/cache.db
cfg=$data/config/minimal.json

"$ticker" cache list --config "$cfg" --cache "$db" >/dev/null 2>"$tmp/err"
check "list on a missing cache fails" $([ $? -eq 1 ]; echo $?)
grep -qF "cache $db does not exist" "$tmp/err"
check "... and says so, naming the file" $?
check "... without creating it" $([ ! -e "$db" ]; echo $?)

"$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$db" 2>"$tmp/err"
check "import exits 0" $?
grep -q "imported 4 new, 0 updated, 0 unchanged, 1 duplicate, 0 bad" "$tmp/err"
check "import counts (one duplicate by link)" $?
"$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$db" 2>"$tmp/err"
check "second import exits 0" $?
grep -q "imported 0 new, 0 updated, 4 unchanged, 1 duplicate, 0 bad" "$tmp/err"
check "second import changes nothing" $?

"$ticker" cache list --config "$cfg" --cache "$db" >"$tmp/list"
check "list exits 0" $?
check "list has 4 items" $([ "$(wc -l <"$tmp/list")" -eq 4 ]; echo $?)
printf '2025-11-24 15:00Z\tInland\tBundestag beschließt Haushalt für 2026\thttps://news.example.org/politik/haushalt-2026?utm_source=rss\n' >"$tmp/want"
head -n 1 "$tmp/list" | diff -u "$tmp/want" - >&2
check "list: newest first, tab-separated" $?
sed -n 2p "$tmp/list" | grep -q "^2025-11-24 13:30Z	Sport	Pokal"
check "list: time zone offsets converted to UTC" $?
"$ticker" cache list --feed World --limit 1 --config "$cfg" --cache "$db" >"$tmp/list"
check "list --feed --limit" $([ "$(wc -l <"$tmp/list")" -eq 1 ] && grep -q "Harbour bridge" "$tmp/list"; echo $?)
"$ticker" cache list --feed https://news.example.org/sport.xml --config "$cfg" --cache "$db" >"$tmp/list"
check "list --feed URL" $([ "$(wc -l <"$tmp/list")" -eq 1 ]; echo $?)

"$ticker" cache stats --config "$cfg" --cache "$db" >"$tmp/stats"
check "stats exits 0" $?
grep -q "schema 3, 4 items, 3 feeds" "$tmp/stats"
check "stats totals" $?
grep -q "^Inland$" "$tmp/stats" && grep -q "last status  never" "$tmp/stats" && grep -q "items        1 (newest 2025-11-24 15:00Z)" "$tmp/stats"
check "stats per feed" $?

"$ticker" cache export --json-feed "$tmp/out.json" --config "$cfg" --cache "$db"
check "export exits 0" $?
/usr/bin/python3 - "$tmp/out.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert f["version"] == "https://jsonfeed.org/version/1.1"
assert isinstance(f["title"], str)
items = f["items"]
assert len(items) == 4, len(items)
for it in items:
    # JSON Feed 1.1: id is a string; content_text or content_html is required
    assert isinstance(it["id"], str) and it["id"]
    assert isinstance(it["content_text"], str) and it["content_text"]
    assert it["date_published"].endswith("Z")
first = items[0]
assert first["title"] == "Bundestag beschließt Haushalt für 2026"
assert first["summary"].startswith("Nach langer Debatte")
assert first["content_text"].endswith("Schienen und Schulen.")
assert first["language"] == "de"
bridge = [i for i in items if i["title"].startswith("Harbour")][0]
assert bridge["authors"] == [{"name": "City desk"}]
assert bridge["image"] == "https://world.example.com/img/bridge.jpg"
assert bridge["_ticker"]["source"] == "World"
PY
check "export is JSON Feed 1.1 with summaries" $?

# Round trip: the export imports into a new cache and exports the same items.
"$ticker" cache import --json-feed "$tmp/out.json" --config "$cfg" --cache "$tmp/copy.db" 2>/dev/null
check "re-import of the export exits 0" $?
"$ticker" cache export --json-feed - --config "$cfg" --cache "$tmp/copy.db" >"$tmp/copy.json"
check "export to stdout exits 0" $?
/usr/bin/python3 - "$tmp/out.json" "$tmp/copy.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["items"] for p in sys.argv[1:3])
strip = lambda items: [{k: v for k, v in i.items() if k != "_ticker"} for i in items]
assert strip(a) == strip(b), (a, b)
PY
check "export -> import -> export round trip" $?

# Filters of the configuration apply to the export.
"$ticker" cache export --json-feed - --config "$data/config/filters.json" --cache "$db" >"$tmp/f.json"
check "export with filters exits 0" $?
/usr/bin/python3 -c '
import json, sys
t = [i["title"] for i in json.load(open(sys.argv[1]))["items"]]
assert len(t) == 2 and not any("Royal" in x or "Pokal" in x for x in t), t' "$tmp/f.json"
check "export applies filters" $?

# Looking at a corrupt cache reports it and leaves it alone (a kiosk may be using it);
# import, which writes, moves it aside and starts a new one.
head -c 5000 /dev/urandom >"$tmp/bad.db"
"$ticker" cache stats --config "$cfg" --cache "$tmp/bad.db" >"$tmp/stats" 2>"$tmp/err"
check "stats on a corrupt cache exits 1" $([ $? -eq 1 ]; echo $?)
grep -q "ticker: cache $tmp/bad.db: fails its integrity check" "$tmp/err"
check "... naming the file and the problem" $?
check "... and leaves it where it is" $([ -e "$tmp/bad.db" ] && ! ls "$tmp"/bad.db.corrupt-* >/dev/null 2>&1; echo $?)
"$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$tmp/bad.db" 2>"$tmp/err"
check "import into a corrupt cache exits 0" $?
grep -q "moved it to $tmp/bad.db.corrupt-" "$tmp/err"
check "... after moving it aside" $?

# End to end: `ticker fetch` of local feeds, then stats shows each feed's state. (The
# fixture's dated entries, early 2026, some by <updated> only, are past the default
# retention by now; its dateless entry is kept, as first seen now.)
printf '{"feeds": [{"url": "file://%s/feeds/atom10.xml", "name": "Atom"}, {"url": "file://%s/no-such-feed.xml", "name": "Missing"}], "fetch_articles": false}\n' "$data" "$tmp" >"$tmp/fetch.json"
"$ticker" fetch --config "$tmp/fetch.json" --cache "$tmp/fetched.db" >/dev/null 2>&1
check "ticker fetch into a new cache" $?
"$ticker" cache stats --config "$tmp/fetch.json" --cache "$tmp/fetched.db" >"$tmp/stats"
check "stats after a fetch exits 0" $?
grep -A4 "^Atom$" "$tmp/stats" | grep -q "last status  ok" &&
    grep -A5 "^Missing$" "$tmp/stats" | grep -q "last status  error: .*no-such-feed.xml" &&
    grep -A6 "^Missing$" "$tmp/stats" | grep -q "errors       1 in a row"
check "stats after a fetch: ok and error states" $?
"$ticker" cache list --feed Atom --config "$tmp/fetch.json" --cache "$tmp/fetched.db" >"$tmp/list"
check "list after a fetch exits 0" $?
grep -q "Atom.Only a self link" "$tmp/list"
check "list after a fetch" $?

# A file that is not JSON: exit 2 and where it breaks off (as `ticker parse` says); valid JSON that is no feed: exit 2.
printf '{"version": "https://jsonfeed.org/version/1.1",\n "items": [\n' >"$tmp/cut.json"
"$ticker" cache import --json-feed "$tmp/cut.json" --config "$cfg" --cache "$tmp/cut.db" 2>"$tmp/err"
check "import of broken JSON exits 2" $([ $? -eq 2 ]; echo $?)
grep -qF "ticker: $tmp/cut.json: line 2, column 12: invalid JSON" "$tmp/err"
check "... naming the file, line and column" $?
echo '{"title": "x"}' >"$tmp/nofeed.json"
"$ticker" cache import --json-feed "$tmp/nofeed.json" --config "$cfg" --cache "$tmp/cut.db" 2>"$tmp/err"
check "import of JSON that is no feed exits 2" $([ $? -eq 2 ]; echo $?)
grep -qF "ticker: $tmp/nofeed.json: not a JSON Feed" "$tmp/err"
check "... and says so" $?

"$ticker" cache export --json-feed "$tmp/no/such/dir/out.json" --config "$cfg" --cache "$db" 2>"$tmp/err"
check "export to an unwritable path exits 1" $([ $? -eq 1 ]; echo $?)
grep -qF "ticker: $tmp/no/such/dir/out.json: cannot write: No such file or directory" "$tmp/err"
check "... naming the file and the reason" $?

"$ticker" cache >/dev/null 2>&1;                         check "no subcommand exits 2" $([ $? -eq 2 ]; echo $?)
"$ticker" cache frobnicate >/dev/null 2>&1;              check "unknown subcommand exits 2" $([ $? -eq 2 ]; echo $?)
"$ticker" cache export --cache "$db" >/dev/null 2>&1;    check "export without --json-feed exits 2" $([ $? -eq 2 ]; echo $?)
"$ticker" cache list --limit x --cache "$db" >/dev/null 2>&1; check "bad --limit exits 2" $([ $? -eq 2 ]; echo $?)
"$ticker" cache list --config "$data/config/bad.json" --cache "$db" >/dev/null 2>&1
check "bad configuration exits 2" $([ $? -eq 2 ]; echo $?)
exit $fail
