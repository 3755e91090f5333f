#!/usr/bin/env bash
# Many displays, one hub (docs/hub.md), with a real nginx on 127.0.0.1 serving the hub's export
# through the shipped site snippet (firmware/nginx-ticker-hub.conf), and the hub exporting with
# the commands of the shipped unit (firmware/ticker-hub.service.in):
# - the hub fetches a publisher (tests/feedserver.py: thin items, so it fetches the article
#   pages) and a file feed with images, summarises and exports JSON Feed 1.1;
# - two displays take the hub's URL as their one feed: they keep the hub's titles, summaries and
#   images exactly, and never ask the publisher for anything (no second article fetch);
# - an export with nothing new leaves the file alone, and the displays' next requests are
#   conditional and answered 304; after the publisher changes, they get the new story.
# Usage: hub.sh PATH/TO/ticker. Skips (exit 0 with a note) where nginx is not installed.
set -u
ticker=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
nginx_pid=
. "$here/../feedserver.sh"
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    feedserver_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi
}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
    echo "SKIP: nginx is not installed (toolchain/install-deps.sh installs nginx-light)"
    exit 0
fi
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/xdg-cache
unset TICKER_CONFIG

feedserver_start "$tmp" 2>"$tmp/feedserver.err" || exit 1
get() { /usr/bin/python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$1"; }

# nginx: the shipped snippet, listening on a free loopback port and serving this test's folder.
nport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx/logs" "$tmp/hub"
chmod 755 "$tmp" "$tmp/hub"
sed -e "s|listen 80;|listen 127.0.0.1:$nport;|" -e '/listen \[::\]:80;/d' \
    -e "s|/var/lib/ticker-hub/feed.json|$tmp/hub/feed.json|" \
    "$src/firmware/nginx-ticker-hub.conf" >"$tmp/nginx/site.conf"
user_line=
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$tmp/nginx/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events { worker_connections 64; }
http {
    types { application/json json; }
    log_format cond '\$status "\$request" inm="\$http_if_none_match" ims="\$http_if_modified_since"';
    access_log $tmp/nginx/logs/access.log cond;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    include $tmp/nginx/site.conf;
}
CONF
"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>"$tmp/nginx/stderr" &
nginx_pid=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$nport") 2>/dev/null && break
    sleep 0.1
done
check "nginx started with the shipped snippet" $(kill -0 "$nginx_pid" 2>/dev/null; echo $?)
hub_url="http://127.0.0.1:$nport/ticker/feed.json"

# The hub: a thin publisher feed (articles fetched) and a file feed with images on loopback.
cat >"$tmp/images.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures</title>
<item><title>Harbour crane lifts the new lock gate into place</title>
<link>$base/article/pic-1?len=6</link><guid>pic-1</guid>
<pubDate>$(date -u -R -d '-2 hours')</pubDate>
<description>The gate weighs 400 tonnes. Work on the lock resumes next week.</description>
<media:content url="$base/img/pic-1.jpg" medium="image"/></item>
</channel></rss>
XML
cat >"$tmp/hub.json" <<JSON
{"feeds": [{"url": "$base/feed/pub?items=3", "name": "Publisher"},
           {"url": "file://$tmp/images.xml", "name": "Pictures"}],
 "fetch_articles": true, "summary": {"article_threshold": 400}}
JSON
# The unit's commands, with this test's paths for the installed ones.
unit=$src/firmware/ticker-hub.service.in
run_unit() {
    local line cmd
    while IFS= read -r line; do
        cmd=${line#ExecStart=}
        cmd=${cmd#-}
        cmd=${cmd//@CMAKE_INSTALL_FULL_BINDIR@\/ticker/$ticker}
        cmd=${cmd//\/var\/lib\/ticker\/cache.db/$tmp/hub.db}
        (cd "$tmp/hub" && TICKER_CONFIG=$tmp/hub.json eval "$cmd") >>"$tmp/hub.log" 2>&1 ||
            [ "${line#ExecStart=-}" != "$line" ] || return 1
    done < <(grep '^ExecStart=' "$unit")
}
run_unit
check "the hub unit's commands fetch and export" $?
[ -s "$tmp/hub/feed.json" ] && [ ! -e "$tmp/hub/feed.json.new" ]
check "the export is in place (written beside, then renamed)" $?
articles() { get "$base/_log" | /usr/bin/python3 -c '
import json, sys
print(sum(1 for r in json.load(sys.stdin) if r["path"].startswith("/article/")))'; }
hub_articles=$(articles)
check "the hub fetched the publisher's article pages ($hub_articles)" $([ "$hub_articles" -ge 3 ]; echo $?)

# Two displays, the hub's feed as their only feed.
for d in a b; do
    cat >"$tmp/$d.json" <<JSON
{"feeds": [{"url": "$hub_url", "name": "Hub"}], "fetch_articles": true}
JSON
    "$ticker" fetch --config "$tmp/$d.json" --cache "$tmp/$d.db" >"$tmp/$d-1.out" 2>&1
    check "display $d fetches the hub's feed" $?
done
# What each cache holds, as (link, title, summary, image), compared with the hub's.
stories() {
    "$ticker" cache export --json-feed - --config "$2" --cache "$1" 2>/dev/null |
        /usr/bin/python3 -c '
import json, sys
for it in json.load(sys.stdin)["items"]:
    print(json.dumps([it.get("url"), it.get("title"), it.get("summary"), it.get("image")]))' |
        sort
}
stories "$tmp/hub.db" "$tmp/hub.json" >"$tmp/hub.stories"
[ "$(wc -l <"$tmp/hub.stories")" -eq 4 ]
r=$?
check "the hub has 4 stories ($(wc -l <"$tmp/hub.stories"))" $r
grep -q 'pic-1.jpg' "$tmp/hub.stories"
check "the hub's export carries the image" $?
grep -q 'tram line' "$tmp/hub.stories"
check "the hub's summaries come from the article pages" $?
for d in a b; do
    stories "$tmp/$d.db" "$tmp/$d.json" >"$tmp/$d.stories"
    diff "$tmp/hub.stories" "$tmp/$d.stories" >"$tmp/$d.diff"
    check "display $d keeps the hub's links, titles, summaries and images exactly" $?
    [ -s "$tmp/$d.diff" ] && head -n 8 "$tmp/$d.diff"
done
after=$(articles)
check "no display fetched an article page itself ($hub_articles -> $after)" \
    $([ "$after" -eq "$hub_articles" ]; echo $?)
others=$(get "$base/_log" | /usr/bin/python3 -c '
import json, sys
print(len(json.load(sys.stdin)))')

# Nothing new: the export leaves the file (and its ETag) alone; displays ask conditionally.
before=$(stat -c %Y.%s "$tmp/hub/feed.json")
sleep 1
run_unit
check "a second hub run succeeds" $?
[ "$(stat -c %Y.%s "$tmp/hub/feed.json")" = "$before" ]
check "an unchanged export does not touch the file" $?
for d in a b; do
    "$ticker" fetch --config "$tmp/$d.json" --cache "$tmp/$d.db" >"$tmp/$d-2.out" 2>&1
    grep -Eq '^not-modified +304 ' "$tmp/$d-2.out"
    r=$?
    check "display $d's second fetch is a 304 ($(head -c 120 "$tmp/$d-2.out"))" $r
done
n304=$(grep -c '^304 "GET /ticker/feed.json HTTP/1.1" inm="[^"]' "$tmp/nginx/logs/access.log")
check "nginx saw two conditional requests answered 304 ($n304)" $([ "$n304" -eq 2 ]; echo $?)

# The publisher changes: one more story reaches both displays through the hub.
get "$base/_bump/pub" >/dev/null
run_unit
check "the hub run after a change succeeds" $?
stories "$tmp/hub.db" "$tmp/hub.json" >"$tmp/hub.stories"
for d in a b; do
    "$ticker" fetch --config "$tmp/$d.json" --cache "$tmp/$d.db" >"$tmp/$d-3.out" 2>&1
    grep -Eq '^ok +200 +1 ' "$tmp/$d-3.out"
    r=$?
    check "display $d gets the one new story ($(head -c 120 "$tmp/$d-3.out"))" $r
    stories "$tmp/$d.db" "$tmp/$d.json" >"$tmp/$d.stories"
    diff -q "$tmp/hub.stories" "$tmp/$d.stories" >/dev/null
    check "display $d still matches the hub exactly" $?
done
[ "$(articles)" -eq $((hub_articles + 1)) ]
check "only the hub fetched the new article page" $?
if [ $fail -ne 0 ]; then
    echo "--- hub log"; tail -n 20 "$tmp/hub.log"
    echo "--- nginx access log"; cat "$tmp/nginx/logs/access.log"
fi
exit $fail
