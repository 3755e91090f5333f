#!/usr/bin/env bash
# `ticker fetch` of hostile and changing content from tests/feedserver.py on 127.0.0.1 (issue 9
# items 1 and 7): an attribute flood in a feed fails that feed alone, with its URL and the
# cause, while the other feeds are stored; a flooded article page is cut with a warning naming
# it, its headline is stored and still summarised from the page; a corrected item (same id,
# new text) gets the new summary, and its feed's line says so.
# The floods are made by the server (200,000 attributes, about 2.2 MB; 40,000 on a <div>):
# nothing big is stored. `timeout` only tells a hang from an answer (unguarded, libxml2 took
# 26 s on such a feed); nothing here measures speed.
# Usage: fetch_content.sh PATH/TO/ticker   (run from tests/, as CTest does)
. "$(dirname "$0")/lib.sh" "$@"
. "$tests/feedserver.sh"
at_exit feedserver_stop
feedserver_start "$tmp" || exit 1

get() { /usr/bin/python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$1"; }

# The stored items as JSON Feed (the summaries included), for expect_json.
export_items() { # config cache
    run "$ticker" cache export --json-feed - --config "$1" --cache "$2"
}

# 1. A feed whose first <item> carries 200,000 attributes, between two ordinary feeds; and the
# same feed with 200 attributes (under the cap), so the cap is shown to be the cause.
cat >"$tmp/flood.json" <<JSON
{"fetch_articles": false, "feeds": [
  {"url": "$base/feed/before?items=3", "name": "before"},
  {"url": "$base/flood/feed/fl", "name": "flood"},
  {"url": "$base/flood/feed/mild?attrs=200", "name": "mild"},
  {"url": "$base/feed/after?items=4", "name": "after"}]}
JSON
run timeout 120 "$ticker" fetch --config "$tmp/flood.json" --cache "$tmp/flood.db"
expect_status 0 "a flooded feed among good ones: exit 0 (some feeds succeeded)"
expect_stdout "^parse +200 +0 +[0-9]+ +[0-9]+  flood  \[$base/flood/feed/fl: not a usable feed: line 3, column [0-9]+: an element with more than 256 attributes \(an attribute flood\) refused\]$" \
    "the flooded feed's line names its URL, the place and the cause"
expect "... and its body was the whole flood (over 2 MB)" bash -c \
    "grep -E ' flood  \\[' '$tmp/stdout' | awk '{exit !(\$4 > 2000000)}'"
expect_stdout '^ok +200 +2 +[0-9]+ +[0-9]+  mild$' "200 attributes on an item are accepted"
expect_stdout '^ok +200 +3 +[0-9]+ +[0-9]+  before$' "the feed before it got its items"
expect_stdout '^ok +200 +4 +[0-9]+ +[0-9]+  after$' "the feed after it got its items"
export_items "$tmp/flood.json" "$tmp/flood.db"
expect_json "sorted(i['_ticker']['source'] for i in d['items']) == ['after'] * 4 + ['before'] * 3 + ['mild'] * 2" \
    "the cache holds the good feeds' items and nothing of the flood"
run "$ticker" cache stats --config "$tmp/flood.json" --cache "$tmp/flood.db"
expect_stdout 'an attribute flood' "cache stats keeps the flood as the feed's last error"

# 2. A headline-only item whose article page has a <div> of 40,000 attributes around the text.
cat >"$tmp/page.json" <<JSON
{"fetch_articles": true, "feeds": [
  {"url": "$base/feed/fa?items=1&desc=none&art=flood", "name": "flooded-page"},
  {"url": "$base/feed/calm?items=2&desc=long", "name": "calm"}]}
JSON
run timeout 120 "$ticker" fetch --config "$tmp/page.json" --cache "$tmp/page.db"
expect_status 0 "a flooded article page: the cycle completes, exit 0"
expect_stdout '^ok +200 +1 +[0-9]+ +[0-9]+  flooded-page$' "the headline is stored"
expect_stdout '^ok +200 +2 +[0-9]+ +[0-9]+  calm$' "the other feed too"
expect_stderr "$base/flood/article/fa-0: article page has an element with more than 64 attributes \(an attribute flood\); the surplus is cut" \
    "the log names the page and the flood"
expect_stderr 'fetching 1 article page for summaries' "the page was fetched"
export_items "$tmp/page.json" "$tmp/page.db"
expect_json "[i['title'] for i in d['items'] if i['_ticker']['source'] == 'flooded-page'] == ['fa story 0']" \
    "the flooded page's headline is in the cache"
expect_json "any(i['_ticker']['source'] == 'flooded-page' and 'new tram line' in i['summary'] for i in d['items'])" \
    "... summarised from the page's text (the item has none of its own)"

# 3. A correction: the publisher changes the newest item's text under the same id.
cat >"$tmp/corr.json" <<JSON
{"fetch_articles": false, "feeds": [
  {"url": "$base/feed/corr?items=3", "name": "corr"},
  {"url": "$base/feed/steady?items=2", "name": "steady"}]}
JSON
run "$ticker" fetch --config "$tmp/corr.json" --cache "$tmp/corr.db"
expect_status 0 "before the correction"
expect_stdout '^ok +200 +3 +[0-9]+ +[0-9]+  corr$' "three new items"
export_items "$tmp/corr.json" "$tmp/corr.db"
expect_json "[i['summary'] for i in d['items'] if i['_ticker']['item_id'] == 'corr-2'] == ['Short note 2 from corr.']" \
    "the first text is stored"
get "$base/_correct/corr" >/dev/null
run "$ticker" fetch --config "$tmp/corr.json" --cache "$tmp/corr.db"
expect_status 0 "after the correction"
expect_stdout '^ok +200 +0 +[0-9]+ +[0-9]+  corr  \(1 changed\)$' "the line says no new item, one changed"
expect_stdout '^not-modified +304 +0 +[0-9]+ +[0-9]+  steady$' "the other feed is unchanged"
expect "... and only the corrected feed mentions a change" test "$(grep -c 'changed' "$tmp/stdout")" -eq 1
export_items "$tmp/corr.json" "$tmp/corr.db"
expect_json "[i['summary'] for i in d['items'] if i['_ticker']['item_id'] == 'corr-2'][0].startswith('Correction to story 2 of corr: the council met on Wednesday')" \
    "the stored summary is the corrected text"
expect_json "[i['summary'] for i in d['items'] if i['_ticker']['item_id'] == 'corr-1'] == ['Short note 1 from corr.']" \
    "the other items keep theirs"
expect_json "sum(i['_ticker']['source'] == 'corr' for i in d['items']) == 3" "still three items, none doubled"
run "$ticker" fetch --config "$tmp/corr.json" --cache "$tmp/corr.db"
expect_stdout '^not-modified +304 +0 +[0-9]+ +[0-9]+  corr$' "the next poll: nothing new, nothing changed"
