#!/usr/bin/env bash
# `ticker parse`: JSON shape, error format and exit codes. Called as: parse.sh path/to/ticker
. "$(dirname "$0")/lib.sh" "$@"
feeds=$data/feeds

# 1. Every key, in the documented shape.
run "$ticker" parse "$feeds/rss20-basic.xml" --url https://courier.example/feed.rss
expect_status 0 "rss20-basic.xml: exit 0"
cp "$tmp/stdout" "$tmp/out.json"
expect "keys and values" /usr/bin/python3 - "$tmp/out.json" <<'PY'
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

# 2. JSON Feed; null ttl.
run "$ticker" parse "$feeds/jsonfeed11.json"
expect_status 0 "jsonfeed: exit 0"
expect_json 'd["format"]=="jsonfeed" and d["feed"]["ttl"] is None and len(d["items"])==3' "jsonfeed"

# 3. Garbage: error with file, line and column; exit 2.
run "$ticker" parse "$feeds/garbage.txt"
expect_status 2 "garbage: exit 2"
expect_no_stdout "garbage: nothing on stdout"
expect_stderr "^ticker: .*garbage\.txt: line [0-9]+, column [0-9]+: .+" "garbage: the position"

# 4. An HTML page is not a feed.
run "$ticker" parse "$feeds/not-a-feed.html"
expect_status 2 "html: exit 2"
expect_stderr "line 2, column .*: not a feed" "html: not a feed"

# 5. Invalid JSON: line and column.
run "$ticker" parse "$feeds/invalid.json"
expect_status 2 "invalid json: exit 2"
expect_stderr "invalid.json: line 5, column " "invalid json: position"

# 6. Ill-formed with items: exit 0, "wellformed": false.
run "$ticker" parse "$feeds/truncated.xml"
expect_status 0 "ill-formed with items: exit 0"
expect_json 'd["wellformed"] is False and len(d["items"])==2' "ill-formed with items"

# 7. Standard input.
run_in "$feeds/atom10.xml" "$ticker" parse -
expect_status 0 "stdin: exit 0"
expect_json 'd["format"]=="atom10" and len(d["items"])==3' "stdin"
printf 'not xml' >"$tmp/notxml"
run_in "$tmp/notxml" "$ticker" parse -
expect_status 2 "stdin error: exit 2"
expect_stderr "^ticker: <stdin>: line 1, column 1: " "stdin error names <stdin>"

# 8. --content-type charset overrides the declaration.
run "$ticker" parse "$feeds/charset-http-override.xml" \
    --content-type "application/rss+xml; charset=windows-1251"
expect_status 0 "content-type charset: exit 0"
expect_json 'd["items"][0]["title"]=="Новости дня"' "content-type charset"

# 9. --url resolves relative links.
run "$ticker" parse "$feeds/relative-links.xml" --url https://site.example/feeds/atom.xml
expect_status 0 "--url: exit 0"
expect_json 'd["items"][0]["link"]=="https://site.example/blog/2026/03/post.html"' "--url"

# 10. Usage errors and missing or oversized files exit 2.
run "$ticker" parse
expect_status 2 "no file -> 2"
run "$ticker" parse a b
expect_status 2 "two files -> 2"
run "$ticker" parse --bogus x
expect_status 2 "bad option -> 2"
run "$ticker" parse "$tmp/does-not-exist.xml"
expect_status 2 "missing file -> 2"
expect_stderr "does-not-exist.xml" "missing file named"
head -c $((8 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/huge.xml"
run "$ticker" parse "$tmp/huge.xml"
expect_status 2 "over 8 MiB -> 2"
expect_stderr "huge.xml" "over 8 MiB: the file named"

# 11. The caps can be changed: --max-bytes (either way) and --max-items.
size=$(wc -c <"$feeds/rss20-basic.xml")
run "$ticker" parse "$feeds/rss20-basic.xml" --max-bytes $((size - 1))
expect_status 2 "--max-bytes below the size -> 2"
expect_stderr "rss20-basic.xml: .*limit of $((size - 1)) bytes" "--max-bytes below the size"
run_in "$feeds/rss20-basic.xml" "$ticker" parse - --max-bytes 100
expect_status 2 "--max-bytes on stdin -> 2"
expect_stderr "^ticker: <stdin>: .*limit of 100 bytes" "--max-bytes on stdin"
run "$ticker" parse "$feeds/rss20-basic.xml" --max-bytes "$size"
expect_status 0 "--max-bytes = size"
/usr/bin/python3 -c '
import sys
pad = "<!-- " + "padding " * (1100 * 1024) + "-->\n"
sys.stdout.write("<rss version=\"2.0\"><channel><title>Big</title>" + pad +
                 "<item><title>Past 8 MiB</title><link>https://big.example/1</link></item>"
                 "</channel></rss>\n")' >"$tmp/big.xml"
run "$ticker" parse "$tmp/big.xml"
expect_status 2 "9 MB refused by default"
run "$ticker" parse "$tmp/big.xml" --max-bytes 16777216
expect_status 0 "--max-bytes raises the cap: exit 0"
expect_json 'd["items"][0]["title"]=="Past 8 MiB"' "--max-bytes raises the cap"
run "$ticker" parse "$feeds/rss20-basic.xml" --max-items 2
expect_status 0 "--max-items: exit 0"
expect_json 'len(d["items"])==2' "--max-items"
for arg in 0 -5 12x ""; do
    run "$ticker" parse "$feeds/rss20-basic.xml" --max-bytes "$arg"
    expect_status 2 "--max-bytes '$arg' refused"
    expect_stderr "^ticker parse: --max-bytes wants a whole number from 1 to 1073741824, not '$arg'$" \
        "--max-bytes '$arg': the range and the value"
done

# 12. Attacks are errors with a position: entity bomb, external entity, 10,000-deep nesting.
for f in attack-billion-laughs.xml attack-xxe.xml; do
    run "$ticker" parse "$feeds/$f"
    expect_status 2 "$f -> exit 2"
    expect_no_stdout "$f: nothing on stdout"
    expect_stderr "^ticker: .*$f: line [0-9]+, column [0-9]+: .*entit" "$f: position, entities"
done
/usr/bin/python3 -c 'print("<rss><channel><item><title>x</title><description>" + "<b>" * 10000)' \
    >"$tmp/deep.xml"
run "$ticker" parse "$tmp/deep.xml"
expect_status 2 "deep nesting -> exit 2"
expect_stderr "nested deeper than 256 levels" "deep nesting: said so"

# 13. The demo feeds all parse.
n_demo=0
for f in "$root"/assets/demo/*; do
    [ -e "$f" ] || continue
    n_demo=$((n_demo + 1))
    run "$ticker" parse "$f"
    expect_status 0 "demo $(basename "$f"): exit 0"
    expect_json 'd["wellformed"] and len(d["items"])>=8' "demo $(basename "$f"): eight items or more"
done
expect "$n_demo demo feeds checked (3 or more)" test "$n_demo" -ge 3
