#!/usr/bin/env bash
# `ticker parse`: JSON shape, error format and exit codes. Called as: parse.sh path/to/ticker
set -u
bin=$1
data=${TICKER_TEST_DATA:-$(dirname "$0")/../data}/feeds
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

# 1. Every key, in the documented shape.
if "$bin" parse "$data/rss20-basic.xml" --url https://courier.example/feed.rss >"$tmp/out.json"; then
    if $py - "$tmp/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"format", "wellformed", "feed", "items"}, d.keys()
assert d["format"] == "rss20" and d["wellformed"] is True
assert set(d["feed"]) == {"title", "link", "language", "ttl"}
assert d["feed"]["ttl"] == 45 and d["feed"]["title"] == "Harbour Town Courier"
keys = {"id", "title", "link", "published", "updated", "summary", "content", "author",
        "categories", "image", "language"}
assert len(d["items"]) == 3
for it in d["items"]:
    assert set(it) == keys, it.keys()
    assert isinstance(it["categories"], list) and isinstance(it["id"], str)
first = d["items"][0]
assert first["published"] == "2026-03-03T08:15:00Z", first["published"]
assert first["updated"] is None
assert first["categories"] == ["Transport", "Harbour"]
PY
    then ok "keys and values"; else bad "keys and values"; fi
else
    bad "rss20-basic.xml exit status"
fi

# 2. JSON Feed; null ttl.
"$bin" parse "$data/jsonfeed11.json" >"$tmp/j.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="jsonfeed" and d["feed"]["ttl"] is None and len(d["items"])==3' "$tmp/j.json" &&
    ok "jsonfeed" || bad "jsonfeed"

# 3. Garbage: error with file, line and column; exit 2.
"$bin" parse "$data/garbage.txt" >"$tmp/g.out" 2>"$tmp/g.err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$tmp/g.out" ] &&
    grep -Eq "^ticker: .*garbage\.txt: line [0-9]+, column [0-9]+: .+" "$tmp/g.err"; then
    ok "garbage -> exit 2 with position"
else
    bad "garbage: rc=$rc, stderr: $(cat "$tmp/g.err")"
fi

# 4. An HTML page is not a feed.
"$bin" parse "$data/not-a-feed.html" 2>"$tmp/h.err" >/dev/null
rc=$?
[ $rc -eq 2 ] && grep -q "line 2, column .*: not a feed" "$tmp/h.err" && ok "html -> not a feed" ||
    bad "html: rc=$rc $(cat "$tmp/h.err")"

# 5. Invalid JSON: line and column.
"$bin" parse "$data/invalid.json" 2>"$tmp/ij.err" >/dev/null
rc=$?
[ $rc -eq 2 ] && grep -q "invalid.json: line 5, column " "$tmp/ij.err" && ok "invalid json position" ||
    bad "invalid json: rc=$rc $(cat "$tmp/ij.err")"

# 6. Ill-formed with items: exit 0, "wellformed": false.
"$bin" parse "$data/truncated.xml" >"$tmp/t.json"
rc=$?
[ $rc -eq 0 ] &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["wellformed"] is False and len(d["items"])==2' "$tmp/t.json" &&
    ok "ill-formed with items" || bad "ill-formed: rc=$rc"

# 7. Standard input.
"$bin" parse - <"$data/atom10.xml" >"$tmp/s.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="atom10" and len(d["items"])==3' "$tmp/s.json" &&
    ok "stdin" || bad "stdin"
printf 'not xml' | "$bin" parse - 2>"$tmp/se.err" >/dev/null
[ $? -eq 2 ] && grep -q "^ticker: <stdin>: line 1, column 1: " "$tmp/se.err" && ok "stdin error names <stdin>" ||
    bad "stdin error: $(cat "$tmp/se.err")"

# 8. --content-type charset overrides the declaration.
"$bin" parse "$data/charset-http-override.xml" --content-type "application/rss+xml; charset=windows-1251" >"$tmp/c.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["items"][0]["title"]=="Новости дня", d["items"][0]["title"]' "$tmp/c.json" &&
    ok "content-type charset" || bad "content-type charset"

# 9. --url resolves relative links.
"$bin" parse "$data/relative-links.xml" --url https://site.example/feeds/atom.xml >"$tmp/r.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["items"][0]["link"]=="https://site.example/blog/2026/03/post.html"' "$tmp/r.json" &&
    ok "--url" || bad "--url"

# 10. Usage errors and missing or oversized files exit 2.
"$bin" parse >/dev/null 2>&1; [ $? -eq 2 ] && ok "no file -> 2" || bad "no file"
"$bin" parse a b >/dev/null 2>&1; [ $? -eq 2 ] && ok "two files -> 2" || bad "two files"
"$bin" parse --bogus x >/dev/null 2>&1; [ $? -eq 2 ] && ok "bad option -> 2" || bad "bad option"
"$bin" parse "$tmp/does-not-exist.xml" 2>"$tmp/m.err" >/dev/null
[ $? -eq 2 ] && grep -q "does-not-exist.xml" "$tmp/m.err" && ok "missing file" || bad "missing file"
head -c $((8 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/huge.xml"
"$bin" parse "$tmp/huge.xml" 2>"$tmp/big.err" >/dev/null
[ $? -eq 2 ] && grep -q "huge.xml" "$tmp/big.err" && ok "over 8 MiB" || bad "over 8 MiB: $(cat "$tmp/big.err")"

# 11. The caps can be changed: --max-bytes (either way) and --max-items.
size=$(wc -c <"$data/rss20-basic.xml")
"$bin" parse "$data/rss20-basic.xml" --max-bytes $((size - 1)) 2>"$tmp/mb.err" >/dev/null
[ $? -eq 2 ] && grep -q "rss20-basic.xml: .*limit of $((size - 1)) bytes" "$tmp/mb.err" &&
    ok "--max-bytes below the size" || bad "--max-bytes below: $(cat "$tmp/mb.err")"
"$bin" parse - --max-bytes 100 <"$data/rss20-basic.xml" 2>"$tmp/mbs.err" >/dev/null
[ $? -eq 2 ] && grep -q "^ticker: <stdin>: .*limit of 100 bytes" "$tmp/mbs.err" &&
    ok "--max-bytes on stdin" || bad "--max-bytes on stdin: $(cat "$tmp/mbs.err")"
"$bin" parse "$data/rss20-basic.xml" --max-bytes "$size" >/dev/null && ok "--max-bytes = size" ||
    bad "--max-bytes = size"
$py -c '
import sys
pad = "<!-- " + "padding " * (1100 * 1024) + "-->\n"
sys.stdout.write("<rss version=\"2.0\"><channel><title>Big</title>" + pad +
                 "<item><title>Past 8 MiB</title><link>https://big.example/1</link></item>"
                 "</channel></rss>\n")' >"$tmp/big.xml"
"$bin" parse "$tmp/big.xml" >/dev/null 2>&1; [ $? -eq 2 ] && ok "9 MB refused by default" ||
    bad "9 MB accepted by default"
"$bin" parse "$tmp/big.xml" --max-bytes 16777216 >"$tmp/bigok.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["items"][0]["title"]=="Past 8 MiB"' "$tmp/bigok.json" &&
    ok "--max-bytes raises the cap" || bad "--max-bytes raises the cap"
"$bin" parse "$data/rss20-basic.xml" --max-items 2 >"$tmp/mi.json" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["items"])==2' "$tmp/mi.json" &&
    ok "--max-items" || bad "--max-items"
for arg in 0 -5 12x ""; do
    "$bin" parse "$data/rss20-basic.xml" --max-bytes "$arg" >/dev/null 2>"$tmp/mbb.err"
    [ $? -eq 2 ] && grep -q -- "--max-bytes" "$tmp/mbb.err" && ok "--max-bytes '$arg' refused" ||
        bad "--max-bytes '$arg'"
done

# 12. Attacks are errors with a position: entity bomb, external entity, 10,000-deep nesting.
for f in attack-billion-laughs.xml attack-xxe.xml; do
    "$bin" parse "$data/$f" >"$tmp/a.out" 2>"$tmp/a.err"
    rc=$?
    [ $rc -eq 2 ] && [ ! -s "$tmp/a.out" ] && grep -Eq "^ticker: .*$f: line [0-9]+, column [0-9]+: .*entit" "$tmp/a.err" &&
        ok "$f -> exit 2" || bad "$f: rc=$rc $(cat "$tmp/a.err")"
done
$py -c 'print("<rss><channel><item><title>x</title><description>" + "<b>" * 10000)' >"$tmp/deep.xml"
"$bin" parse "$tmp/deep.xml" >/dev/null 2>"$tmp/d.err"
[ $? -eq 2 ] && grep -q "nested deeper than 256 levels" "$tmp/d.err" && ok "deep nesting -> exit 2" ||
    bad "deep nesting: $(cat "$tmp/d.err")"

# 13. The demo feeds all parse.
n_demo=0
for f in "$(dirname "$0")"/../../assets/demo/*; do
    [ -e "$f" ] || continue
    n_demo=$((n_demo + 1))
    "$bin" parse "$f" >"$tmp/demo.json" &&
        $py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["wellformed"] and len(d["items"])>=8' "$tmp/demo.json" &&
        ok "demo $(basename "$f")" || bad "demo $(basename "$f")"
done
[ $n_demo -ge 3 ] && ok "$n_demo demo feeds checked" || bad "demo feeds: found $n_demo, want 3 or more"

exit $fail
