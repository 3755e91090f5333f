#!/usr/bin/env bash
# Bounded work on hostile markup (issue 9 item 1): every document of the test data and the fuzz
# corpora parses within the CPU budget, and the attribute floods (generated here, not stored)
# are refused or cut at once instead of costing libxml2 quadratic time.
# Called as: budget.sh path/to/ticker
. "$(dirname "$0")/lib.sh" "$@"
corpus=$tests/fuzz/corpus

# Runs `ticker ARGS FILE` over every file; prints how many there were and lists (in
# $tmp/over) those whose error says "budget".
over_budget() { # list-file args...
    local list=$1 n=0 f
    shift
    : >"$tmp/over"
    while IFS= read -r f; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        "$ticker" "$@" "$f" >/dev/null 2>"$tmp/err"
        if grep -q "budget" "$tmp/err"; then
            echo "$f: $(head -c 200 "$tmp/err")" >>"$tmp/over"
        fi
    done <"$list"
    echo "$n"
}

# Passes when FILE is empty; otherwise shows it (the documents over budget).
empty() { if [ -s "$1" ]; then cat "$1"; return 1; fi; }

# 1. Feeds: whatever `ticker parse` says about them, it is never "budget".
printf '%s\n' "$data"/feeds/* "$data"/render/*.xml "$data"/render/*.json "$corpus"/feed/* \
    >"$tmp/feeds"
n=$(over_budget "$tmp/feeds" parse)
expect "feeds: more than 100 documents" test "$n" -gt 100
expect "feeds: $n documents, none over the CPU budget" empty "$tmp/over"

# 2. HTML pages and fragments, through the extraction path.
printf '%s\n' "$data"/articles/*.html "$corpus"/html/* "$corpus"/extract/* >"$tmp/pages"
n=$(over_budget "$tmp/pages" summarize --html)
expect "pages: more than 50 documents" test "$n" -gt 50
expect "pages: $n documents, none over the CPU budget" empty "$tmp/over"

# 3. The floods. `timeout` only tells a hang from an answer (the unguarded parser took 26 s
# on the feed, 11 s on the page); nothing here measures speed.
/usr/bin/python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
attrs = " ".join('a%d="%d"' % (i, i) for i in range(200000))
open(d + "/flood.xml", "w").write(
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Flood</title>\n'
    "<item %s><title>x</title></item></channel></rss>\n" % attrs)
attrs = "".join("a%d='1'" % i for i in range(40000))  # no spaces: still 40,000
open(d + "/flood.html", "w").write(
    "<html><head><title>Flooded page</title></head><body><div %s>"
    "<p>The harbour ferry leaves at seven, and the council has promised a second boat for "
    "the summer, when the island fills with visitors and the queues grow long.</p>"
    "</div></body></html>\n" % attrs)
PY
run timeout 60 "$ticker" parse "$tmp/flood.xml"
expect_status 2 "feed with 200,000 attributes on an item: exit 2"
expect_stderr "flood.xml: line 3, column [0-9]*: an element with more than 256 attributes \(an attribute flood\) refused" \
    "... refused with its position"

run timeout 60 "$ticker" summarize --html "$tmp/flood.html"
expect_status 0 "page with 40,000 attributes on a div: exit 0"
expect_json "'harbour ferry' in d['summary']" "... summarised, the flood cut"
